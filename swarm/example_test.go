package swarm_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/cdnkit/cdnkit/swarm"
)

// t1 is the two-hop vector of the package spec: one swarm of 3 pieces of
// 1000 B, a cache (host 0) and two members, one upload slot each.
func t1() *swarm.Scenario {
	return &swarm.Scenario{
		Swarms: []swarm.Swarm{{Name: "file", Pieces: 3, PieceSize: 1000}},
		Hosts: []swarm.Host{
			{Kind: swarm.Cache, Up: 1000, Swarm: -1, Cached: []int{0}},
			{Kind: swarm.Peer, Up: 1000, Down: 1e6, Swarm: 0},
			{Kind: swarm.Peer, Up: 1000, Down: 1e6, Swarm: 0},
		},
		Duration: 4 * time.Second,
		Slots:    1,
		Epoch:    time.Second,
		Redeem:   time.Second,
	}
}

func ExampleSimulate() {
	r, err := swarm.Simulate(context.Background(), t1(), swarm.BTEqualSplit{}, &swarm.Settings{Src: rand.NewPCG(1, 2), RecordPieces: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("uploaded", r.Uploaded, "downloaded", r.Downloaded)
	for _, e := range r.Events {
		if e.Kind == swarm.Piece {
			fmt.Printf("T=%v %d→%d root=%v\n", e.T, e.From, e.To, e.Parent < 0)
		}
	}
	// Output:
	// uploaded 6000 downloaded 6000
	// T=1s 0→1 root=true
	// T=2s 0→2 root=true
	// T=2s 1→2 root=false
	// T=3s 0→1 root=true
	// T=3s 2→1 root=false
	// T=4s 0→2 root=true
}

func ExampleCPM() {
	r, err := swarm.Simulate(context.Background(), t1(), swarm.BTEqualSplit{}, &swarm.Settings{Src: rand.NewPCG(1, 2)})
	if err != nil {
		fmt.Println(err)
		return
	}
	var sizes []int
	for _, e := range r.Ledger.Roots(0, 0) {
		sizes = append(sizes, swarm.TreeSize(r.Ledger, e, time.Minute))
	}
	fmt.Println("tree sizes", sizes)
	est := swarm.CPM(r.Ledger, 0, 0, time.Minute, 0, 4*time.Second)
	fmt.Printf("CPM %.4g over %d roots\n", est.Mean, est.N)
	// Output:
	// tree sizes [2 2 1 1]
	// CPM 1.5 over 4 roots
}

func ExampleFluidBound() {
	// One cache (100 B/s) serving a 10-member swarm and a 2-member swarm.
	sc := &swarm.Scenario{
		Swarms:   []swarm.Swarm{{Pieces: 10, PieceSize: 1000}, {Pieces: 10, PieceSize: 1000}},
		Hosts:    []swarm.Host{{Kind: swarm.Cache, Up: 100, Swarm: -1, Cached: []int{0, 1}}},
		Duration: time.Minute,
	}
	for i := 0; i < 10; i++ {
		sc.Hosts = append(sc.Hosts, swarm.Host{Up: 50, Down: 1000, Swarm: 0})
	}
	for i := 0; i < 2; i++ {
		sc.Hosts = append(sc.Hosts, swarm.Host{Up: 25, Down: 5000, Swarm: 1})
	}
	b, err := swarm.FluidBound(sc, 0, sc.Duration)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("F* = %.4g B/s, x* = (%.4g, %.4g)\n", b.Total, b.X[0][0], b.X[0][1])
	// Output:
	// F* = 644.4 B/s, x* = (55.56, 44.44)
}

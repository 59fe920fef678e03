package lyapunov

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

// benchView returns a View of n video members (θ ∈ [0.5, 1.5], buffers in
// [0, 27] s, all admissible) with a fixed seed.
func benchView(n int) *device.View {
	r := rand.New(rand.NewPCG(1, 2))
	users := make([]device.User, n)
	for k := range users {
		users[k] = vecUser(0.5+r.Float64(), true)
	}
	sc := vecScenario(users...)
	v := &device.View{Capacity: 2.5, Self: 0, Scenario: sc, Now: 100}
	for k := range users {
		v.Members = append(v.Members, vecMember(sc, k, 27*r.Float64(), 0, r.IntN(5)))
	}
	return v
}

func BenchmarkDecide(b *testing.B) {
	for _, c := range []struct {
		name string
		n    int
	}{{"group=10/levels=5", 10}, {"group=50/levels=5", 50}, {"single/levels=5", 1}} {
		v := benchView(c.n)
		b.Run(c.name, func(b *testing.B) {
			p := mustNew(b, nil)
			p.Reset(v.Scenario)
			b.ReportAllocs()
			for b.Loop() {
				p.Decide(v)
			}
		})
		// Peer: the paper's buffer-based baseline on the same View.
		b.Run(c.name+"/peer=BufferBased", func(b *testing.B) {
			p := &device.BufferBased{Owner: device.DefaultOwnerRule()}
			b.ReportAllocs()
			for b.Loop() {
				p.Decide(v)
			}
		})
	}
}

func BenchmarkBOLADecide(b *testing.B) {
	v := benchView(1)
	p := &BOLA{}
	b.ReportAllocs()
	for b.Loop() {
		p.Decide(v)
	}
}

func BenchmarkSimulatePaper(b *testing.B) {
	pool := device.SyntheticPool(200, rand.NewPCG(1, 2))
	sc, err := device.NewPaperScenario(device.PaperConfig{Users: 50, VideoShare: 0.5, Traces: pool}, rand.NewPCG(1, 1))
	if err != nil {
		b.Fatal(err)
	}
	for _, pc := range []struct {
		name string
		mk   func() device.Policy
	}{
		{"lyapunov", defaultFactory},
		{"peer=BufferBased", func() device.Policy { return &device.BufferBased{Owner: device.DefaultOwnerRule()} }},
	} {
		b.Run(pc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := device.Simulate(context.Background(), sc, pc.mk(), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

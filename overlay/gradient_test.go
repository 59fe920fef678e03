package overlay

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"
)

// TestGradientBruteForce is the certificate test of spec §5: on 1,500 seeded
// random instances with n ≤ 8, OPT ≤ Penalty ≤ Bound·OPT, LowerBound ≤ OPT,
// C0–C2 on every offset, and Gradient ≤ both baselines; also K = 1 without
// candidates stays within ProvenRatio(e, 1).
func TestGradientBruteForce(t *testing.T) {
	trials := 1500
	if testing.Short() {
		trials = 300
	}
	src := rand.NewPCG(1, 2)
	r := rand.New(src) // n is drawn from the same stream as the instances
	var worst16, worst1, maxLB float64
	var lbs []float64
	optimal := 0
	for it := 0; it < trials; it++ {
		n := 1 + r.IntN(8)
		inst := RandomInstance(n, src)
		opt, err := BruteForce(inst)
		if err != nil {
			t.Fatal(err)
		}
		got, err := Gradient(context.Background(), inst, nil)
		if err != nil {
			t.Fatal(err)
		}
		o := opt.Penalty
		tol := 1e-9 * math.Max(1, o)
		if got.Penalty < o-tol || got.Penalty > got.Bound*o+tol {
			t.Fatalf("trial %d: OPT %v Gradient %v Bound %v", it, o, got.Penalty, got.Bound)
		}
		if got.LowerBound > o+tol {
			t.Fatalf("trial %d: LowerBound %v > OPT %v", it, got.LowerBound, o)
		}
		if len(got.Certificates) != 16 {
			t.Fatalf("trial %d: %d certificates", it, len(got.Certificates))
		}
		checkCerts(t, got)
		checkSolution(t, inst, got)
		if got.Penalty <= o+tol {
			optimal++
		}
		if o > 0 {
			worst16 = math.Max(worst16, got.Penalty/o)
			maxLB = math.Max(maxLB, got.LowerBound/o)
			lbs = append(lbs, got.LowerBound/o)
		}
		m, err := MSTBaseline(inst)
		if err != nil {
			t.Fatal(err)
		}
		nb, err := NaiveBroadcast(inst)
		if err != nil {
			t.Fatal(err)
		}
		scale := 1e-9 * (1 + math.Abs(m.Cost) + math.Abs(nb.Cost))
		if got.Cost > m.Cost+scale || got.Cost > nb.Cost+scale {
			t.Fatalf("trial %d: Gradient %v MST %v Naive %v", it, got.Cost, m.Cost, nb.Cost)
		}
		one, err := Gradient(context.Background(), inst, &Settings{K: 1, NoMST: true, NoSPT: true})
		if err != nil {
			t.Fatal(err)
		}
		checkCerts(t, one)
		if one.Penalty > ProvenRatio(math.E, 1)*o+tol || one.Penalty < o-tol {
			t.Fatalf("trial %d: K=1 %v OPT %v", it, one.Penalty, o)
		}
		if o > 0 {
			worst1 = math.Max(worst1, one.Penalty/o)
		}
	}
	sort.Float64s(lbs)
	med := 0.0
	if len(lbs) > 0 {
		med = lbs[len(lbs)/2]
	}
	t.Logf("%d instances: worst ratio %.4f (K=16), %.4f (K=1, no candidates); %d optimal; LowerBound/OPT max %.3f median %.3f",
		trials, worst16, worst1, optimal, maxLB, med)
}

// checkSolution re-evaluates s independently and checks its structure.
func checkSolution(t *testing.T, inst *Instance, s *Solution) {
	t.Helper()
	ev, err := Evaluate(inst, s.EdgeIDs, s.Levels)
	if err != nil {
		t.Fatalf("Evaluate of own solution: %v", err)
	}
	if d := cmp.Diff([]float64{ev.Cost, ev.Penalty}, []float64{s.Cost, s.Penalty}, cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
		t.Fatalf("re-evaluation (-want +got):\n%s", d)
	}
	if d := cmp.Diff(ev.Edges, s.Edges); d != "" {
		t.Fatalf("edges differ on re-evaluation:\n%s", d)
	}
	for _, x := range []float64{s.Cost, s.Penalty, s.LowerBound, s.Traffic, s.Utility} {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("non-finite field in %+v", s)
		}
	}
	if s.Penalty < 0 || math.IsNaN(s.Ratio) {
		t.Fatalf("Penalty %v Ratio %v", s.Penalty, s.Ratio)
	}
}

// TestTreeDPExhaustive compares TreeDP with enumeration of all level vectors
// on the same tree (L ≤ 3, n ≤ 6), and checks monotonicity in one utility.
func TestTreeDPExhaustive(t *testing.T) {
	src := rand.NewPCG(5, 5)
	r := rand.New(rand.NewPCG(9, 9))
	for it := 0; it < 400; it++ {
		inst := RandomInstance(1+r.IntN(6), src)
		if len(inst.Rates) > 3 || len(inst.Clients) > 6 {
			continue
		}
		tree := primMST(inst.Graph, buildAdj(inst.Graph), inst.Source)
		dp, err := TreeDP(inst, tree)
		if err != nil {
			t.Fatal(err)
		}
		// The DP value G(s, L) equals the evaluation of its own levels.
		tr, err := buildTree(inst.Graph, inst.Source, tree)
		if err != nil {
			t.Fatal(err)
		}
		if _, val := newPrep(inst).treeDP(tr); math.Abs(val-dp.Penalty) > 1e-9*math.Max(1, val) {
			t.Fatalf("trial %d: DP value %v, evaluated %v", it, val, dp.Penalty)
		}
		best := enumLevels(t, inst, tree)
		if d := cmp.Diff(best, dp.Penalty, cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
			t.Fatalf("trial %d TreeDP vs enumeration:\n%s", it, d)
		}
		checkSolution(t, inst, dp)
		if len(inst.Clients) > 0 {
			up := cloneInstance(inst)
			up.Clients[0].Utility[0] += 1 + r.Float64()
			dp2, err := TreeDP(up, tree)
			if err != nil {
				t.Fatal(err)
			}
			if dp2.Cost > dp.Cost+1e-9 {
				t.Fatalf("trial %d: raising a utility raised the cost %v → %v", it, dp.Cost, dp2.Cost)
			}
			bf1, err1 := BruteForce(inst)
			bf2, err2 := BruteForce(up)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			if bf2.Cost > bf1.Cost+1e-9 {
				t.Fatalf("trial %d: BruteForce cost rose %v → %v", it, bf1.Cost, bf2.Cost)
			}
		}
	}
}

func enumLevels(t *testing.T, inst *Instance, tree []int) float64 {
	J, L := len(inst.Clients), len(inst.Rates)
	levels := make([]int, J)
	best := math.Inf(1)
	tr, err := buildTree(inst.Graph, inst.Source, tree)
	if err != nil {
		t.Fatal(err)
	}
	var rec func(j int)
	rec = func(j int) {
		if j == J {
			s, err := Evaluate(inst, tree, levels)
			if err != nil {
				t.Fatal(err)
			}
			best = math.Min(best, s.Penalty)
			return
		}
		for l := 0; l <= L; l++ {
			if l > 0 && tr.parent[inst.Clients[j].Node] == -2 {
				break
			}
			levels[j] = l
			rec(j + 1)
		}
		levels[j] = 0
	}
	rec(0)
	return best
}

func cloneInstance(in *Instance) *Instance {
	out := &Instance{Graph: Graph{N: in.Graph.N, Edges: slices.Clone(in.Graph.Edges)}, Source: in.Source,
		Rates: slices.Clone(in.Rates)}
	for _, c := range in.Clients {
		out.Clients = append(out.Clients, Client{c.Node, slices.Clone(c.Utility)})
	}
	return out
}

// TestGradientProperties: rapid properties — scaling costs and utilities by
// λ scales Cost, Penalty, LowerBound; a zero-utility client changes nothing;
// relabelling nodes permutes the solution; worker counts give identical results.
func TestGradientProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		seed := rapid.Uint64().Draw(rt, "seed")
		n := rapid.IntRange(1, 12).Draw(rt, "n")
		lam := rapid.Float64Range(0.1, 10).Draw(rt, "lambda")
		inst := RandomInstance(n, rand.NewPCG(seed, 1))
		base, err := Gradient(context.Background(), inst, nil)
		if err != nil {
			rt.Fatal(err)
		}
		sc := cloneInstance(inst)
		for i := range sc.Graph.Edges {
			sc.Graph.Edges[i].Cost *= lam
		}
		for _, c := range sc.Clients {
			for l := range c.Utility {
				c.Utility[l] *= lam
			}
		}
		s2, err := Gradient(context.Background(), sc, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if d := cmp.Diff([]float64{lam * base.Cost, lam * base.Penalty, lam * base.LowerBound},
			[]float64{s2.Cost, s2.Penalty, s2.LowerBound}, cmpopts.EquateApprox(1e-9, 1e-9)); d != "" {
			rt.Fatalf("scaling (-want +got):\n%s", d)
		}
		z := cloneInstance(inst)
		z.Clients = append(z.Clients, Client{Node: rapid.IntRange(0, n-1).Draw(rt, "node"), Utility: make([]float64, len(inst.Rates))})
		s3, err := Gradient(context.Background(), z, nil)
		if err != nil {
			rt.Fatal(err)
		}
		if d := cmp.Diff([]float64{base.Cost, base.Penalty, base.LowerBound}, []float64{s3.Cost, s3.Penalty, s3.LowerBound},
			cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
			rt.Fatalf("zero client (-want +got):\n%s", d)
		}
		// Relabel by a permutation π; compare with the tree DP on the mapped
		// tree (Gradient's tie-breaking is label dependent, TreeDP's value is not).
		perm := rand.New(rand.NewPCG(seed, 2)).Perm(n)
		pi := cloneInstance(inst)
		pi.Source = perm[inst.Source]
		for i, e := range pi.Graph.Edges {
			pi.Graph.Edges[i].U, pi.Graph.Edges[i].V = perm[e.U], perm[e.V]
		}
		for j := range pi.Clients {
			pi.Clients[j].Node = perm[inst.Clients[j].Node]
		}
		d1, err := TreeDP(inst, base.EdgeIDs)
		if err != nil {
			rt.Fatal(err)
		}
		d2, err := TreeDP(pi, base.EdgeIDs)
		if err != nil {
			rt.Fatal(err)
		}
		if d := cmp.Diff(d1.Penalty, d2.Penalty, cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
			rt.Fatalf("relabelling changed the DP value:\n%s", d)
		}
		bf1, err1 := BruteForce(inst)
		bf2, err2 := BruteForce(pi)
		if err1 == nil && err2 == nil {
			if d := cmp.Diff(bf1.Penalty, bf2.Penalty, cmpopts.EquateApprox(1e-12, 1e-12)); d != "" {
				rt.Fatalf("relabelling changed OPT:\n%s", d)
			}
		}
	})
}

func TestGradientDeterminism(t *testing.T) {
	g, err := ASLike(300, 2, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := Fig1Instance(g, nil, rand.NewPCG(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	var ref *Solution
	for _, w := range []int{1, 1, 2, 7, -1} {
		got, err := Gradient(context.Background(), inst, &Settings{Workers: w})
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil {
			ref = got
			checkCerts(t, got)
			checkSolution(t, inst, got)
			continue
		}
		if d := cmp.Diff(ref, got); d != "" {
			t.Fatalf("Workers %d differs:\n%s", w, d)
		}
	}
}

func TestGradientCancel(t *testing.T) {
	inst := instE3()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	got, err := Gradient(ctx, inst, nil)
	if !errors.Is(err, context.Canceled) || got == nil || len(got.Certificates) != 0 {
		t.Fatalf("cancelled: %v, %+v", err, got)
	}
	if got.Origin != OriginMST && got.Origin != OriginSPT {
		t.Fatalf("origin %v", got.Origin)
	}
	stopErr := errors.New("stop")
	calls := 0
	got, err = Gradient(context.Background(), inst, &Settings{Progress: func(p Progress) error {
		calls++
		if p.Offsets != 16 || p.Offset != calls-1 || math.IsNaN(p.BestPenalty) {
			t.Errorf("progress %+v", p)
		}
		if calls == 3 {
			return stopErr
		}
		return nil
	}})
	if !errors.Is(err, stopErr) || got == nil || len(got.Certificates) != 3 || calls != 3 {
		t.Fatalf("hook stop: %v, calls %d, %d certs", err, calls, len(got.Certificates))
	}
	_, err = Gradient(ctx, inst, &Settings{NoMST: true, NoSPT: true})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func TestProvenRatio(t *testing.T) {
	// Spec §2.5: K = 10: 5.9802; K = 16: 5.7763; K = 9: 6.0406.
	got := []float64{ProvenRatio(math.E, 10), ProvenRatio(math.E, 16), ProvenRatio(math.E, 9)}
	if d := cmp.Diff([]float64{5.9802, 5.7763, 6.0406}, got, cmpopts.EquateApprox(0, 1e-4)); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if ProvenRatio(math.E, 10) > 5.986 || ProvenRatio(math.E, 9) <= 5.986 {
		t.Error("K = 10 must be the first K within the paper's 5.986")
	}
	if !math.IsNaN(ProvenRatio(1, 3)) || !math.IsNaN(ProvenRatio(2, 0)) {
		t.Error("invalid arguments must give NaN")
	}
	s, err := Gradient(context.Background(), instE2(), &Settings{PCST: PCSTSettings{Pruning: NoPruning}})
	if err != nil || !math.IsInf(s.Bound, 1) {
		t.Errorf("NoPruning Bound %v err %v", s.Bound, err)
	}
}

func TestValidation(t *testing.T) {
	good := instE3
	cases := []struct {
		name string
		mod  func(*Instance)
		want error
	}{
		{"ok", func(*Instance) {}, nil},
		{"N", func(in *Instance) { in.Graph.N = 0 }, ErrBadGraph},
		{"edge", func(in *Instance) { in.Graph.Edges[0].V = 9 }, ErrBadGraph},
		{"cost", func(in *Instance) { in.Graph.Edges[0].Cost = math.Inf(1) }, ErrBadGraph},
		{"source", func(in *Instance) { in.Source = 4 }, ErrBadInstance},
		{"norates", func(in *Instance) { in.Rates = nil }, ErrBadInstance},
		{"rate0", func(in *Instance) { in.Rates[0] = 0 }, ErrBadInstance},
		{"rateNaN", func(in *Instance) { in.Rates[1] = math.NaN() }, ErrBadInstance},
		{"order", func(in *Instance) { in.Rates[1] = 0.5 }, ErrBadInstance},
		{"node", func(in *Instance) { in.Clients[0].Node = -1 }, ErrBadInstance},
		{"len", func(in *Instance) { in.Clients[0].Utility = in.Clients[0].Utility[:1] }, ErrBadInstance},
		{"util", func(in *Instance) { in.Clients[0].Utility[0] = -1 }, ErrBadInstance},
		{"utilNaN", func(in *Instance) { in.Clients[0].Utility[0] = math.NaN() }, ErrBadInstance},
		{"scale", func(in *Instance) {
			in.Clients[0].Utility[0], in.Clients[1].Utility[0] = math.MaxFloat64, math.MaxFloat64
		}, ErrBadInstance},
		{"unreach", func(in *Instance) { in.Graph.N = 5; in.Clients[0].Node = 4 }, ErrUnreachable},
	}
	for _, c := range cases {
		in := good()
		c.mod(in)
		err := in.Validate()
		if !errorsIs(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
		for _, f := range []func(*Instance) (*Solution, error){MSTBaseline, NaiveBroadcast, BruteForce,
			func(i *Instance) (*Solution, error) { return Gradient(context.Background(), i, nil) }} {
			if _, err := f(in); !errorsIs(err, c.want) {
				t.Errorf("%s: solver err = %v, want %v", c.name, err, c.want)
			}
		}
	}
	var ie *InstanceError
	in := good()
	in.Rates[2] = math.Inf(1)
	if err := in.Validate(); !errors.As(err, &ie) || ie.Field != "Rates" || ie.Index != 2 {
		t.Errorf("InstanceError = %v", err)
	}
	for _, s := range []*Settings{{K: -1}, {K: 1025}, {Base: 1}, {Base: math.NaN()}, {Base: 65}, {Base: 0.5},
		{PCST: PCSTSettings{Tol: -1}}} {
		if _, err := Gradient(context.Background(), good(), s); !errors.Is(err, ErrBadSettings) {
			t.Errorf("settings %+v: err = %v", s, err)
		}
	}
	func() {
		defer func() {
			if r := recover(); r != "overlay: nil instance" {
				t.Errorf("panic %v", r)
			}
		}()
		_, _ = Gradient(context.Background(), nil, nil)
	}()
}

func TestTreeDPEvaluateErrors(t *testing.T) {
	in := instE3()
	for _, ids := range [][]int{{5}, {-1}, {0, 0}, {0, 1, 2}} {
		if _, err := TreeDP(in, ids); !errors.Is(err, ErrBadInstance) {
			t.Errorf("TreeDP %v: err = %v", ids, err)
		}
	}
	if _, err := Evaluate(in, []int{0}, []int{1, 1, 0, 0}); !errors.Is(err, ErrBadInstance) {
		t.Errorf("served client off tree: err = %v", err)
	}
	if _, err := Evaluate(in, []int{0}, []int{4, 0, 0, 0}); !errors.Is(err, ErrBadInstance) {
		t.Errorf("level out of range: err = %v", err)
	}
	// Source-free component edges are ignored by TreeDP.
	s, err := TreeDP(in, []int{0, 3})
	if err != nil || len(s.Edges) != 1 {
		t.Errorf("TreeDP with a source-free edge: %v %+v", err, s)
	}
	if _, err := BruteForce(&Instance{Graph: Graph{N: 11}, Rates: []float64{1}}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("BruteForce n = 11: %v", err)
	}
}

func TestBaselines(t *testing.T) {
	in := instE3()
	nb, err := NaiveBroadcast(in)
	if err != nil {
		t.Fatal(err)
	}
	// SPT from 0: 1 (1), 2 (1), 3 (1.8); clients at 1, 2, 3, 3.
	if d := cmp.Diff([]int{1, 1, 2}, nb.Streams); d != "" {
		t.Errorf("streams (-want +got):\n%s", d)
	}
	m, err := MSTBaseline(in)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([][2]int{{0, 1}, {1, 2}, {2, 3}}, m.Edges); d != "" {
		t.Errorf("MST edges (-want +got):\n%s", d)
	}
}

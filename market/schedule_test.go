package market

import (
	"errors"
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/options"
)

// Table-3 structure tests (market.md §5): no SO price of the paper is used.
func TestPaperSchedule(t *testing.T) {
	s := PaperSchedule()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// Paper, Table 3: standard prices; penalty = 1.2 × standard (Table 1).
	std := [6]float64{0.035, 0.030, 0.025, 0.020, 0.015, 0.010}
	pen := [6]float64{0.042, 0.036, 0.030, 0.024, 0.018, 0.012}
	for c := P1; c <= P6; c++ {
		if s.Standard[c] != std[c] {
			t.Errorf("%v standard %v, want %v", c, s.Standard[c], std[c])
		}
		if math.Abs(s.Penalty(c)-pen[c]) > 1e-17 {
			t.Errorf("%v penalty %v, want %v", c, s.Penalty(c), pen[c])
		}
	}
	cases := []struct {
		bytes int64
		want  Class
	}{
		{0, P1}, {357_000_000, P1}, {357_000_001, P2}, {3_570_000_000, P2}, {3_570_000_001, P3},
		{35_710_000_000, P3}, {357_140_000_000, P4}, {357_140_000_001, P5},
		{3_571_420_000_000, P5}, {3_571_420_000_001, P6}, {1 << 50, P6},
	}
	for _, c := range cases {
		if got := s.ClassOf(c.bytes); got != c.want {
			t.Errorf("ClassOf(%d) = %v, want %v", c.bytes, got, c.want)
		}
	}
	// The tier bounds are monthly tiers over 28 days (derived fact).
	for k, month := range []float64{10, 100, 1000, 10000, 100000} {
		if got := month / 28; got < s.UpperGB[k] || got-s.UpperGB[k] > 1e-3*got {
			t.Errorf("UpperGB[%d] = %v, monthly tier/28 = %v", k, s.UpperGB[k], got)
		}
	}
	if P1.String() != "P1" || P6.String() != "P6" || Class(9).String() != "Class(9)" {
		t.Error("Class.String")
	}
}

func TestScheduleValidate(t *testing.T) {
	bad := []func(*Schedule){
		func(s *Schedule) { s.UpperGB[2] = s.UpperGB[1] },
		func(s *Schedule) { s.UpperGB[0] = 0 },
		func(s *Schedule) { s.UpperGB[4] = math.NaN() },
		func(s *Schedule) { s.Standard[3] = 0 },
		func(s *Schedule) { s.Standard[3] = math.Inf(1) },
		func(s *Schedule) { s.PenaltyFactor = 0.9 },
		func(s *Schedule) { s.PenaltyFactor = math.NaN() },
	}
	for k, f := range bad {
		s := PaperSchedule()
		f(&s)
		if err := s.Validate(); !errors.Is(err, ErrBadSchedule) {
			t.Errorf("case %d: %v, want ErrBadSchedule", k, err)
		}
	}
}

func TestPremiumStructure(t *testing.T) {
	sched := PaperSchedule()
	for _, conv := range []PremiumConvention{PaperPremium(), DiscountPremium(0.10)} {
		prev := [NumClasses]float64{}
		for _, m := range []float64{1, 6, 7, 14, 21, 28} {
			for c := P1; c <= P6; c++ {
				v, err := conv.Premium(c, sched.Standard[c], m)
				if err != nil {
					t.Fatal(err)
				}
				s, k := conv.SpotStrike(c, sched.Standard[c])
				if !(v > s-k && v < s) {
					t.Errorf("%v M=%v: premium %v not in (S−K, S) = (%v, %v)", c, m, v, s-k, s)
				}
				if v <= prev[c] {
					t.Errorf("%v: premium not increasing in maturity at M=%v", c, m)
				}
				prev[c] = v
				// Bit for bit the options.European call of §2.3.
				want, err := options.European(options.Call, options.Params{Spot: s, Strike: k, T: m / 365, Rate: 0.05, Vol: 0.01})
				if err != nil || v != want {
					t.Errorf("%v M=%v: %v, options.European %v (%v)", c, m, v, want, err)
				}
				// Increasing in the class's standard price (P1 dearest).
				if c > P1 {
					hi, _ := conv.Premium(c-1, sched.Standard[c-1], m)
					if hi <= v {
						t.Errorf("M=%v: premium of %v (%v) not above %v (%v)", m, c-1, hi, c, v)
					}
				}
			}
		}
	}
	p := PaperPremium()
	if s, k := p.SpotStrike(P6, 0.010); s != 0.012 || k != 0.011 {
		t.Errorf("P6 spot, strike = %v, %v; want 0.012, 0.011", s, k)
	}
	if v, err := p.Premium(P2, 0.030, 0); err != nil || math.Abs(v-0.002) > 1e-17 {
		t.Errorf("intrinsic at τ = 0: %v %v", v, err)
	}
}

func TestScenarios(t *testing.T) {
	scs := PaperScenarios()
	if len(scs) != 12 {
		t.Fatalf("%d scenarios", len(scs))
	}
	names := []string{"6a/7d/10%", "6a/14d/10%", "6a/21d/10%", "6a/28d/10%", "7a/7d/10%", "7a/14d/10%",
		"7a/21d/10%", "7a/28d/10%", "6a/6d/15%", "7a/6d/15%", "6a/14d/5%", "7a/14d/5%"}
	for k, sc := range scs {
		if sc.ID != k+1 || sc.Name != names[k] {
			t.Errorf("scenario %d: %+v", k, sc)
		}
		if err := sc.Validate(); err != nil {
			t.Error(err)
		}
		got, err := PaperScenario(k + 1)
		if err != nil || got != sc {
			t.Errorf("PaperScenario(%d) = %+v, %v", k+1, got, err)
		}
	}
	for _, p := range PaperPairs() {
		a, b := scs[p[0]-1], scs[p[1]-1]
		if a.Plan != Plan6a || b.Plan != Plan7a || a.Maturity != b.Maturity || a.OptionFraction != b.OptionFraction {
			t.Errorf("pair %v: %+v %+v", p, a, b)
		}
	}
	for _, id := range []int{0, 13, -1} {
		if _, err := PaperScenario(id); !errors.Is(err, ErrBadScenario) {
			t.Errorf("PaperScenario(%d): %v", id, err)
		}
	}
}

func TestPDPS(t *testing.T) {
	if PD(0, 0) != 0 || PD(1, 1) != 0 {
		t.Error("PD of equal values")
	}
	// Paper eq. (1): PD(x, y) = |x − y| / ((x + y)/2) · 100.
	if got := PD(100, 50); math.Abs(got-100*50/75.0) > 1e-12 {
		t.Errorf("PD(100, 50) = %v", got)
	}
	if PD(3, 7) != PD(7, 3) {
		t.Error("PD not symmetric")
	}
	if PS(Account{}) != 0 {
		t.Error("PS of empty account")
	}
	a := Account{Exercised: Flow{Bytes: 3}, Penalty: Flow{Bytes: 1}}
	if PS(a) != 75 {
		t.Errorf("PS = %v", PS(a))
	}
}

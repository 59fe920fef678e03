package lyapunov

import (
	"math"
	"testing"

	"github.com/cdnkit/cdnkit/device"
)

// vecUser is a user of the spec §5 unit vectors: DefaultLadder, L = 2 s,
// B = 40 s, 250 segments (window [0, 500)), DefaultEnergy, δ = θ, ρ = 4.3θ.
func vecUser(theta float64, video bool) device.User {
	u := device.User{
		Trace:  device.ConstantTrace(2, 600),
		Energy: device.DefaultEnergy(),
		Theta:  theta, Delta: theta, Rho: 4.3 * theta,
	}
	if video {
		u.Video = &device.Video{SegLen: 2, Segments: 250, MaxBuffer: 40, Ladder: device.DefaultLadder()}
	}
	return u
}

func vecScenario(users ...device.User) *device.Scenario {
	return &device.Scenario{Users: users, LambdaE: 0.02, Value: device.ValueLog1p, Mobility: device.FullCooperation(len(users))}
}

// vecMember returns a member of a vector View; Admissible follows the
// admission rule b + κ + L ≤ B.
func vecMember(sc *device.Scenario, id int, b, kappa float64, last int) device.Member {
	u := &sc.Users[id]
	m := device.Member{ID: id, Buffer: b, Committed: kappa, LastLevel: last, User: u}
	if u.Video != nil {
		m.Video = true
		m.Remaining = 100
		m.Admissible = b+kappa+u.Video.SegLen <= u.Video.MaxBuffer+1e-9
	}
	return m
}

func singleView(b float64, last int, c float64) *device.View {
	sc := vecScenario(vecUser(1, true))
	return &device.View{Capacity: c, Self: 0, LastRequest: math.Inf(-1),
		Members: []device.Member{vecMember(sc, 0, b, 0, last)}, Scenario: sc}
}

func mustNew(t testing.TB, s *Settings) *Scheduler {
	t.Helper()
	p, err := New(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func relNear(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(1, math.Abs(want))
}

package swarm

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// LinkClass is one class of peer access links: download and upload capacity
// in bytes/s and the fraction of peers in the class.
type LinkClass struct {
	Down, Up int64
	Frac     float64
}

// DefaultLinks returns cdnkit's four-class peer population (download/upload
// 784/128, 1500/384, 3000/1000 and 10000/5000 kbps for 20, 40, 25 and 15 % of
// peers), in bytes/s.
//
// Reconstruction: modelled on the population of A. R. Bharambe, C. Herley,
// V. N. Padmanabhan, "Analyzing and Improving a BitTorrent Network's
// Performance Mechanisms", IEEE INFOCOM 2006 (derived from the Saroiu et al.
// Gnutella measurements). The paper draws asymmetric links "from the same
// measured BitTorrent distribution" without naming it in the surviving text.
func DefaultLinks() []LinkClass {
	return []LinkClass{
		{Down: 98_000, Up: 16_000, Frac: 0.20},
		{Down: 187_500, Up: 48_000, Frac: 0.40},
		{Down: 375_000, Up: 125_000, Frac: 0.25},
		{Down: 1_250_000, Up: 625_000, Frac: 0.15},
	}
}

func checkLinks(links []LinkClass, scale float64) error {
	if !(scale > 0) || math.IsInf(scale, 0) {
		return scErr(-1, -1, "LinkScale", "%v is not positive and finite", scale)
	}
	if len(links) == 0 {
		return scErr(-1, -1, "Links", "no link classes")
	}
	var sum float64
	for i, c := range links {
		if !(c.Frac >= 0) || math.IsInf(c.Frac, 0) {
			return scErr(-1, -1, "Links", "class %d fraction %v is negative or not finite", i, c.Frac)
		}
		if c.Down <= 0 || c.Up <= 0 {
			return scErr(-1, -1, "Links", "class %d rates must be positive", i)
		}
		sum += c.Frac
	}
	if math.Abs(sum-1) > 1e-9 {
		return scErr(-1, -1, "Links", "fractions sum to %v, not 1", sum)
	}
	return nil
}

// drawLink draws one class with a single Float64 (classes in listed order)
// and scales its rates, rounding down with a minimum of 1 B/s.
func drawLink(r *rand.Rand, links []LinkClass, scale float64) (down, up int64) {
	u := r.Float64()
	c := links[len(links)-1]
	acc := 0.0
	for _, l := range links {
		acc += l.Frac
		if u < acc {
			c = l
			break
		}
	}
	sc := func(x int64) int64 { return max(1, int64(math.Floor(float64(x)*scale))) }
	return sc(c.Down), sc(c.Up)
}

func newRand(src rand.Source) *rand.Rand {
	if src == nil {
		return rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	}
	return rand.New(src)
}

// LibraryConfig configures LibraryScenario; zero fields take the defaults
// Movies 100, Peers 800, Alpha 1, CacheRate 50,000 B/s, CacheBShare 0.5,
// Duration 1 h, Links DefaultLinks, LinkScale 0.1, Pieces 8192, PieceSize
// 64 KiB. A negative Alpha or CacheBShare is an error; use a tiny positive
// value for "almost 0".
type LibraryConfig struct {
	Movies, Peers int
	Alpha         float64
	CacheRate     int64
	CacheBShare   float64
	Duration      time.Duration
	Links         []LinkClass
	LinkScale     float64
	Pieces        int
	PieceSize     int64
}

// LibraryScenario builds the movie-library scenario of the paper's Fig. 11:
// two caches A (host 0, every movie) and B (host 1, a uniformly random
// ⌊M·CacheBShare⌋ of the movies) at CacheRate each, and Peers peers (hosts
// 2 … N+1) that join at 0 the swarm of movie k drawn with P(k) ∝ k^(−α); swarm
// s is movie s+1 in popularity order.
//
// Paper: two caches, 50 % placement, 50 KB/s, 1 h. Reconstruction: Zipf
// popularity, M, N, the link scale (the paper says "long tail", "singleton
// swarms and small swarms"). Draw order with r = rand.New(src): r.Perm(M) for
// cache B, then per peer one Float64 for the movie (inverse CDF) and one for
// the link class. A nil src uses a randomly seeded source.
func LibraryScenario(cfg LibraryConfig, src rand.Source) (*Scenario, error) {
	c := cfg
	if c.Movies == 0 {
		c.Movies = 100
	}
	if c.Peers == 0 {
		c.Peers = 800
	}
	if c.Alpha == 0 {
		c.Alpha = 1
	}
	if c.CacheRate == 0 {
		c.CacheRate = 50_000
	}
	if c.CacheBShare == 0 {
		c.CacheBShare = 0.5
	}
	if c.Duration == 0 {
		c.Duration = time.Hour
	}
	if c.Links == nil {
		c.Links = DefaultLinks()
	}
	if c.LinkScale == 0 {
		c.LinkScale = 0.1
	}
	if c.Pieces == 0 {
		c.Pieces = 8192
	}
	if c.PieceSize == 0 {
		c.PieceSize = 64 << 10
	}
	switch {
	case c.Movies < 1:
		return nil, scErr(-1, -1, "Movies", "%d < 1", c.Movies)
	case c.Peers < 1:
		return nil, scErr(-1, -1, "Peers", "%d < 1", c.Peers)
	case !(c.Alpha >= 0) || math.IsInf(c.Alpha, 0):
		return nil, scErr(-1, -1, "Alpha", "%v is negative or not finite", c.Alpha)
	case c.CacheRate <= 0:
		return nil, scErr(-1, -1, "CacheRate", "%d is not positive", c.CacheRate)
	case !(c.CacheBShare >= 0 && c.CacheBShare <= 1):
		return nil, scErr(-1, -1, "CacheBShare", "%v not in [0, 1]", c.CacheBShare)
	}
	if err := checkLinks(c.Links, c.LinkScale); err != nil {
		return nil, err
	}
	r := newRand(src)
	perm := r.Perm(c.Movies)
	bSet := slices.Clone(perm[:int(math.Floor(float64(c.Movies)*c.CacheBShare))])
	slices.Sort(bSet)
	all := make([]int, c.Movies)
	for i := range all {
		all[i] = i
	}
	cdf := make([]float64, c.Movies)
	var z float64
	for k := 1; k <= c.Movies; k++ {
		z += math.Pow(float64(k), -c.Alpha)
		cdf[k-1] = z
	}
	sc := &Scenario{
		Name:     "library",
		Duration: c.Duration,
		Swarms:   make([]Swarm, c.Movies),
		Hosts:    make([]Host, 0, c.Peers+2),
	}
	for s := range sc.Swarms {
		sc.Swarms[s] = Swarm{Name: fmt.Sprintf("movie%d", s+1), Pieces: c.Pieces, PieceSize: c.PieceSize}
	}
	sc.Hosts = append(sc.Hosts,
		Host{Kind: Cache, Up: c.CacheRate, Swarm: -1, Cached: all},
		Host{Kind: Cache, Up: c.CacheRate, Swarm: -1, Cached: bSet})
	for i := 0; i < c.Peers; i++ {
		u := r.Float64() * z
		m, _ := slices.BinarySearch(cdf, u)
		for m < c.Movies-1 && cdf[m] <= u {
			m++
		}
		down, up := drawLink(r, c.Links, c.LinkScale)
		sc.Hosts = append(sc.Hosts, Host{Kind: Peer, Up: up, Down: down, Swarm: m})
	}
	if len(bSet) == 0 {
		// A cache with nothing to serve is not a valid host; drop B.
		sc.Hosts = append(sc.Hosts[:1], sc.Hosts[2:]...)
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

// ChurnConfig configures ChurnScenario; zero fields take the defaults Caches
// 3, CacheRate 20,000 B/s, SwarmPeers 50, JoinAt 3000 s, LeaveAt 6000 s,
// Duration 9000 s, Links DefaultLinks, LinkScale 0.1.
type ChurnConfig struct {
	Caches          int
	CacheRate       int64
	SwarmPeers      int
	JoinAt, LeaveAt time.Duration
	Duration        time.Duration
	Links           []LinkClass
	LinkScale       float64
}

// ChurnScenario builds the churn experiment of the paper's Figs. 15 and 16:
// Caches caches (hosts 0 …) holding all five files at CacheRate each; swarms
// s1 and s2 of SwarmPeers peers from t = 0, swarms s3, s4, s5 joining at
// JoinAt, and all peers of s1 and s2 leaving at LeaveAt. Peers are listed
// swarm by swarm; each draws its link class with one Float64.
//
// Paper: three caches, 50-peer swarms, membership changes at 3000 s and
// 6000 s. Reconstruction: 20 KB/s and 9000 s, chosen so that the caches cannot
// saturate five swarms but can saturate two or three. A nil src uses a
// randomly seeded source.
func ChurnScenario(cfg ChurnConfig, src rand.Source) (*Scenario, error) {
	c := cfg
	if c.Caches == 0 {
		c.Caches = 3
	}
	if c.CacheRate == 0 {
		c.CacheRate = 20_000
	}
	if c.SwarmPeers == 0 {
		c.SwarmPeers = 50
	}
	if c.JoinAt == 0 {
		c.JoinAt = 3000 * time.Second
	}
	if c.LeaveAt == 0 {
		c.LeaveAt = 6000 * time.Second
	}
	if c.Duration == 0 {
		c.Duration = 9000 * time.Second
	}
	if c.Links == nil {
		c.Links = DefaultLinks()
	}
	if c.LinkScale == 0 {
		c.LinkScale = 0.1
	}
	switch {
	case c.Caches < 1:
		return nil, scErr(-1, -1, "Caches", "%d < 1", c.Caches)
	case c.CacheRate <= 0:
		return nil, scErr(-1, -1, "CacheRate", "%d is not positive", c.CacheRate)
	case c.SwarmPeers < 1:
		return nil, scErr(-1, -1, "SwarmPeers", "%d < 1", c.SwarmPeers)
	case c.JoinAt < 0 || c.LeaveAt <= 0 || c.JoinAt >= c.Duration || c.LeaveAt >= c.Duration:
		return nil, scErr(-1, -1, "JoinAt", "join %v and leave %v must lie inside the duration %v", c.JoinAt, c.LeaveAt, c.Duration)
	}
	if err := checkLinks(c.Links, c.LinkScale); err != nil {
		return nil, err
	}
	r := newRand(src)
	sc := &Scenario{Name: "churn", Duration: c.Duration}
	for s := 0; s < 5; s++ {
		sc.Swarms = append(sc.Swarms, Swarm{Name: fmt.Sprintf("s%d", s+1), Pieces: 8192, PieceSize: 64 << 10})
	}
	all := []int{0, 1, 2, 3, 4}
	for i := 0; i < c.Caches; i++ {
		sc.Hosts = append(sc.Hosts, Host{Kind: Cache, Up: c.CacheRate, Swarm: -1, Cached: all})
	}
	for s := 0; s < 5; s++ {
		for i := 0; i < c.SwarmPeers; i++ {
			down, up := drawLink(r, c.Links, c.LinkScale)
			h := Host{Kind: Peer, Up: up, Down: down, Swarm: s}
			if s < 2 {
				h.Leave = c.LeaveAt
			} else {
				h.Join = c.JoinAt
			}
			sc.Hosts = append(sc.Hosts, h)
		}
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

// CompetitionScenario builds the topology of the paper's Fig. 13: host p1
// (host 0) caches s1 and s2, host p2 (host 1) caches s1 and the 3-peer swarm
// s3; s1 and s2 have 50 peers each; p1 and p2 upload at 50 KB/s; 30 min.
// Paper: the topology. Reconstruction: sizes and rates (peer links from
// DefaultLinks at scale 0.1, one Float64 per peer in host order).
func CompetitionScenario(src rand.Source) (*Scenario, error) {
	r := newRand(src)
	sc := &Scenario{Name: "competition", Duration: 30 * time.Minute}
	for s := 0; s < 3; s++ {
		sc.Swarms = append(sc.Swarms, Swarm{Name: fmt.Sprintf("s%d", s+1), Pieces: 8192, PieceSize: 64 << 10})
	}
	sc.Hosts = append(sc.Hosts,
		Host{Kind: Peer, Up: 50_000, Swarm: -1, Cached: []int{0, 1}},
		Host{Kind: Peer, Up: 50_000, Swarm: -1, Cached: []int{0, 2}})
	links := DefaultLinks()
	for s, n := range []int{50, 50, 3} {
		for i := 0; i < n; i++ {
			down, up := drawLink(r, links, 0.1)
			sc.Hosts = append(sc.Hosts, Host{Kind: Peer, Up: up, Down: down, Swarm: s})
		}
	}
	if err := sc.Validate(); err != nil {
		return nil, err
	}
	return sc, nil
}

package device

import (
	"math"
	"sort"
)

// tester is the subset of *testing.T and *rapid.T used by checkRun.
type tester interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
}

func relClose(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// checkRun asserts the simulator identities of spec §5 on a run made with Record.
func checkRun(t tester, sc *Scenario, res *SimResult) {
	t.Helper()
	h := sc.HorizonOrDefault()
	n := len(sc.Users)
	if len(res.Users) != n {
		t.Fatalf("%d user results for %d users", len(res.Users), n)
	}
	fin := func(name string, x float64) {
		if !finite(x) {
			t.Errorf("%s = %g is not finite", name, x)
		}
	}
	fin("Welfare", res.Welfare)
	fin("AvgBitrate", res.AvgBitrate)
	fin("Stall", res.Stall)
	fin("Energy", res.Energy)
	var social, stall, energy float64
	for i, u := range res.Users {
		for _, f := range []struct {
			n string
			x float64
		}{{"Value", u.Value}, {"Degradation", u.Degradation}, {"Rebuffer", u.Rebuffer}, {"EnergyCell", u.EnergyCell},
			{"EnergyWiFi", u.EnergyWiFi}, {"EnergyRx", u.EnergyRx}, {"Welfare", u.Welfare}, {"Stall", u.Stall},
			{"Startup", u.Startup}, {"Played", u.Played}, {"AvgBitrate", u.AvgBitrate}, {"DataMbit", u.DataMbit}, {"QoE", u.QoE}} {
			fin(f.n, f.x)
			if f.n != "Welfare" && f.n != "QoE" && f.x < -1e-12 {
				t.Errorf("user %d: %s = %g < 0", i, f.n, f.x)
			}
		}
		w := u.Value - u.Degradation - u.Rebuffer - sc.LambdaE*(u.EnergyCell+u.EnergyWiFi+u.EnergyRx)
		if !relClose(w, u.Welfare, 1e-9) {
			t.Errorf("user %d: welfare %g, components give %g", i, u.Welfare, w)
		}
		if !relClose(u.Rebuffer, sc.Users[i].Rho*u.Stall, 1e-12) {
			t.Errorf("user %d: rebuffer %g ≠ ρ·stall %g", i, u.Rebuffer, sc.Users[i].Rho*u.Stall)
		}
		social += u.Welfare
		stall += u.Stall
		energy += u.EnergyCell + u.EnergyWiFi + u.EnergyRx
		if sc.Users[i].Video == nil {
			if u.Welfare > 1e-12 || u.Value != 0 || u.Stall != 0 {
				t.Errorf("idle user %d: welfare %g value %g stall %g", i, u.Welfare, u.Value, u.Stall)
			}
		}
		if sc.Mobility.Mode() == CoopNone && (u.FromOthers != 0 || u.ForOthers != 0) {
			t.Errorf("CoopNone user %d: FromOthers %d ForOthers %d", i, u.FromOthers, u.ForOthers)
		}
	}
	if !relClose(social, res.Welfare, 1e-9) || !relClose(stall, res.Stall, 1e-9) || !relClose(energy, res.Energy, 1e-9) {
		t.Errorf("totals: welfare %g/%g stall %g/%g energy %g/%g", res.Welfare, social, res.Stall, stall, res.Energy, energy)
	}
	// Downloads by downloader: no overlap; cross-user completed downloads encountered throughout.
	byDl := make([][]DownloadRecord, n)
	for k, r := range res.Downloads {
		if k > 0 && r.Start < res.Downloads[k-1].Start {
			t.Errorf("record %d starts at %g before record %d at %g", k, r.Start, k-1, res.Downloads[k-1].Start)
		}
		if r.End < r.Start || r.End > h+1e-9 {
			t.Errorf("record %d: [%g, %g) outside [start, H=%g]", k, r.Start, r.End, h)
		}
		if !math.IsInf(r.Delivered, 1) && (r.Delivered < r.End || r.Delivered >= h || r.Aborted) {
			t.Errorf("record %d: delivered %g with end %g, H %g, aborted %v", k, r.Delivered, r.End, h, r.Aborted)
		}
		byDl[r.Downloader] = append(byDl[r.Downloader], r)
		if r.Downloader != r.Owner && !r.Aborted && r.End < h && !sc.Mobility.EncounteredThroughout(r.Downloader, r.Owner, r.Start, r.End) {
			t.Errorf("record %d: cross-user download %d→%d on [%g, %g) not encountered throughout", k, r.Downloader, r.Owner, r.Start, r.End)
		}
	}
	for i, rs := range byDl {
		for k := 1; k < len(rs); k++ {
			if rs[k].Start < rs[k-1].End {
				t.Errorf("user %d: download [%g, %g) overlaps [%g, %g)", i, rs[k].Start, rs[k].End, rs[k-1].Start, rs[k-1].End)
			}
		}
		if len(rs) > 0 && res.Users[i].Aborted != countAborted(rs) {
			t.Errorf("user %d: Aborted %d, log has %d", i, res.Users[i].Aborted, countAborted(rs))
		}
	}
	var rate, content float64
	for j := range sc.Users {
		v := sc.Users[j].Video
		if v == nil {
			continue
		}
		u := res.Users[j]
		ws, we := sc.Window(j)
		if !relClose(u.Played+u.Stall, we-ws, 1e-9) {
			t.Errorf("user %d: played %g + stall %g ≠ window %g", j, u.Played, u.Stall, we-ws)
		}
		if u.Valued > v.Segments {
			t.Errorf("user %d: valued %d > K %d", j, u.Valued, v.Segments)
		}
		// Segments delivered once; levels by index.
		deliv := make([]float64, v.Segments)
		level := make([]int, v.Segments)
		seen := make([]bool, v.Segments)
		for k := range deliv {
			deliv[k] = math.Inf(1)
		}
		delivered := 0
		for _, r := range res.Downloads {
			if r.Owner != j || math.IsInf(r.Delivered, 1) {
				continue
			}
			delivered++
			if seen[r.Segment] {
				t.Errorf("user %d: segment %d delivered twice", j, r.Segment)
			}
			seen[r.Segment] = true
			deliv[r.Segment] = r.Delivered
			level[r.Segment] = r.Level
		}
		if delivered > v.Segments {
			t.Errorf("user %d: %d delivered records > K", j, delivered)
		}
		limit := math.Min(v.End(), h)
		nv := 0
		for nv < v.Segments && deliv[nv] <= limit {
			nv++
		}
		if nv != u.Valued {
			t.Errorf("user %d: valued %d, in-order prefix of the log %d", j, u.Valued, nv)
		}
		var val, deg, br float64
		for k := range nv {
			val += sc.SegmentValue(j, level[k])
			br += v.Ladder[level[k]]
			if k > 0 {
				d := v.Ladder[level[k-1]] - v.Ladder[level[k]]
				if sc.SymmetricSwitch {
					d = math.Abs(d)
				}
				deg += sc.Users[j].Delta * math.Max(d, 0)
			}
		}
		if !relClose(val, u.Value, 1e-9) || !relClose(deg, u.Degradation, 1e-9) {
			t.Errorf("user %d: value %g/%g degradation %g/%g", j, u.Value, val, u.Degradation, deg)
		}
		if nv > 0 && !relClose(br/float64(nv), u.AvgBitrate, 1e-9) {
			t.Errorf("user %d: avg bitrate %g, log gives %g", j, u.AvgBitrate, br/float64(nv))
		}
		rate += br * v.SegLen
		content += float64(nv) * v.SegLen
		// Buffer within [0, B] at every in-order arrival.
		play := make([]float64, 0, nv)
		last := math.Inf(-1)
		for k := range nv {
			last = math.Max(last, deliv[k])
			play = append(play, last)
		}
		sort.Float64s(play)
		b, cur := 0.0, ws
		for _, p := range play {
			if lo, hi := math.Max(cur, ws), math.Min(p, we); hi > lo {
				b = math.Max(0, b-(hi-lo))
			}
			cur = math.Max(cur, p)
			b += v.SegLen
			if b > v.MaxBuffer+1e-9 {
				t.Errorf("user %d: buffer %g > B %g at t=%g", j, b, v.MaxBuffer, p)
				break
			}
		}
	}
	if content > 0 && !relClose(rate/content, res.AvgBitrate, 1e-9) {
		t.Errorf("scenario avg bitrate %g, log gives %g", res.AvgBitrate, rate/content)
	}
}

func countAborted(rs []DownloadRecord) int {
	c := 0
	for _, r := range rs {
		if r.Aborted {
			c++
		}
	}
	return c
}

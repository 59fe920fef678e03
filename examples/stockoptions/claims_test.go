package main

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reportKeys are the figures REPRODUCTION.md quotes from this program (go run
// ./scripts/claimsjson keys, line "stockoptions:").
var reportKeys = strings.Fields(`
	days fig6.cases fig6.cases_higher fig7.pairs fig7.pairs_penalty_down fig7.pairs_sos_up pair1.pd_exercised
	pair1.pd_penalty_gb pair1.pd_ps pair1.ps_off pair1.ps_on pair1.sum_usd_off pair1.sum_usd_on pair2.pd_exercised
	pair2.pd_penalty_gb pair2.pd_ps pair2.ps_off pair2.ps_on pair2.sum_usd_off pair2.sum_usd_on pair3.pd_exercised
	pair3.pd_penalty_gb pair3.pd_ps pair3.ps_off pair3.ps_on pair3.sum_usd_off pair3.sum_usd_on pair4.pd_exercised
	pair4.pd_penalty_gb pair4.pd_ps pair4.ps_off pair4.ps_on pair4.sum_usd_off pair4.sum_usd_on pair5.pd_exercised
	pair5.pd_penalty_gb pair5.pd_ps pair5.ps_off pair5.ps_on pair5.sum_usd_off pair5.sum_usd_on pair6.pd_exercised
	pair6.pd_penalty_gb pair6.pd_ps pair6.ps_off pair6.ps_on pair6.sum_usd_off pair6.sum_usd_on s1.exchanged_gb
	s1.exercised_gb s1.exercised_usd s1.not_exercised_gb s1.penalty_gb s1.penalty_usd s1.premium_usd
	s1.sos_bought_gb s1.total_usd s10.exchanged_gb s10.exercised_gb s10.exercised_usd s10.not_exercised_gb
	s10.penalty_gb s10.penalty_usd s10.premium_usd s10.sos_bought_gb s10.total_usd s11.exercised_gb
	s11.exercised_usd s11.penalty_gb s11.penalty_usd s11.premium_usd s11.total_usd s12.exercised_gb
	s12.exercised_usd s12.penalty_gb s12.penalty_usd s12.premium_usd s12.total_usd s2.exercised_gb
	s2.exercised_usd s2.not_exercised_gb s2.penalty_gb s2.penalty_usd s2.premium_usd s2.total_usd s3.exercised_gb
	s3.exercised_usd s3.not_exercised_gb s3.penalty_gb s3.penalty_usd s3.premium_usd s3.total_usd s4.exercised_gb
	s4.exercised_usd s4.not_exercised_gb s4.penalty_gb s4.penalty_usd s4.premium_usd s4.total_usd s5.exercised_gb
	s5.exercised_usd s5.not_exercised_gb s5.penalty_gb s5.penalty_usd s5.premium_usd s5.total_usd s6.exercised_gb
	s6.exercised_usd s6.not_exercised_gb s6.penalty_gb s6.penalty_usd s6.premium_usd s6.total_usd s7.exercised_gb
	s7.exercised_usd s7.not_exercised_gb s7.penalty_gb s7.penalty_usd s7.premium_usd s7.total_usd s8.exchanged_gb
	s8.exercised_gb s8.exercised_usd s8.not_exercised_gb s8.penalty_gb s8.penalty_usd s8.premium_usd
	s8.sos_bought_gb s8.total_usd s9.exercised_gb s9.exercised_usd s9.penalty_gb s9.penalty_usd s9.premium_usd
	s9.total_usd shape.best_pair shape.cheapest shape.claims shape.dearest shape.holds shape.pairs_7a_cheaper
	shape.recommendation_holds shape.worst_pair table12.sum_gb_max table12.sum_gb_min table14.bought_increase_max
	table14.bought_increase_min table15.total_gb_max table15.total_gb_min table17.premium_volume_corr
	table5.total_gb table6.scenario_invariant table6.total_gb table6.total_usd table7.bought_gb table7.cost_usd
	table7.os1.bought_gb table7.os1.sold_gb table7.os4.bought_gb table7.os4.sold_gb table7.os5.bought_gb
	table7.os5.sold_gb table7.revenue_usd table7.sold_gb table8.pd_11_2 table8.pd_12_6 table8.pd_14_21_off
	table8.pd_14_21_on table8.pd_1_9 table8.pd_21_28_off table8.pd_21_28_on table8.pd_5_10 table8.pd_7_14_off
	table8.pd_7_14_on wall_s`)

func TestClaimsQuick(t *testing.T) {
	o := quickOptions()
	o.synthetic = true // the keys do not depend on the data
	o.claims = filepath.Join(t.TempDir(), "claims.json")
	var buf bytes.Buffer
	if err := run(&buf, o); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(o.claims)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]float64
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("claims do not parse: %v", err)
	}
	for _, k := range reportKeys {
		v, ok := got[k]
		if !ok {
			t.Errorf("key %s missing", k)
		} else if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf("%s = %v", k, v)
		}
	}
	// Identities the market keeps on every run (Verify), and count bounds.
	if got["days"] != 91 || got["fig7.pairs"] != 6 || got["fig6.cases"] != 36 || got["shape.claims"] < got["shape.holds"] {
		t.Errorf("days %v, pairs %v, cases %v, shape %v of %v", got["days"], got["fig7.pairs"], got["fig6.cases"], got["shape.holds"], got["shape.claims"])
	}
	if d := math.Abs(got["table7.bought_gb"] - got["table7.sold_gb"]); d > 1e-6 {
		t.Errorf("SM stocks bought %v, sold %v", got["table7.bought_gb"], got["table7.sold_gb"])
	}
	if got["table6.scenario_invariant"] != 1 {
		t.Error("BoD stocks differ between scenarios")
	}
	if c := got["table17.premium_volume_corr"]; c < -1 || c > 1 {
		t.Errorf("correlation %v outside [-1, 1]", c)
	}
	// The shape check's lines are what shape.claims counts.
	if n := strings.Count(buf.String(), ": holds\n") + strings.Count(buf.String(), ": does not hold\n"); float64(n) != got["shape.claims"] {
		t.Errorf("shape check prints %d claims, shape.claims = %v", n, got["shape.claims"])
	}

	// Fewer scenarios: pair figures only for the pairs that ran, no
	// recommendation; a bad path is an error.
	o.scenarios = "1,5"
	o.claims = filepath.Join(t.TempDir(), "c.json")
	if err := run(&bytes.Buffer{}, o); err != nil {
		t.Fatal(err)
	}
	if b, err = os.ReadFile(o.claims); err != nil {
		t.Fatal(err)
	}
	got = nil
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	if _, ok := got["pair1.ps_on"]; !ok {
		t.Error("pair1.ps_on missing with scenarios 1 and 5")
	}
	for _, k := range []string{"pair2.ps_on", "shape.recommendation_holds", "s2.exercised_gb"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s written with scenarios 1 and 5 only", k)
		}
	}
	o.claims = filepath.Join(t.TempDir(), "no", "such", "dir.json")
	if err := run(&bytes.Buffer{}, o); err == nil {
		t.Error("-claims into a missing directory: want an error")
	}
}

func TestSignedPD(t *testing.T) {
	if got := up(100, 150); math.Abs(got-40) > 1e-12 {
		t.Errorf("up(100, 150) = %v, want 40", got)
	}
	if got := up(150, 100); math.Abs(got+40) > 1e-12 {
		t.Errorf("up(150, 100) = %v, want -40", got)
	}
	if got := pearson([]float64{1, 2, 3}, []float64{2, 4, 6}); math.Abs(got-1) > 1e-12 {
		t.Errorf("pearson of a line = %v, want 1", got)
	}
	if got := pearson([]float64{1, 1, 1}, []float64{2, 4, 6}); !math.IsNaN(got) {
		t.Errorf("pearson of a constant = %v, want NaN", got)
	}
}

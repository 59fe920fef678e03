package market

import (
	"math"
	"testing"
)

// TestPaperTableFacts recomputes the consistent facts of the paper's tables
// that the package's model relies on (market.md §5 "Seed-table facts"; the
// numbers are the paper's, Tables 5, 7, 15 and 17, and are not reproducible
// from public traces).
func TestPaperTableFacts(t *testing.T) {
	const (
		table15Total = 153174.10 // GB, Table 15 Total
		table15BoD   = 138293.36 // GB, Table 15 BoD
		exPlusPen    = 14880.74  // GB, exercised + penalty in every scenario
		table5Total  = 153098.94 // GB, Table 5 Σ predicted
	)
	if d := table15Total - (table15BoD + exPlusPen); math.Abs(d) > 0.005 {
		t.Errorf("Table 15: Total − BoD − (exercised + penalty) = %v", d)
	}
	_, annual := PaperServers()
	sum := 0.0
	for _, v := range annual {
		sum += v
	}
	if math.Abs(sum-table5Total) > 0.005 {
		t.Errorf("Σ PaperServers = %v, Table 5 total %v", sum, table5Total)
	}
	// Table 5's total differs from the total demand by 0.05 %.
	if pd := PD(sum, table15Total); math.Abs(pd-0.05) > 0.005 {
		t.Errorf("PD(Table 5, Table 15) = %v %%, want about 0.05 %%", pd)
	}
	// Every plan-7a scenario is paired with the 6a scenario of the same M and b,
	// and the paper's cost ordering (Table 17) puts each 7a below its 6a pair.
	order := []int{10, 9, 6, 7, 8, 5, 4, 3, 2, 1, 12, 11}
	rank := map[int]int{}
	for k, id := range order {
		rank[id] = k
	}
	for _, p := range PaperPairs() {
		if rank[p[1]] >= rank[p[0]] {
			t.Errorf("paper order: pair %v not cheaper with SO exchange", p)
		}
	}
}

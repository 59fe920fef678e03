package app_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/em"
	"github.com/cdnkit/cdnkit/game"
)

// tourSmartSharing runs SmartSharing end to end on one group of 10 OTTs: simulation → Y →
// BRUA → fetch table → EM prices → escrowed settlement on a hash-chained ledger → verification.
func tourSmartSharing(w io.Writer) error {
	ctx := context.Background()
	// Five light viewers (activity 0.25) and five heavy ones, as in the paper's Fig. 4 group.
	act := []float64{0.25, 0.25, 0.25, 0.25, 0.25, 1, 1, 1, 1, 1}
	run, err := device.SimulateOTT(ctx, device.OTTConfig{OTTs: 10, Slots: 244, Activity: act}, rand.NewPCG(1, 1))
	if err != nil {
		return err
	}
	hit := 0.0
	for i := 0; i < run.N(); i++ {
		hit += run.HitRatio(i) / float64(run.N())
	}
	fmt.Fprintf(w, "SmartSharing group of 10 OTTs (5 light, 5 heavy viewers), 244 slots of 5 s: mean peer hit ratio %.4g\n", hit)
	row, col, val := run.SupplyDemand(device.YShare)
	y, err := game.CSRFromTriplets(run.N(), row, col, val)
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(1, 2))
	k, d0 := make([]float64, 10), make([]float64, 10)
	for i := range k {
		k[i], d0[i] = 0.4*(1-r.Float64()), 0.864*r.Float64()
	}
	g, err := game.NewDifferentialService(y, k, 3)
	if err != nil {
		return err
	}
	res, err := game.BRUA(ctx, g, d0, nil)
	if err != nil {
		return err
	}
	avg := res.AvgTrajectory[len(res.AvgTrajectory)-1]
	fmt.Fprintf(w, "BRUA (R1, c = 3): average contribution %.4g after %d iterations, NEGap %.4g\n", avg, res.Iterations, res.NEGap)
	_, to := run.Recorded()
	f, err := run.FetchTable(0, res.D, to-12, to, rand.NewPCG(1, 3))
	if err != nil {
		return err
	}
	s, m, err := em.CountRows(f.Table)
	if err != nil {
		return err
	}
	mix, err := em.FitBinomialMixture(ctx, s, m, []float64{0.3, 0.8}, &em.Settings{Tol: 1e-4})
	if err != nil {
		return err
	}
	prices := em.Price(mix, []float64{0.3, 0.8}, em.ExpectedPrice)
	fmt.Fprintf(w, "EM (K = 2): theta %.4g, prices %.4g..%.4g of c\n", mix.Theta, slices.Min(prices), slices.Max(prices))
	l, err := ledger.New(ledger.Header{Chain: "smartsharing-tour", FeeSink: "fees", Fees: ledger.DefaultFeeModel()})
	if err != nil {
		return err
	}
	st := ledger.NewSettler(l, func() int64 { return int64(to) })
	name := func(i int) string { return fmt.Sprintf("ott-%d", i) }
	unit := make([]ledger.Amount, len(prices))
	for i, p := range prices {
		unit[i] = ledger.Amount(math.Round(p * 1e6)) // c = 10⁶ gwei per item
		if err := st.Register(name(i), []ledger.Amount{unit[i]}); err != nil {
			return err
		}
		if err := st.Deposit(name(i), 100_000_000); err != nil {
			return err
		}
	}
	trades, id := 0, uint64(0)
	for j, items := range f.Items {
		for i, n := range items {
			if n == 0 {
				continue
			}
			id++
			c := ledger.DigestOf(fmt.Appendf(nil, "video/%d/slot/%d", run.Requests(f.Last[j][i])[i], f.Last[j][i]))
			if err := st.Open(name(i), name(j), id, unit[j], unit[j]*ledger.Amount(n), int64(to)+10, c); err != nil {
				return err
			}
			if err := st.Confirm(name(i), id, c); err != nil {
				return err
			}
			trades++
		}
	}
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		return err
	}
	head := l.Head()
	if _, err := ledger.Read(&buf, &head); err != nil {
		return err
	}
	fmt.Fprintf(w, "settled %d trades in %d records, fees %d gwei: ledger verified\n", trades, l.Len(), l.Totals().Fees)
	return nil
}

func TestTourStep(t *testing.T) {
	var b bytes.Buffer
	if err := tourSmartSharing(&b); err != nil {
		t.Fatal(err)
	}
	if b.Len() == 0 {
		t.Fatal("tourSmartSharing printed nothing")
	}
	t.Log("\n" + b.String())
}

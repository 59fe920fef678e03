package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/em"
)

// Settlement parameters (Reconstruction, example only).
const (
	gweiPerItem = 1_000_000   // c: price unit, gwei per item
	deposit     = 100_000_000 // gwei each OTT deposits first
	deadlineGap = 10          // slots an escrow stays open
)

// trade is one (seller, buyer) pair with Items > 0 in the settlement window.
type trade struct {
	seller, buyer int
	items         int
	last          int // slot of the last item
	video         int
}

// Trades lists the settlement of one group: its price per OTT and its trades.
type settlement struct {
	prices []ledger.Amount // per OTT, gwei per item
	trades []trade
	theta  []float64
}

func account(i int) string { return fmt.Sprintf("ott-%02d", i) }

// plan fits K = 2 from (0.3, 0.8) on the group's 12-slot fetch table, prices every OTT and lists
// the trades in clock order.
func plan(ctx context.Context, o *Options, g *group4) (*settlement, error) {
	mix, err := em.FitBinomialMixture(ctx, g.s, g.m, []float64{0.3, 0.8}, &em.Settings{Tol: 1e-4})
	if mix == nil {
		return nil, err
	}
	rule := em.ExpectedPrice
	if o.Rule == "map" {
		rule = em.MAPPrice
	}
	p := em.Price(mix, []float64{0.3, 0.8}, rule)
	st := &settlement{theta: mix.Theta}
	for _, x := range p {
		st.prices = append(st.prices, ledger.Amount(math.Round(x*gweiPerItem)))
	}
	lo, _ := g.run.Group(0)
	f := g.fetch
	for j := range f.Items {
		for i, n := range f.Items[j] {
			if n == 0 {
				continue
			}
			t := f.Last[j][i]
			st.trades = append(st.trades, trade{seller: j, buyer: i, items: n, last: t, video: g.run.Requests(t)[lo+i]})
		}
	}
	slices.SortStableFunc(st.trades, func(a, b trade) int { return a.last - b.last })
	return st, nil
}

// ledgerStats are the ledger section's totals, for -claims.
type ledgerStats struct {
	trades, txs  int           // trades settled; fee-paying transactions (see settle)
	volume, fees ledger.Amount // gwei
}

// settle runs the ledger section: register, deposit, one Open and one Confirm per trade, then
// (with the ledger backend) Read verification and a tamper check. It returns the section's totals;
// their fee-paying transactions are the ledger's records where the backend exposes its ledger,
// else every operation submitted (registers, deposits, opens, confirms).
func settle(ctx context.Context, o *Options, g *group4, w io.Writer) (*ledgerStats, error) {
	st, err := plan(ctx, o, g)
	if err != nil {
		return nil, err
	}
	h := ledger.Header{Chain: "smartsharing-example", FeeSink: "fees", Fees: ledger.DefaultFeeModel()}
	clock := int64(g.fetch.From)
	s, err := o.backends[o.Settle](h, func() int64 { return clock })
	if err != nil {
		return nil, fmt.Errorf("settlement backend %s: %w", o.Settle, err)
	}
	n := g.run.N()
	for i := 0; i < n; i++ {
		if err := s.Register(account(i), []ledger.Amount{st.prices[i]}); err != nil {
			return nil, fmt.Errorf("register %s: %w", account(i), err)
		}
	}
	for i := 0; i < n; i++ {
		if err := s.Deposit(account(i), deposit); err != nil {
			return nil, fmt.Errorf("deposit %s: %w", account(i), err)
		}
	}
	var volume ledger.Amount
	for k, tr := range st.trades {
		clock = int64(tr.last)
		price := st.prices[tr.seller]
		amount := price * ledger.Amount(tr.items)
		content := ledger.DigestOf(fmt.Appendf(nil, "video/%d/slot/%d", tr.video, tr.last))
		id := uint64(k + 1)
		if err := s.Open(account(tr.buyer), account(tr.seller), id, price, amount, clock+deadlineGap, content); err != nil {
			return nil, fmt.Errorf("open escrow %d: %w", id, err)
		}
		if err := s.Confirm(account(tr.buyer), id, content); err != nil {
			return nil, fmt.Errorf("confirm escrow %d: %w", id, err)
		}
		volume += amount
	}
	fees, err := s.Fees()
	if err != nil {
		return nil, err
	}
	ls := &ledgerStats{trades: len(st.trades), txs: 2*n + 2*len(st.trades), volume: volume, fees: fees}
	fmt.Fprintf(w, "\n# Ledger (%s backend): replicate-0 Fig. 4 group, window [%d, %d), K = 2 prices {0.3c, 0.8c} with c = %d gwei per item, theta %.4g\n",
		o.Settle, g.fetch.From, g.fetch.To, gweiPerItem, st.theta)
	fmt.Fprintf(w, "trades %d, volume %d gwei, fees %d gwei (%.4g USD at %d USD/ether), fee share %.4g of volume\n",
		len(st.trades), volume, fees, float64(fees)/ledger.GweiPerEther*ledger.PaperUSDPerEther, ledger.PaperUSDPerEther, float64(fees)/float64(max(volume, 1)))
	lh, ok := s.(interface{ Ledger() *ledger.Ledger })
	if !ok {
		return ls, nil
	}
	l := lh.Ledger()
	ls.txs = l.Len() // Register appends no record on the off-chain ledger
	var buf bytes.Buffer
	if _, err := l.WriteTo(&buf); err != nil {
		return nil, err
	}
	head := l.Head()
	if _, err := ledger.Read(bytes.NewReader(buf.Bytes()), &head); err != nil {
		return nil, fmt.Errorf("verification failed: %w", err)
	}
	fmt.Fprintf(w, "records %d, stream %d bytes: verified, head %s\n", l.Len(), buf.Len(), head.String()[:16])
	// Flip the lowest bit of the first Open record's Amount in the stream.
	stream := buf.Bytes()
	off := 8 + 1 + len(h.Chain) + 1 + len(h.FeeSink) + 16
	for _, r := range l.Records(nil) {
		if r.Kind == ledger.Open {
			amt := off + 4 + 8 + 32 + 1 + 8 + 1 + len(r.Payer) + 8 + 1 + len(r.Counterparty) + 8
			stream[amt+7] ^= 1
			_, err := ledger.Read(bytes.NewReader(stream), &head)
			if !errors.Is(err, ledger.ErrTampered) {
				return nil, fmt.Errorf("tampered Amount of record %d not detected as tampering: %v", r.Seq, err)
			}
			fmt.Fprintf(w, "tamper check (Amount of record %d, lowest bit flipped): %v\n", r.Seq, err)
			return ls, nil
		}
		off += 127 + len(r.Payer) + len(r.Counterparty) + 32
	}
	fmt.Fprintln(w, "tamper check: no Open record")
	return ls, nil
}

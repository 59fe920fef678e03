// Command smartsharing-evm runs the SmartSharing example
// (examples/smartsharing, through its pipeline package
// examples/smartsharing/app) with its ledger section settled through the
// SmartSharing contract on an in-process EVM (ethsettle.Backend, registered
// as the "evm" backend and selected by default), then prints the on-chain
// measurements of the paper's §IV-B and Fig. 5(b):
//
//   - gas used per operation and its fee in ether (and USD at 600 USD/ether)
//     at the stated gas price of 1 gwei, beside the paper's 0.00005 ether ≈
//     0.03 USD per transaction, for the example's trades and for a seeded
//     sequence of trades that also cancels, refunds and tries bad
//     operations;
//   - the average and p95 delay from submission to receipt against 1, 2, 4 …
//     64 simultaneous transactions, with a block sealed every second by a
//     ticker calling the simulated backend's Commit (as geth --dev
//     --dev.period 1 does), as a table and, with -plot FILE, as the SVG
//     FILE-fig5b.svg (FILE itself receives the example's figures).
//
// Usage:
//
//	go run ./cmd/smartsharing-evm [example flags] [-trades 200] [-rounds 5] [-period 1s] [-gaslimit 0] [-delay=true] [-quick] [-plot FILE.svg] [-claims FILE]
//
// Every flag of examples/smartsharing is accepted and passed on (-settle
// defaults to evm here; -settle ledger runs the off-chain ledger instead).
// -quick and -plot are seen by both the example and this program; -quick
// also sets -trades 60 and -rounds 2 (about 20 s in all). -claims FILE (this
// program's own, not passed on) writes the on-chain figures the reproduction
// report quotes as a JSON object of named numbers (see evmClaims;
// scripts/figures collects it).
//
// Randomness: the example's streams are documented in package app; here
// rand.NewPCG(seed, 101) draws the seeded trades and rand.NewPCG(seed, 102)
// the burst phases of the delay sweep (seed from -seed). Seeded trades:
// -otts OTTs register the price list {0.3c, 0.8c} (c = 10^6 gwei per item,
// as the example's ledger section) and deposit 10^8 gwei; each trade is an
// Open of price × items by a random buyer from a random seller, then a
// Confirm (80 %), a Cancel by the seller (10 %) or a Refund after the
// deadline (10 %); bad operations (a price off the list, a double
// confirmation) are rejected without a transaction.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/ethsettle"
	"github.com/cdnkit/cdnkit/examples/smartsharing/app"
	"github.com/cdnkit/cdnkit/internal/claims"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "smartsharing-evm:", err)
		os.Exit(1)
	}
}

type options struct {
	seed     uint64
	otts     int
	trades   int
	rounds   int
	period   time.Duration
	gasLimit uint64
	quick    bool
	plotFile string
	delay    bool
	claims   string
}

// own are this program's flags (value flags unless listed in bools); quick,
// plot and seed are shared with the example.
var (
	own    = map[string]bool{"otts": true, "trades": true, "rounds": true, "period": true, "gaslimit": true, "delay": true, "claims": true}
	shared = map[string]bool{"quick": true, "plot": true, "seed": true}
	bools  = map[string]bool{"delay": true, "quick": true}
)

// split separates this program's flags from the example's.
func split(args []string) (mine, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		name, _, hasValue := strings.Cut(name, "=")
		if !strings.HasPrefix(a, "-") || (!own[name] && !shared[name]) {
			rest = append(rest, a)
			continue
		}
		group := []string{a}
		if !hasValue && !bools[name] && i+1 < len(args) {
			i++
			group = append(group, args[i])
		}
		mine = append(mine, group...)
		if shared[name] {
			rest = append(rest, group...)
		}
	}
	return mine, rest
}

func run(ctx context.Context, args []string, w io.Writer) error {
	mine, rest := split(args)
	fs := flag.NewFlagSet("smartsharing-evm", flag.ContinueOnError)
	var o options
	fs.Uint64Var(&o.seed, "seed", 1, "random seed")
	fs.IntVar(&o.otts, "otts", 10, "OTTs of the seeded trades (2..1000)")
	fs.IntVar(&o.trades, "trades", 200, "seeded trades to settle (0: none)")
	fs.IntVar(&o.rounds, "rounds", 5, "bursts per level of the delay sweep")
	fs.DurationVar(&o.period, "period", time.Second, "block period of the delay sweep")
	fs.Uint64Var(&o.gasLimit, "gaslimit", 0, "block gas limit of the delay sweep (0: the dev chain's default)")
	fs.BoolVar(&o.quick, "quick", false, "small run: -trades 60, -rounds 2 (and the example's -quick)")
	fs.StringVar(&o.plotFile, "plot", "", "SVG of the example's figures; the Fig. 5(b) analogue goes to FILE-fig5b.svg")
	fs.BoolVar(&o.delay, "delay", true, "run the delay sweep")
	fs.StringVar(&o.claims, "claims", "", "write the on-chain figures the reproduction report quotes as JSON to this file")
	if err := fs.Parse(mine); err != nil {
		return err
	}
	if o.quick {
		o.trades, o.rounds = 60, 2
	}
	if o.otts < 2 || o.otts > 1000 || o.trades < 0 || o.trades > 100_000 {
		return fmt.Errorf("-otts %d (want 2..1000) or -trades %d (want 0..100000) out of range", o.otts, o.trades)
	}
	settle := false
	for _, a := range rest {
		if n, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "="); n == "settle" && strings.HasPrefix(a, "-") {
			settle = true
		}
	}
	if !settle {
		rest = append([]string{"-settle=evm"}, rest...)
	}
	var chains []*ethsettle.Chain
	defer func() {
		for _, c := range chains {
			c.Close()
		}
	}()
	evm := func(h ledger.Header, now func() int64) (ledger.Settler, error) {
		c, err := ethsettle.New(h, now, nil)
		if err != nil {
			return nil, err
		}
		chains = append(chains, c)
		return c, nil
	}
	if err := app.Main(ctx, rest, w, map[string]app.Backend{"ledger": app.LedgerBackend, "evm": evm}); err != nil {
		return err
	}
	for _, c := range chains {
		printGas(w, "the example's trades", c)
	}
	if o.trades > 0 {
		if err := trades(w, o); err != nil {
			return err
		}
	}
	var pts []ethsettle.DelayPoint
	if o.delay {
		var err error
		if pts, err = delays(ctx, w, o); err != nil {
			return err
		}
	}
	if o.claims == "" {
		return nil
	}
	var example *ethsettle.Chain
	if len(chains) > 0 {
		example = chains[0]
	}
	return claims.Write(o.claims, evmClaims(example, pts))
}

// evmClaims returns the figures of -claims, all measured by this run; what
// was not measured (no example chain with -ledger=false or -settle ledger, no
// sweep with -delay=false) is left out:
//
//   - gas.mean_per_tx: mean gas of the Open and Confirm transactions of the
//     example's trades on the EVM; ledger.fee_per_tx_ether: that gas at the
//     chain's gas price (gwei per gas), in ether.
//   - delay.n1.mean_s and delay.n64.mean_s: mean delay from submission to
//     receipt at 1 and 64 simultaneous transactions; delay.steps: the steps
//     between consecutive load levels; delay.steps_nondecreasing: those where
//     the mean delay does not fall.
func evmClaims(example *ethsettle.Chain, pts []ethsettle.DelayPoint) claims.Set {
	c := claims.Set{}
	if example != nil {
		g := example.Gas()
		if n := g[ethsettle.OpOpen].Count + g[ethsettle.OpConfirm].Count; n > 0 {
			mean := meanTrade(g)
			c.Put("gas.mean_per_tx", mean)
			c.Put("ledger.fee_per_tx_ether", mean*float64(example.Config().GasPrice)/ledger.GweiPerEther)
		}
	}
	for _, p := range pts {
		switch p.Simultaneous {
		case 1, 64:
			c.Put(fmt.Sprintf("delay.n%d.mean_s", p.Simultaneous), p.Mean.Seconds())
		}
	}
	if len(pts) > 1 {
		up := 0
		for i := 1; i < len(pts); i++ {
			if pts[i].Mean >= pts[i-1].Mean {
				up++
			}
		}
		c.Put("delay.steps", float64(len(pts)-1))
		c.Put("delay.steps_nondecreasing", float64(up))
	}
	return c
}

const c = 1_000_000 // gwei per item

func trades(w io.Writer, o options) error {
	var slot int64
	ch, err := ethsettle.New(ledger.Header{Chain: "smartsharing-evm", FeeSink: "sink"}, func() int64 { return slot }, nil)
	if err != nil {
		return err
	}
	defer ch.Close()
	r := rand.New(rand.NewPCG(o.seed, 101))
	prices := []ledger.Amount{3 * c / 10, 8 * c / 10}
	names := make([]string, o.otts)
	for i := range names {
		names[i] = fmt.Sprintf("ott-%d", i)
		if err := ch.Register(names[i], prices); err != nil {
			return err
		}
		if err := ch.Deposit(names[i], 100_000_000); err != nil {
			return err
		}
	}
	accepted, rejected := 0, 0
	var volume ledger.Amount
	reject := func(err error) error {
		if errors.Is(err, ledger.ErrInvalidTx) || errors.Is(err, ledger.ErrReplay) || errors.Is(err, ledger.ErrOverdraft) {
			rejected++
			return nil
		}
		return err
	}
	for id := uint64(1); id <= uint64(o.trades); id++ {
		slot += int64(r.IntN(2))
		i := r.IntN(o.otts)
		j := (i + 1 + r.IntN(o.otts-1)) % o.otts
		buyer, seller := names[i], names[j]
		price := prices[r.IntN(len(prices))]
		items := ledger.Amount(1 + r.IntN(12))
		video := ledger.DigestOf(fmt.Appendf(nil, "video/%d/slot/%d", r.IntN(50), slot))
		if r.IntN(20) == 0 { // a price off the list
			if err := reject(ch.Open(buyer, seller, id, price+1, (price+1)*items, slot+2, video)); err != nil {
				return err
			}
		}
		if err := ch.Open(buyer, seller, id, price, price*items, slot+2, video); err != nil {
			if err := reject(err); err != nil {
				return err
			}
			continue
		}
		accepted++
		switch k := r.IntN(10); {
		case k < 8:
			if err := ch.Confirm(buyer, id, video); err != nil {
				return err
			}
			volume += price * items
			if r.IntN(10) == 0 { // a double confirmation
				if err := reject(ch.Confirm(buyer, id, video)); err != nil {
					return err
				}
			}
		case k == 8:
			if err := ch.Cancel(seller, id); err != nil {
				return err
			}
		default:
			slot += 3
			if err := ch.Refund(buyer, id); err != nil {
				return err
			}
		}
	}
	fees, err := ch.Fees()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n# Seeded trades on the in-process EVM (go-ethereum simulated backend, automine, chain id 1337)\n")
	fmt.Fprintf(w, "trades opened %d, rejected operations %d, volume %d gwei (%.4g ether)\n", accepted, rejected, volume, float64(volume)*1e-9)
	fmt.Fprintf(w, "gas fees %d gwei (%.4g ether, %.4g USD at %d USD/ether), %.4g of the volume\n",
		fees, float64(fees)*1e-9, float64(fees)*1e-9*ledger.PaperUSDPerEther, ledger.PaperUSDPerEther, float64(fees)/float64(max(volume, 1)))
	printGas(w, "the seeded trades", ch)
	return nil
}

func printGas(w io.Writer, what string, ch *ethsettle.Chain) {
	gp := ch.Config().GasPrice
	fmt.Fprintf(w, "\n# Gas per operation of %s at a gas price of %d gwei (paper: 0.00005 ether ≈ 0.03 USD per transaction)\n", what, gp)
	fmt.Fprintf(w, "%-9s %6s %9s %9s %9s %12s %9s %12s\n", "op", "count", "mean gas", "min", "max", "fee (ether)", "fee (USD)", "÷ paper fee")
	for _, g := range ch.Gas() {
		if g.Count == 0 {
			continue
		}
		ether := g.Mean() * float64(gp) * 1e-9
		fmt.Fprintf(w, "%-9s %6d %9.0f %9d %9d %12.4g %9.4g %12.4g\n", g.Op, g.Count, g.Mean(), g.Min, g.Max, ether, ether*ledger.PaperUSDPerEther, ether/0.00005)
	}
	fmt.Fprintf(w, "(Deploy is paid once by the fee sink and is not in Fees; the paper's fee equals the mean Open/Confirm gas at %.4g gwei per gas.)\n",
		0.00005e9/meanTrade(ch.Gas()))
}

func meanTrade(g []ethsettle.OpGas) float64 {
	o, c := g[ethsettle.OpOpen], g[ethsettle.OpConfirm]
	if o.Count+c.Count == 0 {
		return 1
	}
	return float64(o.Gas+c.Gas) / float64(o.Count+c.Count)
}

func delays(ctx context.Context, w io.Writer, o options) ([]ethsettle.DelayPoint, error) {
	cfg := &ethsettle.DelayConfig{Rounds: o.rounds, BlockPeriod: o.period, BlockGasLimit: o.gasLimit, Src: rand.NewPCG(o.seed, 102)}
	pts, err := ethsettle.MeasureDelay(ctx, cfg)
	if err != nil {
		return nil, err
	}
	limit := "the dev chain's default block gas limit"
	if o.gasLimit != 0 {
		limit = fmt.Sprintf("a block gas limit of %d", o.gasLimit)
	}
	fmt.Fprintf(w, "\n# Fig. 5b analogue: delay from submission to receipt, blocks sealed every %v by a ticker, %s, %d bursts per level\n", o.period, limit, o.rounds)
	fmt.Fprintf(w, "%12s %8s %10s %10s %10s %8s\n", "simultaneous", "samples", "mean (s)", "p95 (s)", "max (s)", "blocks")
	for _, p := range pts {
		fmt.Fprintf(w, "%12d %8d %10.4g %10.4g %10.4g %8.4g\n", p.Simultaneous, p.Samples, p.Mean.Seconds(), p.P95.Seconds(), p.Max.Seconds(), p.Blocks)
	}
	if o.plotFile != "" {
		file := strings.TrimSuffix(o.plotFile, ".svg") + "-fig5b.svg"
		if err := writePlot(file, pts); err != nil {
			return nil, err
		}
		fmt.Fprintf(w, "# wrote %s\n", file)
	}
	return pts, nil
}

func writePlot(file string, pts []ethsettle.DelayPoint) error {
	p := plot.New()
	p.Title.Text = "Transaction delay vs simultaneous transactions (in-process EVM, 1 block/period)"
	p.X.Label.Text = "simultaneous transactions"
	p.Y.Label.Text = "delay from submission to receipt (s)"
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	mean, p95 := make(plotter.XYs, len(pts)), make(plotter.XYs, len(pts))
	for i, q := range pts {
		mean[i] = plotter.XY{X: float64(q.Simultaneous), Y: q.Mean.Seconds()}
		p95[i] = plotter.XY{X: float64(q.Simultaneous), Y: q.P95.Seconds()}
	}
	lm, pm, err := plotter.NewLinePoints(mean)
	if err != nil {
		return err
	}
	lp, pp, err := plotter.NewLinePoints(p95)
	if err != nil {
		return err
	}
	lp.Dashes = []vg.Length{vg.Points(4), vg.Points(2)}
	p.Add(lm, pm, lp, pp, plotter.NewGrid())
	p.Legend.Add("mean", lm, pm)
	p.Legend.Add("p95", lp, pp)
	p.Legend.Top = true
	return p.Save(7*vg.Inch, 4.5*vg.Inch, file)
}

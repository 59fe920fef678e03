// Pipeline entry point, flags and settlement backends of examples/smartsharing.

package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/cdnkit/cdnkit/device"
	"github.com/cdnkit/cdnkit/device/ledger"
	"github.com/cdnkit/cdnkit/internal/claims"
)

// Backend opens a fresh settlement backend with the given header (chain id, fee sink, fees) and
// clock.
type Backend func(h ledger.Header, now func() int64) (ledger.Settler, error)

// LedgerBackend is the off-chain Backend: ledger.New(h) adapted by ledger.NewSettler.
func LedgerBackend(h ledger.Header, now func() int64) (ledger.Settler, error) {
	l, err := ledger.New(h)
	if err != nil {
		return nil, err
	}
	return ledger.NewSettler(l, now), nil
}

// Random-stream purposes (see the package documentation).
const (
	streamSim   = 1
	streamK     = 2
	streamD0    = 3
	streamFetch = 4
)

// Options are the program's flags.
type Options struct {
	Figs     map[string]bool
	Model    string // r1 | r2 | r3
	Seed     uint64
	Seeds    int // Fig. 3 replicates
	Reps     int // Fig. 5a replicates
	Slots    int
	C        float64   // Fig. 3a
	Cs       []float64 // Fig. 3b
	CPrice   float64   // the game before Figs. 4–5
	Rule     string    // expected | map
	Twitch   string
	Ledger   bool
	Settle   string
	Plot     string
	Claims   string // -claims FILE: the figures REPRODUCTION.md quotes, as JSON
	Quick    bool
	KStep    float64 // Fig. 3b grid step
	Popular  *device.Popularity
	backends map[string]Backend
}

func (o *Options) rng(purpose, rep uint64) *rand.Rand {
	return rand.New(rand.NewPCG(o.Seed, purpose<<32|rep))
}

func (o *Options) src(purpose, rep uint64) rand.Source {
	return rand.NewPCG(o.Seed, purpose<<32|rep)
}

// parse reads the flags.
func parse(args []string) (*Options, error) {
	fs := flag.NewFlagSet("smartsharing", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	o := &Options{}
	figs := fs.String("fig", "3a,3b,4a,4b,5a", "figures to reproduce (comma-separated)")
	fs.StringVar(&o.Model, "model", "r1", "payoff model: r1 (DifferentialService), r2 (PublicGood), r3 (LinearQuadratic, a = 0.1)")
	fs.Uint64Var(&o.Seed, "seed", 1, "random seed")
	fs.IntVar(&o.Seeds, "seeds", 10, "Fig. 3 replicates")
	fs.IntVar(&o.Reps, "reps", 20, "Fig. 5a replicates")
	fs.IntVar(&o.Slots, "slots", 724, "simulated 5 s slots (4 of them warm-up)")
	fs.Float64Var(&o.C, "c", 1.25, "price parameter c of Fig. 3a")
	cs := fs.String("cs", "0.5,1,2", "price parameters c of Fig. 3b")
	fs.Float64Var(&o.CPrice, "cprice", 3, "price parameter c of the game before Figs. 4-5")
	fs.StringVar(&o.Rule, "rule", "expected", "pricing rule: expected | map")
	fs.StringVar(&o.Twitch, "twitch", "", "viewer-count CSV (MMSys'15 Twitch format): popularity of its top 50 sessions instead of Zipf")
	fs.BoolVar(&o.Ledger, "ledger", true, "settle the replicate-0 Fig. 4 group's trades")
	fs.StringVar(&o.Settle, "settle", "ledger", "settlement backend: ledger | evm")
	fs.StringVar(&o.Plot, "plot", "", "write the figures as one SVG to this file")
	fs.StringVar(&o.Claims, "claims", "", "write the figures the reproduction report quotes as JSON to this file")
	fs.BoolVar(&o.Quick, "quick", false, "small run: seeds 3, reps 5, slots 244, k step 0.04")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	o.KStep = 0.02
	if o.Quick {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		if !set["seeds"] {
			o.Seeds = 3
		}
		if !set["reps"] {
			o.Reps = 5
		}
		if !set["slots"] {
			o.Slots = 244
		}
		o.KStep = 0.04
	}
	o.Figs = map[string]bool{}
	for _, f := range strings.Split(*figs, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		switch f {
		case "":
		case "3a", "3b", "4a", "4b", "5a":
			o.Figs[f] = true
		default:
			return nil, fmt.Errorf("-fig: unknown figure %q (want 3a, 3b, 4a, 4b, 5a)", f)
		}
	}
	for _, f := range strings.Split(*cs, ",") {
		x, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || !(x > 0) || x > 1e6 {
			return nil, fmt.Errorf("-cs: bad price %q", f)
		}
		o.Cs = append(o.Cs, x)
	}
	switch {
	case o.Model != "r1" && o.Model != "r2" && o.Model != "r3":
		return nil, fmt.Errorf("-model %q: want r1, r2 or r3", o.Model)
	case o.Rule != "expected" && o.Rule != "map":
		return nil, fmt.Errorf("-rule %q: want expected or map", o.Rule)
	case o.Seeds < 1 || o.Seeds > 1000:
		return nil, fmt.Errorf("-seeds %d outside [1, 1000]", o.Seeds)
	case o.Reps < 1 || o.Reps > 1000:
		return nil, fmt.Errorf("-reps %d outside [1, 1000]", o.Reps)
	case o.Slots < 40 || o.Slots > 1_000_000:
		return nil, fmt.Errorf("-slots %d outside [40, 10^6] (Fig. 5a needs 32 recorded slots after the warm-up)", o.Slots)
	case !(o.C > 0) || o.C > 1e6:
		return nil, fmt.Errorf("-c %v: want a positive price", o.C)
	case !(o.CPrice > 0) || o.CPrice > 1e6:
		return nil, fmt.Errorf("-cprice %v: want a positive price", o.CPrice)
	}
	return o, nil
}

// Main runs the program with the command-line arguments args (without the program name),
// printing tables to stdout. backends maps -settle names to settlement backends; a name missing
// from the map is an error naming the program that provides it.
func Main(ctx context.Context, args []string, stdout io.Writer, backends map[string]Backend) error {
	o, err := parse(args)
	if err != nil {
		return err
	}
	o.backends = backends
	if o.Ledger {
		if _, ok := backends[o.Settle]; !ok {
			if o.Settle == "evm" {
				return errors.New("settlement backend evm: run ethsettle/cmd/smartsharing-evm")
			}
			return fmt.Errorf("settlement backend %s: unknown (have %s)", o.Settle, backendNames(backends))
		}
	}
	if o.Twitch != "" {
		f, err := os.Open(o.Twitch)
		if err != nil {
			return err
		}
		log, err := device.ParseViewerCSV(f, nil)
		f.Close()
		if err != nil {
			return fmt.Errorf("-twitch %s: %w", o.Twitch, err)
		}
		if o.Popular, err = log.Top(device.DefaultOTTVideos).Popularity(device.DefaultOTTVideos, device.DefaultOTTSlotSeconds); err != nil {
			return fmt.Errorf("-twitch %s: %w", o.Twitch, err)
		}
		fmt.Fprintf(stdout, "# popularity: top %d sessions of %s (%d rows, %d skipped, %d snapshots)\n",
			len(o.Popular.Names), o.Twitch, log.Rows, log.Skipped, len(o.Popular.Weights))
	} else {
		fmt.Fprintf(stdout, "# popularity: Zipf(%d, %g)\n", device.DefaultOTTVideos, device.DefaultZipfExponent)
	}
	fmt.Fprintf(stdout, "# model %s, seed %d, slots %d, rule %s\n", o.Model, o.Seed, o.Slots, o.Rule)
	var figs figures
	if o.Figs["3a"] {
		if figs.f3a, err = fig3a(ctx, o); err != nil {
			return err
		}
		figs.f3a.print(stdout, o)
	}
	if o.Figs["3b"] {
		if figs.f3b, err = fig3b(ctx, o); err != nil {
			return err
		}
		figs.f3b.print(stdout, o)
	}
	var g4 *group4
	if o.Figs["4a"] || o.Figs["4b"] || o.Ledger {
		if g4, err = newGroup4(ctx, o, 0); err != nil {
			return err
		}
	}
	if o.Figs["4a"] {
		if figs.f4a, err = fig4(ctx, o, g4, [][]float64{{0.2, 0.5}, {0.3, 0.8}}); err != nil {
			return err
		}
		figs.f4a.print(stdout, "4a")
	}
	if o.Figs["4b"] {
		if figs.f4b, err = fig4(ctx, o, g4, [][]float64{{0.3, 0.6, 0.8}}); err != nil {
			return err
		}
		figs.f4b.print(stdout, "4b")
	}
	if o.Figs["5a"] {
		if figs.f5a, err = fig5a(ctx, o); err != nil {
			return err
		}
		figs.f5a.print(stdout)
	}
	var led *ledgerStats
	if o.Ledger {
		if led, err = settle(ctx, o, g4, stdout); err != nil {
			return err
		}
	}
	if o.Plot != "" {
		if err := writePlot(o.Plot, &figs); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "# wrote %s\n", o.Plot)
	}
	if o.Claims != "" {
		if err := claims.Write(o.Claims, figureClaims(&figs, led)); err != nil {
			return err
		}
	}
	return nil
}

func backendNames(m map[string]Backend) string {
	var s []string
	for k := range m {
		s = append(s, k)
	}
	if len(s) == 0 {
		return "none"
	}
	slices.Sort(s)
	return strings.Join(s, ", ")
}

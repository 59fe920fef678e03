package options

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Method names a pricing method for American and PriceBatch.
type Method int

const (
	// MethodEuropean is European (the zero value).
	MethodEuropean Method = iota
	// MethodBAW is BaroneAdesiWhaley.
	MethodBAW
	// MethodBjS1993 is BjerksundStensland1993.
	MethodBjS1993
	// MethodBjS2002 is BjerksundStensland2002.
	MethodBjS2002
	// MethodJuZhong is JuZhong.
	MethodJuZhong
	// MethodBinomial is Binomial with DefaultSteps (or BatchSettings.Steps)
	// and american = true.
	MethodBinomial
)

var methodNames = [...]string{"european", "baw", "bjs1993", "bjs2002", "ju", "binomial"}

// String returns the name ParseMethod accepts ("european", "baw", "bjs1993",
// "bjs2002", "ju", "binomial"), or "Method(n)" for an invalid value.
func (m Method) String() string {
	if m >= 0 && int(m) < len(methodNames) {
		return methodNames[m]
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

func (m Method) valid() bool { return m >= 0 && int(m) < len(methodNames) }

// ParseMethod returns the Method named s, one of "european", "baw",
// "bjs1993", "bjs2002", "ju" or "binomial"; any other string gives an error
// wrapping ErrBadMethod.
func ParseMethod(s string) (Method, error) {
	for i, n := range methodNames {
		if s == n {
			return Method(i), nil
		}
	}
	return 0, fmt.Errorf("%w: %q", ErrBadMethod, s)
}

// American prices the option with the method m. MethodEuropean returns the
// European price (so one enum serves the batch), MethodBinomial the
// Binomial lattice with DefaultSteps and american = true.
//
// Every American method runs the same frame: (1) validation; (2) T = 0 →
// the intrinsic value (the option may be exercised on its expiry day);
// (3) a call with q ≤ 0 ≤ r or a put with r ≤ 0 ≤ q is never exercised
// early → the European price, bit for bit; (4) σ√T = 0, S = 0 or K = 0 →
// the exact deterministic value max_{t∈[0,T]} e^{−rt} max(η(S e^{bt} − K), 0)
// (Reconstruction); (5) r < 0 or q < 0 otherwise, where double exercise
// boundaries are possible (Battauz, De Donno & Sbuelz 2015) and the closed
// forms do not apply → the lattice (Reconstruction); (6) the method;
// (7) v ← max(v, European, intrinsic), and a non-finite value or one above S
// (call) or K (put) is replaced by the lattice value. No method returns NaN,
// ±Inf, a negative value or less than max(European, intrinsic).
func American(m Method, k Kind, p Params) (float64, error) {
	if !m.valid() {
		return 0, fmt.Errorf("%w: %d", ErrBadMethod, int(m))
	}
	if err := validate(k, p); err != nil {
		return 0, err
	}
	return checkFinite(price(m, k, p, DefaultSteps), p)
}

// price is the unchecked dispatcher for validated inputs.
func price(m Method, k Kind, p Params, steps int) float64 {
	switch m {
	case MethodBAW:
		return americanFrame(k, p, bawCore)
	case MethodBjS1993:
		return bjsFrame(k, p, bjs93Core)
	case MethodBjS2002:
		return bjsFrame(k, p, bjs02Core)
	case MethodJuZhong:
		return americanFrame(k, p, juCore)
	case MethodBinomial:
		return binomial(k, p, steps, true)
	}
	return european(k, p)
}

// Option is one element of a batch.
type Option struct {
	Kind   Kind
	Params Params
}

// BatchSettings configures PriceBatch. The zero value (or nil) means the
// defaults.
type BatchSettings struct {
	Workers int // goroutines; 0 ⇒ runtime.GOMAXPROCS(0)
	Steps   int // MethodBinomial steps; 0 ⇒ DefaultSteps
}

// batchChunk is the smallest contiguous range one goroutine prices.
const batchChunk = 4096

// PriceBatch fills dst[i] with the price of opts[i] by the method m and
// returns dst[:len(opts)]; dst is grown if cap(dst) < len(opts).
//
// Reconstruction (API shape, gonum style): all inputs are validated first
// (one O(n) pass); the first invalid element gives a *BatchError with its
// index wrapping the element's error, and nothing is computed. Then [0, n)
// is split into contiguous chunks of at least 4096 elements priced by
// Workers goroutines, each writing only its own range of dst; ctx is checked
// between chunks, and on cancellation dst is returned with the chunks
// already done (the rest untouched) together with ctx.Err(). Results are
// bit-identical to the scalar functions and independent of Workers.
// Cost O(n·cost/Workers). PriceBatch panics on a nil ctx.
func PriceBatch(ctx context.Context, dst []float64, m Method, opts []Option, s *BatchSettings) ([]float64, error) {
	if ctx == nil {
		panic("options: nil context")
	}
	if !m.valid() {
		return dst, fmt.Errorf("%w: %d", ErrBadMethod, int(m))
	}
	workers, steps := runtime.GOMAXPROCS(0), DefaultSteps
	if s != nil {
		if s.Workers < 0 {
			return dst, &ParamError{Field: "Workers", Value: float64(s.Workers), Reason: "must be >= 0"}
		}
		if s.Workers > 0 {
			workers = s.Workers
		}
		if s.Steps < 0 || s.Steps > MaxSteps {
			return dst, ErrBadSteps
		}
		if s.Steps > 0 {
			steps = s.Steps
		}
	}
	for i := range opts {
		if err := validate(opts[i].Kind, opts[i].Params); err != nil {
			return dst, &BatchError{Index: i, Err: err}
		}
	}
	n := len(opts)
	if cap(dst) < n {
		nd := make([]float64, n)
		copy(nd, dst)
		dst = nd
	}
	dst = dst[:n]
	if n == 0 {
		return dst, nil
	}
	if err := ctx.Err(); err != nil {
		return dst, err
	}
	nChunks := (n + batchChunk - 1) / batchChunk
	if workers > nChunks {
		workers = nChunks
	}
	var (
		next    atomic.Int64
		done    atomic.Int64
		mu      sync.Mutex
		firstEl = -1
		elErr   error
		wg      sync.WaitGroup
	)
	work := func() {
		defer wg.Done()
		for {
			c := int(next.Add(1) - 1)
			if c >= nChunks || ctx.Err() != nil {
				return
			}
			lo, hi := c*batchChunk, min((c+1)*batchChunk, n)
			for i := lo; i < hi; i++ {
				o := &opts[i]
				v, err := checkFinite(price(m, o.Kind, o.Params, steps), o.Params)
				if err != nil {
					mu.Lock()
					if firstEl < 0 || i < firstEl {
						firstEl, elErr = i, err
					}
					mu.Unlock()
					break
				}
				dst[i] = v
			}
			done.Add(1)
		}
	}
	wg.Add(workers)
	for w := 0; w < workers-1; w++ {
		go work()
	}
	work()
	wg.Wait()
	if firstEl >= 0 {
		return dst, &BatchError{Index: firstEl, Err: elErr}
	}
	if done.Load() < int64(nChunks) {
		return dst, ctx.Err()
	}
	return dst, nil
}

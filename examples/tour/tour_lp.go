package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/cdnkit/cdnkit/timeslot/lp"
	"io"
	"math"
	"strings"
)

func init() { step("lp", tourLp) }

// tourLp solves a small production-planning LP given in MPS form (maximise 3x + 2y s.t. x + y ≤ 4,

// x + 3y ≤ 6, x ≤ 3), prints the optimum with its certified bound, and writes the problem back as MPS.

func tourLp(w io.Writer) error {
	const text = `NAME PLAN
OBJSENSE MAX
ROWS
 N PROFIT
 L LAND
 L LABOUR
COLUMNS
 X PROFIT 3 LAND 1
 X LABOUR 1
 Y PROFIT 2 LAND 1
 Y LABOUR 3
RHS
 RHS LAND 4 LABOUR 6
BOUNDS
 UP BND X 3
 UP BND Y 10
ENDATA
`
	p, err := lp.ReadMPS(strings.NewReader(text))
	if err != nil {
		return err
	}
	sol, err := lp.Solve(context.Background(), p, &lp.Settings{Tol: 1e-8})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%v after %d PDHG iterations: profit %.4g at x = %.4g, y = %.4g\n",
		sol.Status, sol.Iterations, -sol.Objective, sol.X[0], sol.X[1])
	fmt.Fprintf(w, "certified upper bound on the profit %.6g, relative gap %.2g\n", -sol.DualBound, sol.Gap)
	var out bytes.Buffer
	if err := lp.WriteMPS(&out, p); err != nil {
		return err
	}
	fmt.Fprintf(w, "MPS round trip: %d lines, first %q\n", strings.Count(out.String(), "\n"), strings.SplitN(out.String(), "\n", 2)[0])
	if math.IsInf(sol.DualBound, 0) {
		return fmt.Errorf("no certified bound")
	}
	return nil
}

//go:build unix

package swarm

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) used by this process, so
// benchmarks can report CPU seconds per run next to the wall time, which is
// inflated on a contended machine.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

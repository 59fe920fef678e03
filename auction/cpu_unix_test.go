//go:build unix

package auction

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user + system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// cpuMeter reports CPU time per operation as "cpu-ns/op", the figure the package targets
// refer to (wall-clock ns/op is inflated on a shared machine).
type cpuMeter struct{ start time.Duration }

func startCPU() cpuMeter { return cpuMeter{cpuTime()} }

func (m cpuMeter) report(b *testing.B, n int) {
	if n > 0 {
		b.ReportMetric(float64(cpuTime()-m.start)/float64(n), "cpu-ns/op")
	}
}

//go:build !unix

package market_test

import "time"

// cpuTime is unavailable off unix; cpu-ns/op then reads 0.
func cpuTime() time.Duration { return 0 }

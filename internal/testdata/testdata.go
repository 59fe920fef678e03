// Package testdata locates cdnkit's real-data directory for tests and examples.
//
// The directory is taken from the environment variable CDNKIT_DATA when it is
// set, and otherwise is ../shared/data relative to the module root (the
// directory holding cdnkit's go.mod). Tests that need the data call Require,
// which skips the test with a clear message when the data is absent.
package testdata

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// EnvVar is the environment variable that overrides the data directory.
const EnvVar = "CDNKIT_DATA"

// ErrNotFound is returned by Dir when no data directory exists.
var ErrNotFound = errors.New("testdata: real-data directory not found (set CDNKIT_DATA or provide ../shared/data)")

// Dir returns the real-data directory: $CDNKIT_DATA if set and present,
// otherwise ../shared/data beside the module root found by walking up from
// the working directory. It returns ErrNotFound when neither exists.
func Dir() (string, error) {
	if d := os.Getenv(EnvVar); d != "" {
		if isDir(d) {
			return d, nil
		}
		return "", ErrNotFound
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for d := wd; ; {
		if isFile(filepath.Join(d, "go.mod")) && isCoreModule(filepath.Join(d, "go.mod")) {
			cand := filepath.Join(d, "..", "shared", "data")
			if isDir(cand) {
				return filepath.Clean(cand), nil
			}
			return "", ErrNotFound
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", ErrNotFound
		}
		d = parent
	}
}

// Path returns the path of elem joined under the data directory, or an error
// when the data directory or the named entry is absent.
func Path(elem ...string) (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	p := filepath.Join(append([]string{d}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}

// Require returns the path of elem under the data directory, or skips tb with
// a message naming what is missing and how to provide it.
func Require(tb testing.TB, elem ...string) string {
	tb.Helper()
	p, err := Path(elem...)
	if err != nil {
		tb.Skipf("skipping: real data %q not available (%v); set %s to the shared data directory", filepath.Join(elem...), err, EnvVar)
	}
	return p
}

func isDir(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.IsDir()
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && !fi.IsDir()
}

// isCoreModule reports whether the go.mod at p is cdnkit's core module, so
// that nested modules (tools, ethsettle) are walked past.
func isCoreModule(p string) bool {
	b, err := os.ReadFile(p)
	if err != nil {
		return false
	}
	const want = "module github.com/cdnkit/cdnkit\n"
	return len(b) >= len(want) && string(b[:len(want)]) == want
}

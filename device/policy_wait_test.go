package device

import "testing"

// TestDefaultWaitNilUser checks that a hand-built View whose video member
// lacks a User falls back to minWait instead of panicking.
func TestDefaultWaitNilUser(t *testing.T) {
	v := &View{Members: []Member{{ID: 0, Video: true, Buffer: 3, Remaining: 2}}}
	if got := DefaultWait(v, 0.5); got != 0.5 {
		t.Fatalf("DefaultWait with nil User = %v, want 0.5", got)
	}
	v.Members[0].User = &User{}
	if got := DefaultWait(v, 0.25); got != 0.25 {
		t.Fatalf("DefaultWait with nil Video = %v, want 0.25", got)
	}
}

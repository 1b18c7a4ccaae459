package web

import (
	"testing"
	"time"
)

// An allowance fills at its rate, holds at most a minute's worth, refuses
// what does not fit without taking any, takes a batch larger than a
// minute's worth only when full (and then waits until it is earned back),
// gives back what a failed request took, and forgets keys that are full.
func TestAllowance(t *testing.T) {
	now := time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC)
	a := newAllowance(60) // one a second
	a.now = func() time.Time { return now }
	wait := func(key string, n int) time.Duration { return a.take(key, n) }

	if w := wait("x", 50); w != 0 {
		t.Fatalf("50 of 60: wait %v", w)
	}
	if w := wait("x", 20); w != 10*time.Second {
		t.Fatalf("20 with 10 left: wait %v, want 10s", w)
	}
	if w := wait("x", 10); w != 0 {
		t.Fatalf("the refused 20 took some: 10 with 10 left waits %v", w)
	}
	if w := wait("y", 60); w != 0 {
		t.Fatalf("another key has its own: wait %v", w)
	}
	now = now.Add(5 * time.Second)
	if w := wait("x", 5); w != 0 {
		t.Fatalf("5 after 5 s: wait %v", w)
	}
	// A minute's worth at most: an hour idle does not bank an hour.
	now = now.Add(time.Hour)
	if w := wait("x", 61); w != 0 {
		t.Fatalf("a batch over a minute's worth, when full: wait %v", w)
	}
	if w := wait("x", 1); w != 2*time.Second {
		t.Fatalf("after a batch of 61 of 60: wait %v, want 2s (the debt and one)", w)
	}
	now = now.Add(30 * time.Second)
	if w := wait("x", 200); w != 31*time.Second {
		t.Fatalf("a batch over a minute's worth, half full: wait %v, want 31s (until full)", w)
	}
	a.give("x", 31)
	if w := wait("x", 60); w != 0 {
		t.Fatalf("after giving back: wait %v", w)
	}
	now = now.Add(500 * time.Millisecond)
	if w := wait("x", 1); w != time.Second {
		t.Fatalf("half a second short: wait %v, want 1s (Retry-After is whole seconds)", w)
	}

	now = now.Add(2 * time.Minute)
	a.take("z", 1)
	if _, ok := a.buckets["x"]; ok {
		t.Error("a key that is full again is kept")
	}
	if _, ok := a.buckets["z"]; !ok {
		t.Error("a key that has taken is forgotten")
	}

	none := newAllowance(0)
	if none != nil || none.take("x", 1000) != 0 {
		t.Error("0 must be no limit")
	}
	none.give("x", 1)
}

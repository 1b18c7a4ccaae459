package auth

import (
	"strings"
	"sync"
	"time"
)

// throttle slows repeated failures: from a number of failures within a
// window on, each one locks the key (an account or an address) for
// twice as long as the one before, up to a limit. A success clears it.
// It is kept in memory: a restart forgives, which a guesser cannot cause.
type throttle struct {
	mu      sync.Mutex
	entries map[string]*failures
	// successes holds when each key last succeeded, for known.
	successes map[string]time.Time
}

type failures struct {
	count int
	first time.Time
	until time.Time
}

const (
	throttleWindow = 15 * time.Minute
	firstLock      = 30 * time.Second
	longestLock    = 15 * time.Minute
)

// knownFor is how long a success makes a key known.
const knownFor = 90 * 24 * time.Hour

func newThrottle() *throttle {
	return &throttle{entries: map[string]*failures{}, successes: map[string]time.Time{}}
}

// remember records a success of key at now.
func (t *throttle) remember(now time.Time, key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.successes) > 100_000 {
		for k, at := range t.successes {
			if now.Sub(at) > knownFor {
				delete(t.successes, k)
			}
		}
	}
	t.successes[key] = now
}

// known tells whether key succeeded within knownFor of now.
func (t *throttle) known(now time.Time, key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	at, ok := t.successes[key]
	return ok && now.Sub(at) <= knownFor
}

// wait returns how long the most locked of the keys stays locked at now.
func (t *throttle) wait(now time.Time, keys ...string) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var d time.Duration
	for _, k := range keys {
		if f := t.entries[k]; f != nil && f.until.After(now) {
			d = max(d, f.until.Sub(now))
		}
	}
	return d
}

// fail records a failure of key, which is locked from its limit-th failure.
func (t *throttle) fail(now time.Time, key string, limit int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.failLocked(now, key, limit)
}

func (t *throttle) failLocked(now time.Time, key string, limit int) {
	f := t.entries[key]
	if f == nil || now.Sub(f.first) > throttleWindow && !f.until.After(now) {
		if len(t.entries) > 100_000 {
			t.sweep(now)
		}
		f = &failures{first: now}
		t.entries[key] = f
	}
	f.count++
	if over := f.count - limit + 1; over > 0 {
		lock := firstLock << min(over-1, 10)
		f.until = now.Add(min(lock, longestLock))
	}
}

// forget forgets the failures and successes of key and of every key that
// begins with prefix.
func (t *throttle) forget(key, prefix string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	deleteKeys(t.entries, key, prefix)
	deleteKeys(t.successes, key, prefix)
}

// deleteKeys deletes key and every key beginning with prefix from m.
func deleteKeys[V any](m map[string]V, key, prefix string) {
	delete(m, key)
	for k := range m {
		if strings.HasPrefix(k, prefix) {
			delete(m, k)
		}
	}
}

// succeed forgets a key's failures.
func (t *throttle) succeed(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.entries, key)
}

func (t *throttle) sweep(now time.Time) {
	for k, f := range t.entries {
		if now.Sub(f.first) > throttleWindow && !f.until.After(now) {
			delete(t.entries, k)
		}
	}
}

// attempt checks the keys and counts this attempt against each, under one
// lock, before the slow work (a password hash) is done: requests made all
// at once cannot all slip past the check. It returns how long to wait when
// a key is locked (and then counts nothing). A success then calls succeed
// for the account and forgive for the address.
func (t *throttle) attempt(now time.Time, limits map[string]int) time.Duration {
	t.mu.Lock()
	defer t.mu.Unlock()
	var d time.Duration
	for k := range limits {
		if f := t.entries[k]; f != nil && f.until.After(now) {
			d = max(d, f.until.Sub(now))
		}
	}
	if d > 0 {
		return d
	}
	for k, limit := range limits {
		t.failLocked(now, k, limit)
	}
	return 0
}

// forgive takes back one counted attempt of key that turned out well.
func (t *throttle) forgive(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if f := t.entries[key]; f != nil && f.count > 0 {
		f.count--
	}
}

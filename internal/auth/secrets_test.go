package auth

import (
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestPasswordHash(t *testing.T) {
	h := HashPassword("correct horse battery staple")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %s", h)
	}
	if !CheckPassword(h, "correct horse battery staple") || CheckPassword(h, "correct horse battery stapler") {
		t.Error("check gives the wrong answer")
	}
	if HashPassword("same") == HashPassword("same") {
		t.Error("no salt")
	}
	for _, bad := range []string{"", "$argon2id$v=19$m=x$a$b", "$bcrypt$..."} {
		if CheckPassword(bad, "x") {
			t.Errorf("a malformed hash %q matched", bad)
		}
	}
}

func TestCodes(t *testing.T) {
	pattern := regexp.MustCompile(`^[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$`)
	seen := map[string]bool{}
	for range 1000 {
		c := newCode()
		if !pattern.MatchString(c) || seen[c] {
			t.Fatalf("code %q", c)
		}
		seen[c] = true
	}
	for in, want := range map[string]string{"abcd-efgh": "ABCD-EFGH", "ABCDEFGH": "ABCD-EFGH", " ab cd ef gh ": "ABCD-EFGH"} {
		if got := normaliseCode(in); got != want {
			t.Errorf("normaliseCode(%q) = %q", in, got)
		}
	}
}

func TestThrottle(t *testing.T) {
	th := newThrottle()
	now := time.Now()
	for i := range 4 {
		th.fail(now, "k", 5)
		if w := th.wait(now, "k"); w != 0 {
			t.Fatalf("locked after %d failures", i+1)
		}
	}
	th.fail(now, "k", 5)
	if w := th.wait(now, "k"); w != firstLock {
		t.Fatalf("after 5 failures: wait %s, want %s", w, firstLock)
	}
	th.fail(now, "k", 5)
	if w := th.wait(now, "k"); w != 2*firstLock {
		t.Fatalf("after 6 failures: wait %s, want twice as long", w)
	}
	for range 20 {
		th.fail(now, "k", 5)
	}
	if w := th.wait(now, "k"); w != longestLock {
		t.Fatalf("wait %s, want at most %s", w, longestLock)
	}
	if w := th.wait(now.Add(longestLock), "k"); w != 0 {
		t.Fatalf("still locked after the lock: %s", w)
	}
	th.succeed("k")
	if th.entries["k"] != nil {
		t.Error("success did not clear the failures")
	}
}

// A new password forgets an account's failures and the addresses it was
// used from, and nobody else's.
func TestThrottleForget(t *testing.T) {
	th := newThrottle()
	now := time.Now()
	ann, bob := pairPrefix("ann@example.org"), pairPrefix("bob@example.org")
	th.remember(now, ann+"192.0.2.1")
	th.remember(now, bob+"192.0.2.1")
	for range 5 {
		th.fail(now, ann+"198.51.100.7", 5)
		th.fail(now, bob+"198.51.100.7", 5)
		th.fail(now, accountKey("ann@example.org"), 20)
	}
	th.forget(accountKey("ann@example.org"), ann)
	if th.known(now, ann+"192.0.2.1") || th.wait(now, ann+"198.51.100.7") != 0 || th.entries[accountKey("ann@example.org")] != nil {
		t.Error("ann's successes or failures were kept")
	}
	if !th.known(now, bob+"192.0.2.1") || th.wait(now, bob+"198.51.100.7") == 0 {
		t.Error("bob's successes or failures were forgotten")
	}
	if !th.known(now, bob+"192.0.2.1") || th.known(now.Add(knownFor+time.Second), bob+"192.0.2.1") {
		t.Error("a success is known for knownFor, and no longer")
	}
}

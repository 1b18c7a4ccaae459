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

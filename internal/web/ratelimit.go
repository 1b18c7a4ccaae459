package web

import (
	"fmt"
	"math"
	"sync"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
	"chorus/internal/config"
)

// limits are the server's rate limits, each kept apart so that one kind of
// traffic never spends another's allowance: residents answering from a
// council office's address do not lock its officers out of signing in.
type limits struct {
	// responses counts the responses sent by people who are not signed in,
	// per client address: a sync batch of N counts N.
	responses *allowance
	// devices counts the responses sent by each signed-in phone (or
	// officer's session) on its own, wherever it sends from.
	devices *allowance
	// signIn counts officers' sign-in attempts per address, and codes the
	// phones' sign-in codes tried per address: requests, not responses.
	signIn, codes *allowance
}

func newLimits(sec config.Security) *limits {
	return &limits{
		responses: newAllowance(sec.RateLimit),
		devices:   newAllowance(sec.DeviceRateLimit),
		signIn:    newAllowance(sec.SignInRateLimit),
		codes:     newAllowance(sec.SignInRateLimit),
	}
}

// route returns the limit a Limited route counts against before its
// handler, or nil. The routes that store responses count them in their
// handlers, which know how many a batch holds.
func (l *limits) route(r Route) fiber.Handler {
	if !r.Limited {
		return nil
	}
	var a *allowance
	switch r.Path {
	case "/api/v1/session":
		a = l.signIn
	case "/api/v1/device-sessions":
		a = l.codes
	}
	if a == nil {
		return nil
	}
	return func(c *fiber.Ctx) error {
		if wait := a.take(clientKey(c), 1); wait > 0 {
			return &chorus.Error{Code: chorus.ETOOMANY, RetryAfter: wait,
				Message: "Too many sign-in attempts from your address. Wait a minute and try again."}
		}
		return c.Next()
	}
}

// takeResponses counts n responses against the sender's allowance: a
// signed-in phone's (or officer's session's) own, else its address's. When
// they do not fit, none is taken and the whole request is refused, before
// anything is stored, with how long to wait. It returns what gives them
// back, for a request that fails as a whole (the database cannot be
// reached), so that sending it again costs nothing more.
func (s *server) takeResponses(c *fiber.Ctx, n int) (giveBack func(), err error) {
	a, key, from := s.limits.responses, clientKey(c), "your address"
	if who := actor(c); who.Session != "" {
		a, key, from = s.limits.devices, "session:"+who.Session, "this sign-in"
	}
	n = max(n, 1)
	if wait := a.take(key, n); wait > 0 {
		return nil, &chorus.Error{Code: chorus.ETOOMANY, RetryAfter: wait, Message: fmt.Sprintf("Too many responses "+
			"have come from %s in the last minutes. Nothing of this request was stored, and nothing is lost: "+
			"send it again in %d seconds.", from, int(wait.Seconds()))}
	}
	return func() { a.give(key, n) }, nil
}

// allowance is a token bucket per key: it holds at most one minute's
// worth (perMinute), and fills at perMinute a minute. A request that costs
// more than it holds waits until it holds enough; one that costs more than
// a whole minute's worth (a phone's outbox of many days, in one batch) is
// taken when the bucket is full, and the key then waits until it has
// earned it back, so that over time no key gets more than perMinute a
// minute. A nil allowance is no limit.
type allowance struct {
	mu        sync.Mutex
	perMinute float64
	buckets   map[string]*bucket
	swept     time.Time
	now       func() time.Time
}

type bucket struct {
	tokens float64   // may be below zero after a batch larger than a minute's worth
	at     time.Time // when tokens was last brought up to date
}

// newAllowance returns an allowance of perMinute a minute, or nil for 0
// (or less): no limit.
func newAllowance(perMinute int) *allowance {
	if perMinute <= 0 {
		return nil
	}
	return &allowance{perMinute: float64(perMinute), buckets: map[string]*bucket{}, now: time.Now}
}

// take counts n against key, and returns 0, or how long to wait before
// asking again, having taken nothing.
func (a *allowance) take(key string, n int) time.Duration {
	if a == nil {
		return 0
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	a.sweep(now)
	b := a.bucket(key, now)
	need := min(float64(n), a.perMinute)
	if b.tokens < need {
		wait := time.Duration((need - b.tokens) / a.perMinute * float64(time.Minute))
		// Retry-After is in whole seconds: round up, so that the client
		// that waits as told finds enough.
		return max(time.Second, time.Duration(math.Ceil(wait.Seconds()))*time.Second)
	}
	b.tokens -= float64(n)
	return 0
}

// give returns n to key, taken for a request that then failed as a whole.
func (a *allowance) give(key string, n int) {
	if a == nil {
		return
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	b := a.bucket(key, a.now())
	b.tokens = min(a.perMinute, b.tokens+float64(n))
}

// bucket returns key's bucket, filled up to now.
func (a *allowance) bucket(key string, now time.Time) *bucket {
	b := a.buckets[key]
	if b == nil {
		b = &bucket{tokens: a.perMinute, at: now}
		a.buckets[key] = b
		return b
	}
	if now.After(b.at) {
		b.tokens = min(a.perMinute, b.tokens+now.Sub(b.at).Minutes()*a.perMinute)
		b.at = now
	}
	return b
}

// sweep forgets, once a minute, the keys whose buckets have filled up
// again: they are as good as new, and an address that came once is not
// kept for ever.
func (a *allowance) sweep(now time.Time) {
	if now.Sub(a.swept) < time.Minute {
		return
	}
	a.swept = now
	for k, b := range a.buckets {
		if b.tokens+now.Sub(b.at).Minutes()*a.perMinute >= a.perMinute {
			delete(a.buckets, k)
		}
	}
}

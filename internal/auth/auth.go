package auth

import (
	"context"
	"log/slog"
	"net/mail"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/store"
)

// Failures that lock, within 15 minutes: per account from one client
// address; per client address (which may be a whole office behind one
// router); and per account from every address, except one the account has
// signed in from before: guessers spread over many addresses can lock an
// account, but not away from the places its officer works.
const (
	accountFailures    = 5
	addressFailures    = 20
	accountAllFailures = 20
)

// maxPasswordBytes is the longest password hashed; a longer one fails
// without hashing, the same for every account.
const maxPasswordBytes = 1024

// touchEvery is how stale a session's last-seen time may get before a
// request writes it again.
const touchEvery = time.Minute

// Service signs people in and keeps the audit log.
type Service struct {
	store    store.Store
	cfg      config.Security
	logger   *slog.Logger
	throttle *throttle
	clock    atomic.Pointer[func() time.Time]
	// hashing bounds the password hashes made at once: each takes 19 MiB,
	// and a burst of sign-ins must not take the server's memory.
	hashing chan struct{}
}

// checkPassword checks a password against its hash, waiting for a free
// hashing slot. One longer than maxPasswordBytes fails unhashed.
func (s *Service) checkPassword(ctx context.Context, hash, password string) (bool, error) {
	if len(password) > maxPasswordBytes {
		return false, nil
	}
	select {
	case s.hashing <- struct{}{}:
		defer func() { <-s.hashing }()
	case <-ctx.Done():
		return false, chorus.Errorf(chorus.EBUSY, "The server is busy signing people in. Try again in a moment.")
	}
	return CheckPassword(hash, password), nil
}

// New returns the sign-in service.
func New(st store.Store, cfg config.Security, logger *slog.Logger) *Service {
	s := &Service{store: st, cfg: cfg, logger: logger, throttle: newThrottle(),
		hashing: make(chan struct{}, runtime.GOMAXPROCS(0))}
	s.SetClock(time.Now)
	return s
}

// SetClock replaces the clock, for tests of expiry.
func (s *Service) SetClock(now func() time.Time) { s.clock.Store(&now) }

func (s *Service) now() time.Time { return (*s.clock.Load())().UTC() }

// Config returns the security settings.
func (s *Service) Config() config.Security { return s.cfg }

// SignIn checks an email and password. It answers alike whether or not the
// email exists, and slows repeated failures per account and per address.
// On success it returns the token for the session cookie.
func (s *Service) SignIn(ctx context.Context, email, password, addr string) (string, *chorus.Session, error) {
	email = NormaliseEmail(email)
	now := s.now()
	g, wait := s.startGuess(now, email, addr)
	if wait > 0 {
		s.audit(ctx, chorus.Public, chorus.AuditSignIn, "", "throttled", map[string]any{"account": hashToken(email)[:12]})
		return "", nil, tooMany(wait)
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return "", nil, err
	}
	hash := dummyHash
	if u != nil {
		hash = u.PasswordHash
	}
	ok, err := s.checkPassword(ctx, hash, password)
	if err != nil {
		return "", nil, err
	}
	ok = ok && u != nil && u.DisabledAt == nil
	if !ok {
		target := ""
		if u != nil {
			target = "user:" + u.ID
		}
		s.audit(ctx, chorus.Public, chorus.AuditSignIn, target, "failed", nil)
		return "", nil, chorus.Errorf(chorus.EUNAUTHORIZED, "That email address and password do not match an account. Check them and try again.")
	}
	s.goodGuess(now, g)
	token, id := newToken()
	csrf, _ := newToken()
	sess := &chorus.Session{ID: id, UserID: u.ID, Role: u.Role, CSRF: csrf, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.cfg.SessionMax)}
	if err := s.store.InsertSession(ctx, sess); err != nil {
		return "", nil, err
	}
	s.audit(ctx, chorus.Actor{Role: u.Role, ID: u.ID}, chorus.AuditSignIn, "user:"+u.ID, "ok", nil)
	return token, sess, nil
}

// Session returns the actor of a session cookie's token: the public when
// the token is empty, unknown or the session has ended (which it deletes).
func (s *Service) Session(ctx context.Context, token string) (chorus.Actor, error) {
	if token == "" {
		return chorus.Public, nil
	}
	sess, err := s.store.Session(ctx, hashToken(token))
	if err != nil || sess == nil {
		return chorus.Public, err
	}
	now := s.now()
	if now.After(sess.ExpiresAt) || now.Sub(sess.LastSeenAt) > s.cfg.SessionIdle {
		return chorus.Public, s.store.DeleteSession(ctx, sess.ID)
	}
	u, err := s.store.User(ctx, sess.UserID)
	if err != nil || u == nil || u.DisabledAt != nil {
		return chorus.Public, err
	}
	// A sign-in that checked the old password while it was being replaced
	// saves its session after the others were deleted; it is over too.
	if u.PasswordSetAt != nil && !sess.CreatedAt.After(*u.PasswordSetAt) {
		return chorus.Public, s.store.DeleteSession(ctx, sess.ID)
	}
	if now.Sub(sess.LastSeenAt) > touchEvery {
		if err := s.store.TouchSession(ctx, sess.ID, now); err != nil {
			return chorus.Public, err
		}
	}
	return chorus.Actor{Role: u.Role, ID: u.ID, Name: u.Email, Session: sess.ID, CSRF: sess.CSRF}, nil
}

// SignOut ends the actor's browser session.
func (s *Service) SignOut(ctx context.Context, a chorus.Actor) error {
	if err := s.store.DeleteSession(ctx, a.Session); err != nil {
		return err
	}
	s.audit(ctx, a, chorus.AuditSignOut, a.Ref(), "ok", nil)
	return nil
}

// HasAdmin reports whether any admin can sign in.
func (s *Service) HasAdmin(ctx context.Context) (bool, error) {
	admins, err := s.activeAdmins(ctx)
	return len(admins) > 0, err
}

// activeAdmins are the ids of the admins who can sign in.
func (s *Service) activeAdmins(ctx context.Context) (map[string]bool, error) {
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	admins := map[string]bool{}
	for _, u := range users {
		if u.Role == chorus.RoleAdmin && u.DisabledAt == nil {
			admins[u.ID] = true
		}
	}
	return admins, nil
}

// AddUser adds an officer or admin with a password, on behalf of by.
func (s *Service) AddUser(ctx context.Context, by chorus.Actor, email, role, password string) (*chorus.User, error) {
	email = NormaliseEmail(email)
	if _, err := mail.ParseAddress(email); err != nil || !strings.Contains(email, "@") {
		return nil, chorus.Errorf(chorus.EINVALID, "%q is not an email address.", email)
	}
	if role != chorus.RoleOfficer && role != chorus.RoleAdmin {
		return nil, chorus.Errorf(chorus.EINVALID, "The role must be officer or admin.")
	}
	if err := CheckPasswordRules(password); err != nil {
		return nil, chorus.Errorf(chorus.EINVALID, "%s.", upperFirst(err.Error()))
	}
	u := &chorus.User{ID: newID(), Email: email, Role: role, PasswordHash: HashPassword(password), CreatedAt: s.now()}
	if err := s.store.InsertUser(ctx, u); err != nil {
		return nil, err
	}
	s.audit(ctx, by, chorus.AuditUserAdded, "user:"+u.ID, "ok", map[string]any{"role": role})
	return u, nil
}

// DisableUser stops a user signing in and ends their sessions.
func (s *Service) DisableUser(ctx context.Context, by chorus.Actor, id string) error {
	if id == by.ID {
		return chorus.Errorf(chorus.EINVALID, "You cannot disable your own account.")
	}
	admins, err := s.activeAdmins(ctx)
	if err != nil {
		return err
	}
	if admins[id] && len(admins) == 1 {
		return chorus.Errorf(chorus.EINVALID, "This is the last admin who can sign in. Add another admin first.")
	}
	if err := s.store.DisableUser(ctx, id, s.now()); err != nil {
		return err
	}
	s.audit(ctx, by, chorus.AuditUserDisabled, "user:"+id, "ok", nil)
	return nil
}

// SetPassword gives the user with the email a new password and ends their
// sessions; with enable, a disabled user may sign in again. It is how a
// forgotten password is replaced, from the server's machine.
func (s *Service) SetPassword(ctx context.Context, by chorus.Actor, email, password string, enable bool) (*chorus.User, error) {
	u, err := s.store.UserByEmail(ctx, NormaliseEmail(email))
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "No user has the email address %q.", NormaliseEmail(email))
	}
	return s.setPassword(ctx, by, u, password, enable)
}

// SetUserPassword is SetPassword for the user with the id: how an admin
// gives an officer a new password from the console.
func (s *Service) SetUserPassword(ctx context.Context, by chorus.Actor, id, password string, enable bool) (*chorus.User, error) {
	if id == by.ID {
		return nil, chorus.Errorf(chorus.EINVALID, "Change your own password with “Change your password”, which asks for the current one.")
	}
	u, err := s.store.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "No user has the id %s.", id)
	}
	return s.setPassword(ctx, by, u, password, enable)
}

// ChangePassword lets a signed-in officer or admin replace their own
// password, given the current one. Wrong current passwords count against
// the same locks as failed sign-ins. Every session of theirs ends, this one
// too: they sign in again with the new password.
func (s *Service) ChangePassword(ctx context.Context, a chorus.Actor, current, password, addr string) error {
	u, err := s.store.User(ctx, a.ID)
	if err != nil {
		return err
	}
	if u == nil {
		return chorus.Errorf(chorus.EUNAUTHORIZED, "Sign in first.")
	}
	now := s.now()
	g, wait := s.startGuess(now, u.Email, addr)
	if wait > 0 {
		return tooMany(wait)
	}
	ok, err := s.checkPassword(ctx, u.PasswordHash, current)
	if err != nil {
		return err
	}
	if !ok {
		s.audit(ctx, a, chorus.AuditPasswordSet, "user:"+u.ID, "failed", nil)
		return chorus.Errorf(chorus.EINVALID, "Your current password is not right. Nothing was changed.")
	}
	s.goodGuess(now, g)
	_, err = s.setPassword(ctx, a, u, password, false)
	return err
}

func (s *Service) setPassword(ctx context.Context, by chorus.Actor, u *chorus.User, password string, enable bool) (*chorus.User, error) {
	if err := CheckPasswordRules(password); err != nil {
		return nil, chorus.Errorf(chorus.EINVALID, "%s.", upperFirst(err.Error()))
	}
	if err := s.store.SetUserPassword(ctx, u.ID, HashPassword(password), s.now(), enable); err != nil {
		return nil, err
	}
	// Locks from failed sign-ins end with the old password, and so does
	// trust in the addresses it was used from (in this process: the command
	// line's own process has none).
	s.throttle.forget(accountKey(u.Email), pairPrefix(u.Email))
	s.audit(ctx, by, chorus.AuditPasswordSet, "user:"+u.ID, "ok", map[string]any{"enabled": enable && u.DisabledAt != nil})
	if enable {
		u.DisabledAt = nil
	}
	return u, nil
}

// guess is one password attempt for an account from an address, with the
// locks it is counted against.
type guess struct {
	pair, account, addr string
	limits              map[string]int
}

// startGuess counts an attempt before the slow hash, so that attempts made
// all at once are counted too: per account from this address, per
// address, and per account from everywhere unless the account has signed in
// from this address before. It returns how long to wait when a lock holds.
func (s *Service) startGuess(now time.Time, email, addr string) (guess, time.Duration) {
	g := guess{pair: pairPrefix(email) + addr, account: accountKey(email), addr: "addr:" + addr}
	g.limits = map[string]int{g.pair: accountFailures, g.addr: addressFailures}
	if !s.throttle.known(now, g.pair) {
		g.limits[g.account] = accountAllFailures
	}
	return g, s.throttle.attempt(now, g.limits)
}

// goodGuess takes back the count of a right password and remembers the
// address for the account.
func (s *Service) goodGuess(now time.Time, g guess) {
	s.throttle.succeed(g.pair)
	s.throttle.remember(now, g.pair)
	if _, counted := g.limits[g.account]; counted {
		s.throttle.forgive(g.account)
	}
	s.throttle.forgive(g.addr)
}

// accountKey is the throttle key of an account from every address.
func accountKey(email string) string { return "account:" + email }

// pairPrefix begins the throttle key of an account at one address.
func pairPrefix(email string) string { return "pair:" + strconv.Quote(email) + " " }

// NormaliseEmail is the form in which emails are stored and compared.
func NormaliseEmail(email string) string { return strings.ToLower(strings.TrimSpace(email)) }

// Audit records an event that is not a sign-in, such as an export.
func (s *Service) Audit(ctx context.Context, by chorus.Actor, action, target string, details map[string]any) {
	s.audit(ctx, by, action, target, "ok", details)
}

// audit writes an audit entry. A failure to write is logged, not returned:
// the store being down already fails the request that caused it.
func (s *Service) audit(ctx context.Context, by chorus.Actor, action, target, outcome string, details map[string]any) {
	e := &chorus.AuditEntry{ID: newID(), At: s.now(), Actor: by.Ref(), Action: action, Target: target, Outcome: outcome, Details: details}
	if err := s.store.InsertAudit(context.WithoutCancel(ctx), e); err != nil {
		s.logger.Error("could not write the audit log", "action", action, "err", err)
	}
}

func tooMany(wait time.Duration) error {
	wait = wait.Round(time.Second)
	return &chorus.Error{Code: chorus.ETOOMANY, RetryAfter: wait,
		Message: "Too many failed attempts. Wait " + wait.String() + " and try again."}
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

package web

import (
	"crypto/subtle"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
)

// Session cookies: with the __Host- prefix (Secure, whole site, no Domain)
// wherever the browser treats the connection as secure, which includes
// plain HTTP to localhost; without it on plain HTTP elsewhere, where a
// Secure cookie would not be kept.
const (
	secureCookie = "__Host-chorus-session"
	plainCookie  = "chorus-session"
	csrfHeader   = "X-CSRF-Token"
	actorKey     = "chorus.actor"
)

// actor is who makes the request, as identify found.
func actor(c *fiber.Ctx) chorus.Actor {
	if a, ok := c.Locals(actorKey).(chorus.Actor); ok {
		return a
	}
	return chorus.Public
}

// identify finds who is asking: a volunteer's phone by its bearer token, or
// an officer's browser by its session cookie, or else the public. A bad
// bearer token is refused outright, so that the phone knows to sign in
// again; a stale cookie is cleared.
func (s *server) identify(c *fiber.Ctx) error {
	a := chorus.Public
	// Other schemes (a site behind HTTP Basic authentication) are not ours.
	if token, ok := strings.CutPrefix(c.Get(fiber.HeaderAuthorization), "Bearer "); ok {
		var err error
		if a, err = s.Auth.Device(c.UserContext(), token); err != nil {
			return err
		}
	} else if token := s.sessionCookie(c); token != "" {
		var err error
		if a, err = s.Auth.Session(c.UserContext(), token); err != nil {
			return err
		}
		if a.Role == chorus.RolePublic {
			clearSessionCookie(c)
		}
	}
	c.Locals(actorKey, a)
	return c.Next()
}

// allow lets the request through when the actor's role reaches x: 401 for
// no sign-in, 403 for a role that is not enough.
func allow(x chorus.Access) fiber.Handler {
	return func(c *fiber.Ctx) error {
		a := actor(c)
		switch {
		case a.May(x):
			return c.Next()
		case a.Role == chorus.RolePublic:
			return chorus.Errorf(chorus.EUNAUTHORIZED, "Sign in to do this: officers at /officer.")
		}
		return chorus.Errorf(chorus.EFORBIDDEN, "Your account (%s) cannot do this: it needs %s access.", a.Role, x)
	}
}

// checkCSRF requires, of every state-changing request made with a session
// cookie, the session's CSRF token in the X-CSRF-Token header. Bearer
// tokens are not sent by browsers on their own, so they need none.
func checkCSRF(c *fiber.Ctx) error {
	a := actor(c)
	if a.CSRF == "" {
		return c.Next()
	}
	if subtle.ConstantTimeCompare([]byte(c.Get(csrfHeader)), []byte(a.CSRF)) != 1 {
		return chorus.Errorf(chorus.EFORBIDDEN, "This request did not carry the page's security token (X-CSRF-Token). Reload the page and try again.")
	}
	return c.Next()
}

// sameOrigin refuses a state-changing request that a browser says comes
// from elsewhere: its Sec-Fetch-Site is cross-site or same-site (another
// site, or a neighbouring one such as another of the council's), or its
// Origin is another than the public address when one is set, else names
// another host than the one the request was sent to. A request with
// neither header is not a browser's, and is let through: it still needs a
// session's CSRF token or a phone's bearer token.
func (s *server) sameOrigin(c *fiber.Ctx) error {
	refuse := chorus.Errorf(chorus.EFORBIDDEN, "Requests that change data must come from Chorus's own pages.")
	switch strings.ToLower(c.Get("Sec-Fetch-Site")) {
	case "cross-site", "same-site":
		return refuse
	}
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return c.Next()
	}
	ok := strings.EqualFold(origin, s.public)
	if s.public == "" {
		u, err := url.Parse(origin)
		ok = err == nil && strings.EqualFold(u.Host, c.Get(fiber.HeaderHost))
	}
	if !ok {
		return refuse
	}
	return c.Next()
}

// baseURL is the address links to Chorus start with: the public address
// when one is set.
func (s *server) baseURL(c *fiber.Ctx) string {
	if s.public != "" {
		return s.public
	}
	return c.BaseURL()
}

// isHTTPS tells whether the browser reached Chorus over TLS: directly, via a
// trusted proxy that says so, or at a https public address.
func (s *server) isHTTPS(c *fiber.Ctx) bool {
	return c.Protocol() == "https" || strings.HasPrefix(s.public, "https://")
}

// secureContext reports whether a browser keeps Secure cookies for this
// request: over TLS, or on the loopback address.
func (s *server) secureContext(c *fiber.Ctx) bool {
	if s.isHTTPS(c) {
		return true
	}
	host := c.Hostname()
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	switch strings.Trim(host, "[]") {
	case "localhost", "127.0.0.1", "::1":
		return true
	}
	return false
}

// sessionCookie reads the session cookie. Where the browser keeps
// __Host- cookies only that one counts: a plain one there could have been
// planted by a neighbouring site, to fix a session.
func (s *server) sessionCookie(c *fiber.Ctx) string {
	if s.secureContext(c) {
		return c.Cookies(secureCookie)
	}
	return c.Cookies(plainCookie)
}

// setSessionCookie sets an officer's session cookie: a browser session's
// cookie, with no Expires or Max-Age, so that it is not kept on disk and
// goes when the browser closes; the server ends the session itself after
// CHORUS_SESSION_IDLE unused or CHORUS_SESSION_MAX in any case.
func (s *server) setSessionCookie(c *fiber.Ctx, token string) {
	name, secure := plainCookie, false
	if s.secureContext(c) {
		name, secure = secureCookie, true
	}
	// Strict: the officers' page is one site, so no link from elsewhere
	// needs to arrive signed in (and none can start an export).
	c.Cookie(&fiber.Cookie{Name: name, Value: token, Path: "/", SessionOnly: true, Secure: secure, HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode})
}

func clearSessionCookie(c *fiber.Ctx) {
	for _, name := range []string{secureCookie, plainCookie} {
		if c.Cookies(name) != "" {
			c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", Expires: time.Unix(0, 0), MaxAge: -1,
				Secure: name == secureCookie, HTTPOnly: true, SameSite: fiber.CookieSameSiteStrictMode})
		}
	}
}

// clientIP is the client's address: the connection's, or, behind trusted
// proxies, the last address in X-Forwarded-For that is not one of them
// (what comes before it, the client may have written itself).
func clientIP(c *fiber.Ctx, trusted []*net.IPNet) net.IP {
	ip := c.Context().RemoteIP()
	if len(trusted) == 0 || !inNets(ip, trusted) {
		return ip
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		hop := net.ParseIP(strings.TrimSpace(hops[i]))
		if hop == nil {
			return ip
		}
		if !inNets(hop, trusted) {
			return hop
		}
	}
	return ip
}

func inNets(ip net.IP, nets []*net.IPNet) bool {
	for _, n := range nets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// trustedNets reads CHORUS_TRUSTED_PROXIES: addresses or CIDR ranges.
func trustedNets(list []string) []*net.IPNet {
	var out []*net.IPNet
	for _, s := range list {
		if !strings.Contains(s, "/") {
			if ip := net.ParseIP(s); ip != nil && ip.To4() != nil {
				s += "/32"
			} else {
				s += "/128"
			}
		}
		if _, n, err := net.ParseCIDR(s); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// clientKey is what limits count per client: the address, or its /64 for
// IPv6, where one household has many addresses.
func clientKey(c *fiber.Ctx) string {
	ip, _ := c.Locals(clientIPKey).(net.IP)
	if ip == nil {
		ip = c.Context().RemoteIP()
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}

const clientIPKey = "chorus.client-ip"

package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"chorus/internal/intake"
)

// permissionsPolicy turns off the browser features Chorus does not use, for
// its pages and any page they frame. Reading aloud (speech synthesis)
// needs no permission, so it stays.
const permissionsPolicy = "accelerometer=(), camera=(), display-capture=(), encrypted-media=(), " +
	"fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
	"publickey-credentials-get=(), screen-wake-lock=(), serial=(), usb=(), xr-spatial-tracking=()"

// securityHeaders are sent with every answer. The web app has no inline
// script or style, so the policy allows only its own files (and data:
// images, for sign-in QR codes).
func (s *server) securityHeaders(c *fiber.Ctx) error {
	s.setSecurityHeaders(c)
	return c.Next()
}

// setSecurityHeaders sets the headers of every answer: those the server
// makes, and those of the errors Fiber raises itself before any handler
// runs (a body or headers too large), through withSecurityHeaders.
func (s *server) setSecurityHeaders(c *fiber.Ctx) {
	c.Set(fiber.HeaderContentSecurityPolicy, "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	c.Set(fiber.HeaderXContentTypeOptions, "nosniff")
	c.Set(fiber.HeaderReferrerPolicy, "same-origin")
	c.Set(fiber.HeaderXFrameOptions, "DENY")
	c.Set(fiber.HeaderPermissionsPolicy, permissionsPolicy)
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Set(fiber.HeaderCrossOriginResourcePolicy, "same-origin")
	if s.isHTTPS(c) {
		c.Set(fiber.HeaderStrictTransportSecurity, "max-age=31536000; includeSubDomains")
	}
}

// withSecurityHeaders wraps the error handler so that every error answer
// has the security headers, and a single response refused for its size
// by its Content-Length (see bodyLimit) says so in the words of the
// intake's own check.
func (s *server) withSecurityHeaders(h fiber.ErrorHandler) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		s.setSecurityHeaders(c)
		var fe *fiber.Error
		if errors.As(err, &fe) && fe.Code == http.StatusRequestEntityTooLarge && isResponsePost(c.Method(), c.Path()) {
			err = intake.ErrResponseTooLarge
		}
		return h(c, err)
	}
}

// bodyLimit is the server's hook on a request's headers, before its body
// is read: a single response may be at most intake.MaxResponseBytes, so a
// larger Content-Length is refused (413) at once, and a chunked body is
// read no further than that; other requests keep the server's limit.
func bodyLimit(h *fasthttp.RequestHeader) fasthttp.RequestConfig {
	if isResponsePost(string(h.Method()), string(h.RequestURI())) {
		return fasthttp.RequestConfig{MaxRequestBodySize: intake.MaxResponseBytes}
	}
	return fasthttp.RequestConfig{}
}

// isResponsePost tells whether a request is POST /api/v1/forms/ID/responses,
// as the router matches it (any case, a trailing slash or not).
func isResponsePost(method, uri string) bool {
	if method != fiber.MethodPost {
		return false
	}
	if i := strings.Index(uri, "://"); i >= 0 { // an absolute request URI
		uri = uri[i+3:]
		if j := strings.IndexByte(uri, '/'); j >= 0 {
			uri = uri[j:]
		}
	}
	uri, _, _ = strings.Cut(uri, "?")
	uri = strings.TrimSuffix(strings.ToLower(uri), "/")
	rest, ok := strings.CutPrefix(uri, "/api/v1/forms/")
	if !ok {
		return false
	}
	id, ok := strings.CutSuffix(rest, "/responses")
	return ok && id != "" && !strings.Contains(id, "/")
}

// plainBodies refuses a request body sent compressed (Content-Encoding):
// Fiber would unpack it whole, with no limit, so that a small request could
// take the server's memory. The app never compresses what it sends.
func plainBodies(c *fiber.Ctx) error {
	if enc := strings.TrimSpace(c.Get(fiber.HeaderContentEncoding)); enc != "" && !strings.EqualFold(enc, "identity") {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "Send the request body uncompressed, without Content-Encoding.")
	}
	return c.Next()
}

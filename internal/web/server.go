// Package web is Chorus's HTTP layer, and the only package that knows
// Fiber. Handlers read and check the request, call the domain, and answer;
// errorHandler turns every error into an RFC 9457 problem.
package web

import (
	"context"
	"io/fs"
	"log/slog"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"
	"github.com/gofiber/fiber/v2/middleware/recover"

	"chorus/internal/auth"
	"chorus/internal/catalog"
	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/intake"
	"chorus/internal/plain"
	"chorus/internal/reports"
	"chorus/internal/store"
)

// requestTimeout bounds the work of one request, so that a store that stops
// answering gives a 503 rather than a hang.
const requestTimeout = 15 * time.Second

// Deps are what the HTTP layer serves.
type Deps struct {
	Intake  *intake.Intake
	Catalog *catalog.Catalog
	Store   store.Store
	Reports *reports.Service
	Auth    *auth.Service
	Logger  *slog.Logger
	// App is the web app's files.
	App fs.FS
	// Site is what the header and footer of every page say about the
	// council: its name, a contact, its privacy notice and accessibility
	// statement.
	Site config.Site
	// Plain is the plain English checker a draft is reported with
	// (config.PlainEnglish); nil for the built-in one.
	Plain *plain.Checker
}

type server struct {
	Deps
	exporting chan struct{} // a slot per export being made
	public    string        // CHORUS_PUBLIC_URL's origin, or ""
	limits    *limits
}

// Route is one API endpoint and the least role that may use it.
type Route struct {
	Method, Path string
	Access       chorus.Access
	// Limited routes are rate limited (see limits): sign-ins per address,
	// responses per address or signed-in phone.
	Limited bool
	handler fiber.Handler
}

// routes is the API: every endpoint, who may use it, and its handler.
// Forms for volunteers are checked again per form, in the handlers.
func (s *server) routes() []Route {
	pub, vol, off, adm := chorus.AccessPublic, chorus.AccessVolunteer, chorus.AccessOfficer, chorus.AccessAdmin
	return []Route{
		{"GET", "/api/v1/forms", pub, false, s.listForms},
		{"GET", "/api/v1/forms/:id", pub, false, s.getForm},
		{"GET", "/api/v1/forms/:id/versions/:version", pub, false, s.getFormVersion},
		{"POST", "/api/v1/forms/:id/responses", pub, true, s.postResponse},
		{"POST", "/api/v1/sync", pub, true, s.sync},
		{"GET", "/api/v1/services", pub, false, s.listServices},
		{"PUT", "/api/v1/services/:id", off, false, s.saveService},
		{"POST", "/api/v1/services/:id/retire", off, false, s.retireService},
		{"POST", "/api/v1/services/import", off, false, s.importServices},
		{"GET", "/api/v1/officer/services", off, false, s.officerServices},
		{"GET", "/api/v1/officer/services/:id", off, false, s.servicePage},
		{"GET", "/api/v1/me", pub, false, s.me},
		{"POST", "/api/v1/session", pub, true, s.signIn},
		{"DELETE", "/api/v1/session", off, false, s.signOut},
		{"PUT", "/api/v1/session/password", off, false, s.changePassword},
		{"POST", "/api/v1/device-sessions", pub, true, s.redeemCode},
		{"DELETE", "/api/v1/device-sessions/current", vol, false, s.signOutDevice},
		{"GET", "/api/v1/officer/forms", off, false, s.officerForms},
		{"GET", "/api/v1/officer/dashboard", off, false, s.dashboard},
		{"GET", "/api/v1/officer/catalog", off, false, s.catalogList},
		{"POST", "/api/v1/officer/catalog/upload", off, false, s.catalogUpload},
		{"GET", "/api/v1/officer/catalog-template.xlsx", off, false, s.catalogTemplate},
		{"GET", "/api/v1/officer/catalog/:id", off, false, s.catalogForm},
		{"GET", "/api/v1/officer/catalog/:id/definition", off, false, s.catalogDefinition},
		{"GET", "/api/v1/officer/catalog/:id/form.xlsx", off, false, s.catalogWorkbook},
		{"POST", "/api/v1/officer/catalog/:id/publish", off, false, s.catalogPublish},
		{"POST", "/api/v1/officer/catalog/:id/schedule", off, false, s.catalogSchedule},
		{"POST", "/api/v1/officer/catalog/:id/close", off, false, s.catalogClose},
		{"POST", "/api/v1/officer/catalog/:id/reopen", off, false, s.catalogReopen},
		{"POST", "/api/v1/officer/catalog/:id/duplicate", off, false, s.catalogDuplicate},
		{"POST", "/api/v1/officer/catalog/:id/archive", off, false, s.catalogArchive},
		{"POST", "/api/v1/officer/catalog/:id/restore", off, false, s.catalogRestore},
		{"PUT", "/api/v1/officer/catalog/:id/words", off, false, s.catalogWords},
		{"DELETE", "/api/v1/officer/catalog/:id/draft", off, false, s.catalogDiscard},
		{"GET", "/api/v1/officer/forms/:id/results", off, false, s.results},
		{"GET", "/api/v1/officer/forms/:id/responses", off, false, s.listResponses},
		{"GET", "/api/v1/responses/:id", off, false, s.getResponse},
		{"PUT", "/api/v1/responses/:id/review", off, false, s.review},
		{"POST", "/api/v1/responses/:id/erase", off, false, s.erase},
		{"GET", "/api/v1/forms/:id/export.:format", off, false, s.export},
		{"GET", "/api/v1/volunteers", off, false, s.listVolunteers},
		{"POST", "/api/v1/volunteers", off, false, s.addVolunteer},
		{"POST", "/api/v1/volunteers/:id/codes", off, false, s.issueCode},
		{"DELETE", "/api/v1/volunteers/:id/devices", off, false, s.revokeDevices},
		{"DELETE", "/api/v1/volunteers/:id", off, false, s.removeVolunteer},
		{"GET", "/api/v1/users", adm, false, s.listUsers},
		{"POST", "/api/v1/users", adm, false, s.addUser},
		{"DELETE", "/api/v1/users/:id", adm, false, s.disableUser},
		{"PUT", "/api/v1/users/:id/password", adm, false, s.setUserPassword},
		{"GET", "/api/v1/audit", adm, false, s.auditLog},
		{"GET", "/api/v1/audit.csv", adm, false, s.auditCSV},
		{"GET", "/healthz", pub, false, s.health},
	}
}

// Routes lists the API's routes, for the test that checks every route
// against every role.
func Routes() []Route { return (&server{}).routes() }

// New returns the HTTP application.
func New(d Deps) *fiber.App {
	if d.Plain == nil {
		d.Plain = plain.Default()
	}
	sec := d.Auth.Config()
	s := &server{Deps: d, exporting: make(chan struct{}, exportSlots), public: sec.PublicURL, limits: newLimits(sec)}
	app := fiber.New(fiber.Config{
		AppName:               "Chorus",
		BodyLimit:             intake.MaxBatchBytes,
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          exportTimeout, // a large export to a slow connection
		IdleTimeout:           120 * time.Second,
		ReadBufferSize:        8192, // request line and headers; more is 431
		DisableStartupMessage: true,
		ErrorHandler:          s.withSecurityHeaders(errorHandler(d.Logger)),
		// Always on, so that with no trusted proxies no X-Forwarded-*
		// header is believed (Fiber believes them all otherwise).
		EnableTrustedProxyCheck: true,
		TrustedProxies:          sec.TrustedProxies,
	})
	app.Server().HeaderReceived = bodyLimit
	trusted := trustedNets(sec.TrustedProxies)
	app.Use(recover.New())
	app.Use(func(c *fiber.Ctx) error {
		c.Locals(clientIPKey, clientIP(c, trusted))
		return c.Next()
	})
	app.Use(s.securityHeaders)
	app.Use(plainBodies)
	// Compress what is worth it: the app's files and definitions, not the
	// few bytes that answer a POST, nor exports, which keep their length so
	// that a browser shows how far a download has come.
	app.Use(compress.New(compress.Config{Level: compress.LevelBestCompression, Next: func(c *fiber.Ctx) bool {
		return c.Method() != fiber.MethodGet || strings.Contains(c.Path(), "/export.")
	}}))
	app.Use(withTimeout)

	for _, r := range s.routes() {
		chain := []fiber.Handler{s.identify, allow(r.Access)}
		if r.Method != fiber.MethodGet {
			chain = append(chain, s.sameOrigin, checkCSRF)
			if (r.Method == fiber.MethodPost || r.Method == fiber.MethodPut) && !takesFiles[r.Path] {
				chain = append(chain, requireJSON)
			}
		}
		if limit := s.limits.route(r); limit != nil {
			chain = append(chain, limit)
		}
		app.Add(r.Method, r.Path, append(chain, r.handler)...)
	}
	app.Use("/api", func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	s.routeApp(app)
	return app
}

// takesFiles are the routes whose body is an uploaded file, not JSON.
var takesFiles = map[string]bool{"/api/v1/services/import": true, "/api/v1/officer/catalog/upload": true}

func withTimeout(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

func requireJSON(c *fiber.Ctx) error {
	if len(c.Body()) > 0 && !c.Is("json") {
		return fiber.NewError(fiber.StatusUnsupportedMediaType, "Send the body as JSON, with the header Content-Type: application/json.")
	}
	return c.Next()
}

func (s *server) health(c *fiber.Ctx) error {
	if err := s.Store.Ping(c.UserContext()); err != nil {
		return &chorus.Error{Code: chorus.EUNAVAILABLE, Message: "The database cannot be reached.", Err: err}
	}
	return c.JSON(fiber.Map{"status": "ok"})
}

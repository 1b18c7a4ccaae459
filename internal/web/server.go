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

	"chorus/internal/chorus"
	"chorus/internal/intake"
	"chorus/internal/reports"
	"chorus/internal/store"
)

// requestTimeout bounds the work of one request, so that a store that stops
// answering gives a 503 rather than a hang.
const requestTimeout = 15 * time.Second

// Deps are what the HTTP layer serves.
type Deps struct {
	Intake  *intake.Intake
	Store   *store.Store
	Reports *reports.Service
	Logger  *slog.Logger
	// App is the web app's files.
	App fs.FS
}

type server struct {
	Deps
	exporting chan struct{} // a slot per export being made
}

// New returns the HTTP application.
func New(d Deps) *fiber.App {
	s := &server{Deps: d, exporting: make(chan struct{}, exportSlots)}
	app := fiber.New(fiber.Config{
		AppName:      "Chorus",
		BodyLimit:    intake.MaxBatchBytes,
		ReadTimeout:  30 * time.Second,
		WriteTimeout: exportTimeout, // a large export to a slow connection

		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          errorHandler(d.Logger),
	})
	app.Use(recover.New())
	// Compress what is worth it: the app's files, definitions and CSV, not
	// the few bytes that answer a POST, nor workbooks, which are zipped.
	app.Use(compress.New(compress.Config{Next: func(c *fiber.Ctx) bool {
		return c.Method() != fiber.MethodGet || strings.HasSuffix(c.Path(), ".xlsx")
	}}))
	app.Use(withTimeout)

	app.Get("/healthz", s.health)
	api := app.Group("/api/v1")
	api.Get("/forms", s.listForms)
	api.Get("/forms/:id", s.getForm)
	api.Get("/forms/:id/versions/:version", s.getFormVersion)
	api.Post("/forms/:id/responses", requireJSON, s.postResponse)
	api.Post("/sync", requireJSON, s.sync)
	api.Get("/services", s.listServices)
	api.Get("/forms/:id/export.:format", s.export)
	api.Use(func(c *fiber.Ctx) error { return fiber.ErrNotFound })
	s.routeApp(app)
	return app
}

func withTimeout(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(context.Background(), requestTimeout)
	defer cancel()
	c.SetUserContext(ctx)
	return c.Next()
}

func requireJSON(c *fiber.Ctx) error {
	if !c.Is("json") {
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

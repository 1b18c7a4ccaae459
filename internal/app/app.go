// Package app wires Chorus together: configuration in, a running server out.
// Tests call it with the address "127.0.0.1:0".
package app

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/forms"
	"chorus/internal/auth"
	"chorus/internal/catalog"
	"chorus/internal/config"
	"chorus/internal/form"
	"chorus/internal/formbook"
	"chorus/internal/intake"
	"chorus/internal/reports"
	"chorus/internal/seed"
	"chorus/internal/store"
	"chorus/internal/web"
	"chorus/pwa"
)

// formsRefresh is how often the server looks in the store for forms
// published, closed or archived by another server sharing it.
const formsRefresh = 2 * time.Second

// shutdownGrace is how long in-flight requests get to finish on shutdown.
const shutdownGrace = 20 * time.Second

// App is a built Chorus server.
type App struct {
	Store  store.Store
	Intake *intake.Intake
	// Catalog keeps the forms: published, drafts, archived.
	Catalog *catalog.Catalog
	// Reports makes the exports.
	Reports *reports.Service
	// Auth signs people in.
	Auth   *auth.Service
	http   *fiber.App
	logger *slog.Logger
	cfg    config.Config
	ln     *listener
	served chan error
	// stopStats ends the writing of response counters; statsDone closes
	// once the last of them is written.
	stopStats context.CancelFunc
	statsDone chan struct{}
}

// New loads the forms, opens the store and builds the server. It fails, with
// every problem listed, on a bad form definition.
func New(ctx context.Context, cfg config.Config, logger *slog.Logger) (*App, error) {
	forms, err := LoadForms(cfg)
	if err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, store.Options{
		URI:      cfg.MongoURI,
		DataDir:  cfg.DataDir,
		Database: cfg.Database,
		Logger:   logger,
		Server:   true,
	})
	if err != nil {
		return nil, err
	}
	logger.Info("store ready", "store", st.Describe())
	a := &App{Store: st, logger: logger, cfg: cfg}
	if err := a.prepare(ctx, forms); err != nil {
		st.Close(context.WithoutCancel(ctx))
		return nil, err
	}
	a.Reports = &reports.Service{Store: st, Forms: a.Intake.Forms(), Location: cfg.Location, Tallies: a.Intake.Tallies}
	a.Auth = auth.New(st, cfg.Security, logger)
	if ok, err := a.Auth.HasAdmin(ctx); err != nil {
		st.Close(context.WithoutCancel(ctx))
		return nil, err
	} else if !ok {
		logger.Warn("no admin account yet: create one with `chorus users add --email you@example.org --role admin` (the password is asked for, not given on the command line)")
	}
	a.http = web.New(web.Deps{Intake: a.Intake, Catalog: a.Catalog, Store: st, Reports: a.Reports, Auth: a.Auth, Logger: logger, App: pwa.FS, Site: cfg.Site, Plain: cfg.PlainEnglish()})
	return a, nil
}

// LoadForms reads the form definitions: the directory CHORUS_FORMS_DIR when
// set, else the built-in ones.
func LoadForms(cfg config.Config) ([]*form.Form, error) {
	var fsys fs.FS = forms.FS
	if cfg.FormsDir != "" {
		fsys = os.DirFS(cfg.FormsDir)
	}
	return formbook.LoadFS(fsys, cfg.Location)
}

// prepare brings the forms files into the store (the built-in samples into
// an empty one; a forms directory at every start), loads every form from
// the store, and fills an empty services register with the sample.
func (a *App) prepare(ctx context.Context, files []*form.Form) error {
	registry := intake.NewRegistry(nil)
	a.Intake = intake.New(a.Store, registry, a.cfg.Location)
	a.Catalog = catalog.New(a.Store, registry, a.cfg.Location, a.Intake.Now, a.logger)
	if err := a.Catalog.Seed(ctx, files, formsOrigin(a.cfg)); err != nil {
		return err
	}
	if err := a.Catalog.Load(ctx); err != nil {
		return err
	}
	if err := a.Intake.LoadTallies(ctx); err != nil {
		return err
	}

	samples, err := seed.Services()
	if err != nil {
		return err
	}
	if seeded, err := a.Store.SeedServices(ctx, samples); err != nil {
		return err
	} else if seeded {
		a.logger.Info("services register was empty: filled it with the sample services", "count", len(samples))
	}
	services, err := a.Store.Services(ctx)
	if err != nil {
		return err
	}
	a.Intake.SetServices(services)
	a.logger.Info("forms ready", "forms", len(registry.Known()))
	return nil
}

// formsOrigin is where the form files come from: a forms directory, read
// at every start, or the built-in samples, for an empty store only.
func formsOrigin(cfg config.Config) string {
	if cfg.FormsDir != "" {
		return catalog.OriginFile
	}
	return catalog.OriginBuiltIn
}

// OpenIntake opens the store and the forms as the server would, without
// serving, for the admin commands that work on responses. close releases
// the store.
func OpenIntake(ctx context.Context, cfg config.Config, logger *slog.Logger) (*intake.Intake, func(context.Context) error, error) {
	st, registry, err := openForms(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	return intake.New(st, registry, cfg.Location), st.Close, nil
}

// OpenReports opens the store for the export command, without serving: it
// attaches to a running server's embedded database when there is one.
// close releases the store.
func OpenReports(ctx context.Context, cfg config.Config, logger *slog.Logger) (svc *reports.Service, close func(context.Context) error, err error) {
	st, registry, err := openForms(ctx, cfg, logger)
	if err != nil {
		return nil, nil, err
	}
	return &reports.Service{Store: st, Forms: registry, Location: cfg.Location}, st.Close, nil
}

// openForms opens the store, beside a running server if there is one, and
// the forms as the store keeps them; a store no server has used yet gets
// the form files first.
func openForms(ctx context.Context, cfg config.Config, logger *slog.Logger) (store.Store, *intake.Registry, error) {
	files, err := LoadForms(cfg)
	if err != nil {
		return nil, nil, err
	}
	st, err := store.Open(ctx, store.Options{URI: cfg.MongoURI, DataDir: cfg.DataDir, Database: cfg.Database, Logger: logger})
	if err != nil {
		return nil, nil, err
	}
	registry := intake.NewRegistry(nil)
	cat := catalog.New(st, registry, cfg.Location, time.Now, logger)
	if err := cat.Seed(ctx, files, formsOrigin(cfg)); err != nil {
		st.Close(context.WithoutCancel(ctx))
		return nil, nil, err
	}
	if err := cat.Load(ctx); err != nil {
		st.Close(context.WithoutCancel(ctx))
		return nil, nil, err
	}
	return st, registry, nil
}

// Start listens on the configured address and serves in the background.
func (a *App) Start() error {
	ln, err := net.Listen("tcp", a.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w", a.cfg.Addr, err)
	}
	a.ln = newListener(ln)
	a.served = make(chan error, 1)
	go func() { a.served <- a.http.Listener(a.ln) }()
	statsCtx, cancel := context.WithCancel(context.Background())
	a.stopStats, a.statsDone = cancel, make(chan struct{})
	go func() {
		defer close(a.statsDone)
		watched := make(chan struct{})
		go func() {
			defer close(watched)
			a.Catalog.Watch(statsCtx, formsRefresh)
		}()
		a.Intake.RunStats(statsCtx, a.logger)
		<-watched
	}()
	a.logger.Info("Chorus is listening", "url", a.URL())
	return nil
}

// URL is the server's address, once started.
func (a *App) URL() string {
	addr := a.ln.Addr().(*net.TCPAddr)
	host := addr.IP.String()
	if addr.IP.IsUnspecified() {
		host = "localhost"
	}
	return fmt.Sprintf("http://%s", net.JoinHostPort(host, fmt.Sprint(addr.Port)))
}

// Shutdown stops taking requests, lets those in flight finish, and closes
// the store.
func (a *App) Shutdown(ctx context.Context) error {
	var errs []error
	if a.ln != nil {
		done := make(chan struct{})
		go a.ln.closeUnusedUntil(done)
		errs = append(errs, a.http.ShutdownWithContext(ctx))
		close(done)
	}
	if a.stopStats != nil {
		a.stopStats() // the last counts are written before the store closes
		select {
		case <-a.statsDone:
		case <-ctx.Done():
		}
	}
	errs = append(errs, a.Store.Close(ctx))
	return errors.Join(errs...)
}

// Run serves until ctx is cancelled (SIGTERM, SIGINT), then shuts down.
func (a *App) Run(ctx context.Context) error {
	if err := a.Start(); err != nil {
		a.Store.Close(context.WithoutCancel(ctx))
		return err
	}
	select {
	case <-ctx.Done():
		a.logger.Info("shutting down")
	case err := <-a.served:
		a.Store.Close(context.WithoutCancel(ctx))
		return err
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), shutdownGrace)
	defer cancel()
	return a.Shutdown(sctx)
}

// Package catalog keeps forms as data: every version of every form in the
// store, the one each form serves, its draft, and whether it is archived.
// Officers publish, schedule, change, close and archive forms through it;
// it keeps the registry that intake and exports read in step with the
// store, including changes made by another server sharing the store.
package catalog

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"chorus/internal/form"
	"chorus/internal/intake"
	"chorus/internal/store"
)

// Origins of a form.
const (
	OriginBuiltIn = "built-in"
	OriginFile    = "file"
	OriginConsole = "console"
)

// Catalog is the forms in the store, and the registry built from them.
type Catalog struct {
	store  store.Store
	forms  *intake.Registry
	loc    *time.Location
	now    func() time.Time
	logger *slog.Logger

	mu     sync.Mutex            // one load at a time
	seen   map[string]int64      // the revision of each record loaded
	parsed map[string]*form.Form // stored versions read, by key
	prints map[string]string     // and the fingerprint each was read from
	drafts map[string]*form.Form // drafts read, by form id and fingerprint
	failed bool                  // the last watch could not read the store
}

// New returns a catalog over a store that keeps forms in registry. now is
// the clock dates are judged by (intake's, which tests can set).
func New(st store.Store, registry *intake.Registry, loc *time.Location, now func() time.Time, logger *slog.Logger) *Catalog {
	return &Catalog{store: st, forms: registry, loc: loc, now: now, logger: logger,
		seen: map[string]int64{}, parsed: map[string]*form.Form{}, prints: map[string]string{}, drafts: map[string]*form.Form{}}
}

// Forms is the registry the catalog keeps.
func (c *Catalog) Forms() *intake.Registry { return c.forms }

// Seed brings forms read from files into the store. Built-in samples are
// loaded only into a store that has no forms yet; a forms directory
// (origin file) is read at every start, and a file's version is served
// only when it is newer than the one served, so that a form published
// from the console is never overwritten by an older file.
func (c *Catalog) Seed(ctx context.Context, files []*form.Form, origin string) error {
	records, err := c.store.FormRecords(ctx)
	if err != nil {
		return err
	}
	if origin == OriginBuiltIn && len(records) > 0 {
		return nil
	}
	byID := map[string]store.FormRecord{}
	for _, r := range records {
		byID[r.ID] = r
	}
	for _, f := range files {
		if err := c.saveVersion(ctx, f); err != nil {
			return fmt.Errorf("form %s: %w", f.ID, err)
		}
		rec, ok := byID[f.ID]
		switch {
		case !ok:
			rec = store.FormRecord{ID: f.ID, Origin: origin}
		case rec.Current == f.Version:
			continue
		case rec.Current != "" && !intake.VersionLess(rec.Current, f.Version):
			c.logger.Warn("a form file is older than the version served: the file is not used", "form", f.ID, "file", f.File(), "fileVersion", f.Version, "served", rec.Current)
			continue
		}
		rec.Current, rec.Revision, rec.UpdatedAt, rec.UpdatedBy = f.Version, rec.Revision+1, c.now().UTC().Truncate(time.Millisecond), ""
		if err := c.store.PutFormRecord(ctx, rec); err != nil {
			return fmt.Errorf("form %s: %w", f.ID, err)
		}
	}
	return nil
}

// saveVersion stores a version of a form: its JSON, kept exactly.
func (c *Catalog) saveVersion(ctx context.Context, f *form.Form) error {
	def, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return c.store.SaveFormVersion(ctx, store.FormVersion{
		FormID: f.ID, Version: f.Version, Definition: string(def),
		Fingerprint: fingerprint(def), FirstSeenAt: c.now().UTC().Truncate(time.Millisecond),
	})
}

func fingerprint(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// Load reads every form from the store into the registry.
func (c *Catalog) Load(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.load(ctx)
}

func (c *Catalog) load(ctx context.Context) error {
	records, err := c.store.FormRecords(ctx)
	if err != nil {
		return err
	}
	versions, err := c.store.FormVersions(ctx)
	if err != nil {
		return err
	}
	byID := map[string]store.FormRecord{}
	for _, r := range records {
		byID[r.ID] = r
	}
	var current, older []*form.Form
	archived := map[string]bool{}
	for _, v := range versions {
		rec, ok := byID[v.FormID]
		if !ok || rec.Current == "" {
			continue // a form no longer served takes no responses
		}
		f := c.read(v)
		if f == nil {
			continue
		}
		if v.Version == rec.Current {
			current = append(current, f)
			archived[f.ID] = rec.Archived
		} else {
			older = append(older, f)
		}
	}
	c.forms.Set(current, archived, older)
	c.seen = map[string]int64{}
	for _, r := range records {
		c.seen[r.ID] = r.Revision
	}
	return nil
}

// read parses a stored version, once.
func (c *Catalog) read(v store.FormVersion) *form.Form {
	key := v.FormID + "@" + v.Version
	if f := c.parsed[key]; f != nil && c.prints[key] == v.Fingerprint {
		return f
	}
	f, errs := form.Parse(key, []byte(v.Definition), c.loc)
	if len(errs) > 0 {
		c.logger.Warn("a stored form version can no longer be read; responses to it will be refused", "form", v.FormID, "version", v.Version, "problems", errs.Error())
		return nil
	}
	c.parsed[key], c.prints[key] = f, v.Fingerprint
	return f
}

// Watch reloads the forms whenever a record changes in the store (another
// server sharing it published, closed or archived a form), looking every
// interval until ctx ends.
func (c *Catalog) Watch(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := c.refresh(ctx); err != nil && ctx.Err() == nil {
			if !c.failed {
				c.logger.Warn("could not look for changed forms; trying again", "err", err)
			}
			c.failed = true
			continue
		}
		c.failed = false
	}
}

// refresh loads the forms if any record changed since the last load.
func (c *Catalog) refresh(ctx context.Context) error {
	records, err := c.store.FormRecords(ctx)
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	changed := len(records) != len(c.seen)
	for _, r := range records {
		if c.seen[r.ID] != r.Revision {
			changed = true
		}
	}
	if !changed {
		return nil
	}
	return c.load(ctx)
}

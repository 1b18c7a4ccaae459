package catalog_test

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"chorus/internal/catalog"
	"chorus/internal/form"
	"chorus/internal/intake"
	"chorus/internal/store"
)

func openCatalog(t *testing.T, dir string) (*catalog.Catalog, store.Store) {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return catalog.New(st, intake.NewRegistry(nil), time.UTC, time.Now, slog.New(slog.DiscardHandler)), st
}

func survey(t *testing.T, version, title string) *form.Form {
	t.Helper()
	src := `{"id":"s","version":"` + version + `","title":"` + title + `","kind":"survey","audience":"public",
	  "sections":[{"title":"One","questions":[{"id":"a","type":"shortText","label":"A"}]}]}`
	f, errs := form.Parse("s.json", []byte(src), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return f
}

func served(t *testing.T, c *catalog.Catalog) string {
	t.Helper()
	f, err := c.Forms().Current("s")
	if err != nil {
		t.Fatal(err)
	}
	return f.Version + " " + f.Title
}

// Built-in samples go into an empty store only; a forms directory is read
// at every start, and its file is served only when newer than the version
// served, so a form published from the console is never overwritten by an
// older file.
func TestSeed(t *testing.T) {
	ctx := t.Context()
	dir := t.TempDir()
	c, _ := openCatalog(t, dir)
	if err := c.Seed(ctx, []*form.Form{survey(t, "1", "Sample")}, catalog.OriginBuiltIn); err != nil {
		t.Fatal(err)
	}
	if err := c.Load(ctx); err != nil {
		t.Fatal(err)
	}
	if got := served(t, c); got != "1 Sample" {
		t.Fatalf("after the first start: %s", got)
	}
	if err := c.Seed(ctx, []*form.Form{survey(t, "2", "Sample two")}, catalog.OriginBuiltIn); err != nil {
		t.Fatal(err)
	}
	c.Load(ctx)
	if got := served(t, c); got != "1 Sample" {
		t.Errorf("built-in samples changed a store that has forms: %s", got)
	}

	// Published from the console: version 2.
	next := survey(t, "1", "Sample")
	next.Title = "From the console"
	if _, err := c.Change(ctx, "user-1", next); err != nil {
		t.Fatal(err)
	}
	if got := served(t, c); got != "2 From the console" {
		t.Fatalf("after a change in the console: %s", got)
	}
	if err := c.Seed(ctx, []*form.Form{survey(t, "1", "Sample")}, catalog.OriginFile); err != nil {
		t.Fatal(err)
	}
	c.Load(ctx)
	if got := served(t, c); got != "2 From the console" {
		t.Errorf("an older file overwrote the console's version: %s", got)
	}
	if err := c.Seed(ctx, []*form.Form{survey(t, "3", "From git")}, catalog.OriginFile); err != nil {
		t.Fatal(err)
	}
	c.Load(ctx)
	if got := served(t, c); got != "3 From git" {
		t.Errorf("a newer file was not served: %s", got)
	}
	changed := survey(t, "3", "Changed without a new version")
	if err := c.Seed(ctx, []*form.Form{changed}, catalog.OriginFile); err == nil || !strings.Contains(err.Error(), "new version") {
		t.Errorf("a version changed in place: %v", err)
	}
}

package app_test

import (
	"slices"
	"testing"
	"time"

	"chorus/internal/store/ferrettest"
)

// Two servers share one store: the database embedded in the test (FerretDB,
// which speaks MongoDB's protocol through a socket, as a council's MongoDB
// would). A form published on one is served by the other within seconds,
// closed on the other, and gone from the first, with no restart.
func TestCatalogTwoServersShareForms(t *testing.T) {
	uri, stop := ferrettest.Start(t, t.TempDir(), nil)
	defer stop()
	siteEnv["MONGODB_URI"] = uri
	defer delete(siteEnv, "MONGODB_URI")
	one := start(t, "", t.TempDir())
	two := start(t, "", t.TempDir())
	officer := one.signIn(t, "officer")
	colleague := two.signIn(t, "officer")

	if r := upload(t, one, officer, "library.yaml", readFile(t, "testdata/catalog/library.yaml")); r.status != 200 {
		t.Fatalf("upload: %d %s", r.status, r.raw)
	}
	if r := one.postAs(t, officer, "/api/v1/officer/catalog/library-survey/publish", nil); r.status != 200 {
		t.Fatalf("publish: %d %s", r.status, r.raw)
	}
	eventually(t, "the other server to serve the published form", func() bool { return slices.Contains(liveIDs(t, two), "library-survey") })
	if r := respond(t, two, "1", map[string]any{"uses": "yes"}); r.status != 201 {
		t.Fatalf("a response through the other server: %d %s", r.status, r.raw)
	}

	if r := two.postAs(t, colleague, "/api/v1/officer/catalog/library-survey/close", nil); r.status != 200 {
		t.Fatalf("close on the other server: %d %s", r.status, r.raw)
	}
	eventually(t, "the first server to stop listing the closed form", func() bool { return !slices.Contains(liveIDs(t, one), "library-survey") })
	wantProblem(t, respond(t, one, "1", map[string]any{"uses": "no"}), 403)
}

// eventually polls cond, every 100 ms, for up to 15 seconds (the servers look
// for changes every 2).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("waited 15 s for %s", what)
}

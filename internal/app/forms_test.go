package app_test

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chorus/internal/app"
	"chorus/internal/config"
)

func TestFormsAndServicesAreServed(t *testing.T) {
	h := start(t, "", "")
	r := h.get(t, "/api/v1/forms")
	if r.status != 200 {
		t.Fatal(r.status, string(r.raw))
	}
	for _, id := range []string{"coproduction-consultation"} {
		if !strings.Contains(string(r.raw), `"id":"`+id+`"`) {
			t.Errorf("forms list lacks %s: %s", id, r.raw)
		}
	}
	if strings.Contains(string(r.raw), `"sections"`) {
		t.Error("the list should not carry whole definitions")
	}
	// The visit form is for Quality Checkers: listed and served to their phones only.
	if strings.Contains(string(r.raw), "quality-checker-visit") || strings.Contains(string(r.raw), "coproduction-six-point-test") {
		t.Errorf("the public list shows the visit form: %s", r.raw)
	}
	wantProblem(t, h.get(t, "/api/v1/forms/quality-checker-visit"), 401)
	wantProblem(t, h.get(t, "/api/v1/forms/quality-checker-visit/versions/3"), 401)
	phone, _ := h.volunteer(t, h.signIn(t, "officer"), "Jo")
	if l := h.getAs(t, phone, "/api/v1/forms"); !strings.Contains(string(l.raw), `"id":"quality-checker-visit"`) || !strings.Contains(string(l.raw), `"id":"coproduction-six-point-test"`) {
		t.Errorf("a volunteer's list lacks the visit form: %s", l.raw)
	}

	def := h.getAs(t, phone, "/api/v1/forms/quality-checker-visit")
	if def.status != 200 || def.body["kind"] != "visit" || def.body["audience"] != "volunteers" {
		t.Fatalf("definition: %d %s", def.status, def.raw[:min(200, len(def.raw))])
	}
	sections := def.body["sections"].([]any)
	q := sections[0].(map[string]any)["questions"].([]any)[0].(map[string]any)
	for _, field := range []string{"id", "type", "label", "easyRead", "required"} {
		if _, ok := q[field]; !ok {
			t.Errorf("question lacks %q: %v", field, q)
		}
	}
	etag := def.header.Get("ETag")
	req := h.getAs(t, phone, "/api/v1/forms/quality-checker-visit")
	if req.header.Get("ETag") != etag || etag == "" {
		t.Errorf("ETag = %q then %q", etag, req.header.Get("ETag"))
	}

	if v := h.getAs(t, phone, "/api/v1/forms/quality-checker-visit/versions/3"); v.status != 200 || v.body["version"] != "3" {
		t.Errorf("version 1: %d", v.status)
	}
	wantProblem(t, h.get(t, "/api/v1/forms/quality-checker-visit/versions/7"), 404)
	wantProblem(t, h.get(t, "/api/v1/forms/nope"), 404)

	s := h.get(t, "/api/v1/services")
	if s.status != 200 || !strings.Contains(string(s.raw), `{"id":"svc-elmfield-house","name":"Elmfield House","type":"Care home"}`) {
		t.Errorf("services: %d %s", s.status, s.raw)
	}

	manifest := h.get(t, "/manifest.webmanifest")
	if manifest.status != 200 || manifest.header.Get("Content-Type") != "application/manifest+json" ||
		manifest.body["display"] != "standalone" || !strings.Contains(string(manifest.raw), "/icons/icon-512.png") {
		t.Errorf("manifest: %d %s", manifest.status, manifest.raw)
	}
	for _, icon := range []string{"/icons/icon-192.png", "/icons/icon-512.png"} {
		if r := h.get(t, icon); r.status != 200 || r.header.Get("Content-Type") != "image/png" {
			t.Errorf("%s: %d %s", icon, r.status, r.header.Get("Content-Type"))
		}
	}
	sw := h.get(t, "/sw.js")
	if sw.status != 200 || strings.Contains(string(sw.raw), "__VERSION__") || !strings.Contains(string(sw.raw), `"/js/app.js"`) {
		t.Errorf("service worker not filled in: %d", sw.status)
	}

	shell := h.get(t, "/")
	if shell.status != 200 || !strings.Contains(string(shell.raw), "<title>Chorus</title>") ||
		shell.header.Get("Cache-Control") != "no-cache" || shell.header.Get("ETag") == "" {
		t.Errorf("app shell: %d %v", shell.status, shell.header)
	}
}

func TestSampleVisitFormTakesAResponse(t *testing.T) {
	h := start(t, "", "")
	today := time.Now().In(h.cfg.Location).Format(time.DateOnly)
	body := map[string]any{
		"id": newID(), "formVersion": "3",
		"answers": map[string]any{
			"service": "svc-the-maples", "visitDate": today, "announced": false, "teamSize": 3,
			"safeFeelSafe": "good", "safeRating": "green", "caringKnock": "not_good",
			"workingWell": "Staff were kind.", "safeguardingConcern": true,
			"safeguardingDetails": "We saw a fire door propped open.", "safeguardingReported": true,
		},
	}
	// Without a Quality Checker's sign-in, a visit form is refused.
	wantProblem(t, h.postJSON(t, "/api/v1/forms/quality-checker-visit/responses", body), 401)
	phone, _ := h.volunteer(t, h.signIn(t, "officer"), "Ali")
	r := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", body)
	if r.status != 201 {
		t.Fatalf("%d %s", r.status, r.raw)
	}
	body["id"] = newID()
	delete(body["answers"].(map[string]any), "safeguardingDetails")
	r = h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", body)
	if r.status != 422 || !strings.Contains(string(r.raw), "safeguardingDetails") {
		t.Fatalf("a concern without details: %d %s", r.status, r.raw)
	}
}

// A phone offline for a week sends a response filled on version 1 after
// the server has moved to version 2: it is checked against version 1.
func TestResponseToAnOlderVersion(t *testing.T) {
	data := t.TempDir()
	h := start(t, "testdata/forms", data)
	h.stop()

	h = start(t, "testdata/forms-v2", data)
	if cur := h.get(t, "/api/v1/forms/survey"); cur.body["version"] != "2" {
		t.Fatalf("current version = %v", cur.body["version"])
	}
	old := h.get(t, "/api/v1/forms/survey/versions/1")
	if old.status != 200 || !strings.Contains(string(old.raw), `"happy"`) {
		t.Fatalf("version 1: %d %s", old.status, old.raw)
	}
	v1 := surveyResponse(newID())
	if r := h.postJSON(t, surveyPath, v1); r.status != 201 {
		t.Fatalf("a version 1 response: %d %s", r.status, r.raw)
	}
	v1bad := surveyResponse(newID())
	v1bad["answers"] = map[string]any{"name": "Sam", "mood": "good"}
	if r := h.postJSON(t, surveyPath, v1bad); r.status != 422 || !strings.Contains(string(r.raw), `"mood"`) {
		t.Fatalf("version 1 rules were not applied: %d %s", r.status, r.raw)
	}
	v2 := map[string]any{"id": newID(), "formVersion": "2", "answers": map[string]any{"name": "Sam", "mood": "good"}}
	if r := h.postJSON(t, surveyPath, v2); r.status != 201 {
		t.Fatalf("a version 2 response: %d %s", r.status, r.raw)
	}
}

func TestChangedFormWithTheSameVersionIsRefused(t *testing.T) {
	data := t.TempDir()
	h := start(t, "testdata/forms", data)
	h.stop()

	dir := t.TempDir()
	orig, _ := os.ReadFile("testdata/forms/survey.yaml")
	changed := strings.Replace(string(orig), "maxLength: 40", "maxLength: 20", 1)
	if err := os.WriteFile(filepath.Join(dir, "survey.yaml"), []byte(changed), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := newApp(t, dir, data)
	if err == nil || !strings.Contains(err.Error(), `form "survey" version "1" has changed since it was first used`) {
		t.Fatalf("err = %v", err)
	}
}

func TestBadDefinitionsStopStartUp(t *testing.T) {
	_, err := newApp(t, "testdata/forms-bad", t.TempDir())
	if err == nil {
		t.Fatal("the server started on a bad definition")
	}
	for _, want := range []string{
		"broken.yaml: a: a singleChoice question needs options",
		`broken.yaml: b: showIf refers to "c", which is not a question in this form`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in %v", want, err)
		}
	}
}

func TestStoreOutageSimulatedByClosingTheFileGives503(t *testing.T) {
	h := start(t, "testdata/forms", "")
	if r := h.get(t, "/healthz"); r.status != 200 || r.body["status"] != "ok" {
		t.Fatalf("healthz: %d %s", r.status, r.raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	r := h.get(t, "/healthz")
	wantProblem(t, r, 503)
	post := h.postJSON(t, surveyPath, surveyResponse(newID()))
	wantProblem(t, post, 503)
	if post.header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
}

// newApp builds a server without starting it.
func newApp(t *testing.T, formsDir, dataDir string) (*app.App, error) {
	cfg, err := config.FromEnv(func(name string) string {
		return map[string]string{"CHORUS_ADDR": "127.0.0.1:0", "CHORUS_DATA_DIR": dataDir, "CHORUS_FORMS_DIR": formsDir}[name]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err == nil {
		t.Cleanup(func() { _ = a.Shutdown(context.Background()) })
	}
	return a, err
}

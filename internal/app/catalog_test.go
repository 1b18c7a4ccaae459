package app_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"chorus/internal/form"
	"chorus/internal/formbook"
)

// upload sends a form file to the Forms area as the console does.
func upload(t testing.TB, h *harness, officer creds, name string, data []byte) reply {
	t.Helper()
	ctype := map[string]string{".yaml": "application/yaml", ".json": "application/json",
		".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}[filepath.Ext(name)]
	return h.as(t, officer, "POST", "/api/v1/officer/catalog/upload?name="+name, ctype, data)
}

func readFile(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// workbookOf is a form file written as the workbook an officer would
// upload.
func workbookOf(t testing.TB, name string) []byte {
	t.Helper()
	f, errs := form.Parse(name, readFile(t, name), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	book, err := formbook.Write(f)
	if err != nil {
		t.Fatal(err)
	}
	return book
}

// catalogRow returns a form as the Forms area lists it; nil when it is not.
func catalogRow(t testing.TB, h *harness, officer creds, id string) map[string]any {
	t.Helper()
	r := h.getAs(t, officer, "/api/v1/officer/catalog")
	if r.status != 200 {
		t.Fatalf("catalog: %d %s", r.status, r.raw)
	}
	for _, f := range r.body["forms"].([]any) {
		if row := f.(map[string]any); row["id"] == id {
			return row
		}
	}
	return nil
}

// liveIDs are the ids of the forms the public app lists.
func liveIDs(t testing.TB, h *harness) []string {
	t.Helper()
	r := h.get(t, "/api/v1/forms")
	var forms []map[string]any
	if err := json.Unmarshal(r.raw, &forms); err != nil {
		t.Fatalf("forms list: %d %s", r.status, r.raw)
	}
	var ids []string
	for _, f := range forms {
		ids = append(ids, f["id"].(string))
	}
	return ids
}

// respond answers the library survey as a resident on a given version.
func respond(t testing.TB, h *harness, version string, answers map[string]any) reply {
	t.Helper()
	return h.postJSON(t, "/api/v1/forms/library-survey/responses", map[string]any{"id": newID(), "formVersion": version, "answers": answers})
}

// An officer uploads a form with mistakes (every one listed, nothing
// saved), fixes it, publishes it, residents answer it; a second version
// that drops answers is shown for what it drops before it is published;
// answers on both versions are taken and exported; a typo fixed from the
// console is a third version; every step is in the audit log.
func TestCatalogUploadPublishChangeExport(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")

	bad := upload(t, h, officer, "library.yaml", readFile(t, "testdata/catalog/library-bad.yaml"))
	wantProblem(t, bad, 422)
	var problems []string
	for _, p := range bad.body["errors"].([]any) {
		problems = append(problems, fmt.Sprint(p.(map[string]any)["question"], ": ", p.(map[string]any)["message"]))
	}
	all := strings.Join(problems, "\n")
	for _, want := range []string{"audience", "uses: ", "whyNot: ", "later: "} {
		if !strings.Contains(all, want) {
			t.Errorf("the problems lack %q:\n%s", want, all)
		}
	}
	if len(problems) < 4 {
		t.Errorf("%d problems, want every one (4 or more):\n%s", len(problems), all)
	}
	if row := catalogRow(t, h, officer, "library-survey"); row != nil {
		t.Fatalf("a refused upload was saved: %v", row)
	}

	// Officers upload workbooks; this one is the YAML file written as one.
	good := upload(t, h, officer, "library.xlsx", workbookOf(t, "testdata/catalog/library.yaml"))
	if good.status != 200 {
		t.Fatalf("upload: %d %s", good.status, good.raw)
	}
	// The draft comes with its plain English check: advice, not a rule.
	if pe, _ := good.body["plainEnglish"].(map[string]any); pe == nil || !strings.HasPrefix(fmt.Sprint(pe["summary"]), "reading ease ") ||
		!strings.HasSuffix(fmt.Sprint(pe["summary"]), "; no suggestions") || pe["warnings"] == nil {
		t.Errorf("the upload's plain English: %s", good.raw)
	}
	row := catalogRow(t, h, officer, "library-survey")
	if row["state"] != "draft" || row["version"] != "" || row["draft"] == nil {
		t.Fatalf("after upload: %v", row)
	}
	if slices.Contains(liveIDs(t, h), "library-survey") {
		t.Fatal("a draft is listed to the public")
	}
	if r := h.get(t, "/api/v1/forms/library-survey"); r.status != 404 {
		t.Errorf("a draft's definition to the public: %d", r.status)
	}
	if r := h.get(t, "/api/v1/officer/catalog/library-survey/definition?version=draft"); r.status != 401 {
		t.Errorf("the draft's preview to the public: %d", r.status)
	}
	if r := h.getAs(t, officer, "/api/v1/officer/catalog/library-survey/definition?version=draft"); r.status != 200 || r.body["title"] != "Our mobile library" {
		t.Errorf("the draft's preview: %d %s", r.status, r.raw)
	}

	pub := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/publish", map[string]any{})
	if pub.status != 200 || pub.body["state"] != "open" || pub.body["version"] != "1" {
		t.Fatalf("publish: %d %s", pub.status, pub.raw)
	}
	if !slices.Contains(liveIDs(t, h), "library-survey") {
		t.Fatal("a published form is not listed to the public")
	}
	if r := respond(t, h, "1", map[string]any{"uses": "sometimes", "stars": "3"}); r.status != 201 {
		t.Fatalf("response on version 1: %d %s", r.status, r.raw)
	}

	// Version 2 drops "stars" and the option "sometimes": shown first.
	if r := upload(t, h, officer, "library-v2.xlsx", workbookOf(t, "testdata/catalog/library-v2.yaml")); r.status != 200 {
		t.Fatalf("upload v2: %d %s", r.status, r.raw)
	}
	page := h.getAs(t, officer, "/api/v1/officer/catalog/library-survey")
	if pe, _ := page.body["draft"].(map[string]any)["plainEnglish"].(map[string]any); pe == nil || !strings.HasPrefix(fmt.Sprint(pe["summary"]), "reading ease ") {
		t.Errorf("the draft's plain English: %s", page.raw)
	}
	drops, _ := page.body["draft"].(map[string]any)["drops"].([]any)
	if len(drops) != 2 {
		t.Fatalf("drops = %v, want stars and the option sometimes", drops)
	}
	unconfirmed := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/publish", map[string]any{})
	wantProblem(t, unconfirmed, 409)
	if len(unconfirmed.body["errors"].([]any)) != 2 {
		t.Errorf("a refused publish lists %s", unconfirmed.raw)
	}
	pub = h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/publish", map[string]any{"acknowledged": true})
	if pub.status != 200 || pub.body["version"] != "2" {
		t.Fatalf("publish v2: %d %s", pub.status, pub.raw)
	}
	// A phone that started on version 1 still sends it; version 2 too.
	if r := respond(t, h, "1", map[string]any{"uses": "yes", "stars": "2"}); r.status != 201 {
		t.Fatalf("a response on version 1 after version 2: %d %s", r.status, r.raw)
	}
	if r := respond(t, h, "2", map[string]any{"uses": "no", "whyNot": "It never stops near me.", "stops": "Market Square"}); r.status != 201 {
		t.Fatalf("a response on version 2: %d %s", r.status, r.raw)
	}
	if r := respond(t, h, "2", map[string]any{"uses": "sometimes"}); r.status != 422 {
		t.Errorf("an option version 2 dropped: %d", r.status)
	}

	// A typo fixed in the console: version 3, same rules.
	def := h.getAs(t, officer, "/api/v1/officer/catalog/library-survey/definition")
	fixed := strings.Replace(string(def.raw), "Which stop do you use?", "Which stop do you use most?", 1)
	w := h.as(t, officer, "PUT", "/api/v1/officer/catalog/library-survey/words", "application/json", []byte(fixed))
	if w.status != 200 || w.body["version"] != "3" {
		t.Fatalf("change words: %d %s", w.status, w.raw)
	}
	structural := strings.Replace(fixed, `"type":"shortText"`, `"type":"longText"`, 1)
	wantProblem(t, h.as(t, officer, "PUT", "/api/v1/officer/catalog/library-survey/words", "application/json", []byte(structural)), 422)
	if r := h.get(t, "/api/v1/forms/library-survey"); r.status != 200 || !strings.Contains(string(r.raw), "Which stop do you use most?") {
		t.Errorf("the public definition after the change: %d", r.status)
	}

	// The export holds every version's responses and questions.
	x := h.getAs(t, officer, "/api/v1/forms/library-survey/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d %s", x.status, x.raw)
	}
	f := openWorkbook(t, x.raw)
	rows, _ := f.GetRows("Responses")
	if len(rows) != 4 {
		t.Fatalf("%d export rows, want a header and 3 responses", len(rows))
	}
	header := strings.Join(rows[0], "|")
	for _, want := range []string{"Do you use the mobile library?", "How good is it?", "Which stop do you use most?"} {
		if !strings.Contains(header, want) {
			t.Errorf("the export's header lacks %q: %s", want, header)
		}
	}
	about, _ := f.GetRows("About")
	if !strings.Contains(fmt.Sprint(about), "1, 2, 3 (current: 3)") {
		t.Errorf("About: %v", about)
	}

	// Every change is in the audit log, by whom.
	admin := h.signIn(t, "admin")
	audit := h.getAs(t, admin, "/api/v1/audit")
	var actions []string
	for _, e := range audit.body["entries"].([]any) {
		if e := e.(map[string]any); e["target"] == "library-survey" {
			actions = append(actions, e["action"].(string))
		}
	}
	if got := strings.Join(actions, ","); got != "form-draft-saved,form-published,form-draft-saved,form-published,form-changed" {
		t.Errorf("audit: %s", got)
	}
}

// A form scheduled to open later is not listed until its day (by the
// intake's clock), closes early when closed, opens again when reopened;
// an open form cannot be archived, a closed one leaves every list but
// keeps its export.
func TestCatalogScheduleCloseArchive(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	h.app.Intake.SetClock(func() time.Time { return now })
	if r := upload(t, h, officer, "library.yaml", readFile(t, "testdata/catalog/library.yaml")); r.status != 200 {
		t.Fatalf("upload: %d %s", r.status, r.raw)
	}
	s := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/schedule", map[string]any{"opens": "2026-12-07", "closes": "2027-01-31"})
	if s.status != 200 || s.body["state"] != "draft" || s.body["opens"] != "2026-12-07" {
		t.Fatalf("schedule a draft: %d %s", s.status, s.raw)
	}
	if r := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/publish", nil); r.status != 200 || r.body["state"] != "scheduled" {
		t.Fatalf("publish: %d %s", r.status, r.raw)
	}
	if slices.Contains(liveIDs(t, h), "library-survey") {
		t.Error("a scheduled form is listed before its day")
	}
	wantProblem(t, respond(t, h, "1", map[string]any{"uses": "yes"}), 403)

	now = time.Date(2026, 12, 7, 0, 1, 0, 0, time.UTC)
	if !slices.Contains(liveIDs(t, h), "library-survey") {
		t.Error("a scheduled form is not listed on its day")
	}
	if r := respond(t, h, "1", map[string]any{"uses": "yes"}); r.status != 201 {
		t.Fatalf("a response on the opening day: %d %s", r.status, r.raw)
	}
	wantProblem(t, h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/archive", nil), 409)

	c := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/close", nil)
	if c.status != 200 || c.body["state"] != "closed" || c.body["version"] != "2" {
		t.Fatalf("close: %d %s", c.status, c.raw)
	}
	if slices.Contains(liveIDs(t, h), "library-survey") {
		t.Error("a closed form is listed")
	}
	wantProblem(t, respond(t, h, "1", map[string]any{"uses": "yes"}), 403)
	wantProblem(t, h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/close", nil), 409)

	o := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/reopen", map[string]any{"closes": "2027-02-28"})
	if o.status != 200 || o.body["state"] != "open" || o.body["closes"] != "2027-02-28" {
		t.Fatalf("reopen: %d %s", o.status, o.raw)
	}
	if r := respond(t, h, "1", map[string]any{"uses": "no"}); r.status != 201 {
		t.Fatalf("a response after reopening: %d %s", r.status, r.raw)
	}
	h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/close", nil)
	a := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/archive", nil)
	if a.status != 200 || a.body["state"] != "archived" {
		t.Fatalf("archive: %d %s", a.status, a.raw)
	}
	for _, path := range []string{"/api/v1/officer/forms", "/api/v1/officer/dashboard"} {
		if r := h.getAs(t, officer, path); strings.Contains(string(r.raw), "library-survey") {
			t.Errorf("%s lists an archived form", path)
		}
	}
	if x := h.getAs(t, officer, "/api/v1/forms/library-survey/export.xlsx"); x.status != 200 {
		t.Fatalf("an archived form's export: %d %s", x.status, x.raw)
	} else if rows, _ := openWorkbook(t, x.raw).GetRows("Responses"); len(rows) != 3 {
		t.Errorf("an archived form's export has %d rows, want a header and 2", len(rows))
	}
	if r := h.postAs(t, officer, "/api/v1/officer/catalog/library-survey/restore", nil); r.status != 200 || r.body["state"] != "closed" {
		t.Errorf("restore: %d %s", r.status, r.raw)
	}
}

// Only officers and admins reach the Forms area: the public and Quality
// Checkers' phones are refused every route of it.
func TestCatalogRoles(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	body := readFile(t, "testdata/catalog/library.yaml")
	for _, who := range []struct {
		name string
		c    creds
		want int
	}{{"public", nobody, 401}, {"phone", phone, 403}} {
		if r := upload(t, h, who.c, "library.yaml", body); r.status != who.want {
			t.Errorf("%s upload: %d, want %d", who.name, r.status, who.want)
		}
		if r := h.getAs(t, who.c, "/api/v1/officer/catalog"); r.status != who.want {
			t.Errorf("%s list: %d, want %d", who.name, r.status, who.want)
		}
		if r := h.postAs(t, who.c, "/api/v1/officer/catalog/quality-checker-visit/close", nil); r.status != who.want {
			t.Errorf("%s close: %d, want %d", who.name, r.status, who.want)
		}
	}
	if row := catalogRow(t, h, officer, "library-survey"); row != nil {
		t.Errorf("a refused upload was saved: %v", row)
	}
	if row := catalogRow(t, h, officer, "quality-checker-visit"); row["state"] != "open" {
		t.Errorf("the visit form after refused closes: %v", row)
	}
}

// A council's own words to avoid (CHORUS_WORDS_TO_AVOID) are what an
// uploaded draft's plain English check points out.
func TestCatalogCouncilWordsToAvoid(t *testing.T) {
	file := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(file, []byte("mobile library → library van (what residents call it)\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	old := siteEnv
	siteEnv = map[string]string{"CHORUS_WORDS_TO_AVOID": file}
	t.Cleanup(func() { siteEnv = old })
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	r := upload(t, h, officer, "library.xlsx", workbookOf(t, "testdata/catalog/library.yaml"))
	if r.status != 200 {
		t.Fatalf("upload: %d %s", r.status, r.raw)
	}
	pe, _ := r.body["plainEnglish"].(map[string]any)
	if pe == nil || !strings.Contains(fmt.Sprint(pe["warnings"]), "'mobile library': say 'library van'") {
		t.Errorf("the council's words are not pointed out: %s", r.raw)
	}
}

package app_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"chorus/internal/formbook"
)

// publicFormIDs are the ids of the forms the public app lists now.
func publicFormIDs(t *testing.T, h *harness) []string {
	t.Helper()
	var forms []map[string]any
	if err := jsonUnmarshal(h.get(t, "/api/v1/forms").raw, &forms); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, f := range forms {
		ids = append(ids, f["id"].(string))
	}
	return ids
}

// statusNote waits for the success notice that starts with prefix and
// returns it whole.
func statusNote(b *browser, t *testing.T, prefix string) string {
	t.Helper()
	var text string
	b.run(t, chromedp.WaitVisible(`//div[@role="status"]/p[starts-with(., "`+prefix+`")]`, chromedp.BySearch),
		chromedp.Text(`div[role=status]`, &text, chromedp.ByQuery))
	return text
}

// setDate sets a date field's value, as a date picker does.
func setDate(id, value string) chromedp.Action {
	return chromedp.Evaluate(`document.getElementById('`+id+`').value = '`+value+`'`, nil)
}

// An officer uploads a form as an Excel workbook; gives the draft an
// opening date and publishes it (scheduled: not listed yet); closes it;
// reopens it until a date (listed); cannot archive it while it is open;
// copies it (a used id is refused, what was typed stays); archives the
// copy and brings it back; discards the copy's draft.
func TestBrowserFormsActions(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "forms-actions@example.org")

	f, problems := formbook.Decode("allotments.yaml", []byte(allotmentYAML), time.UTC)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	book, err := formbook.Write(f)
	if err != nil {
		t.Fatal(err)
	}
	xlsx := filepath.Join(t.TempDir(), "allotments.xlsx")
	if err := os.WriteFile(xlsx, book, 0o600); err != nil {
		t.Fatal(err)
	}
	var template, draft string
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms"), chromedp.WaitVisible(`#form-file`, chromedp.ByQuery),
		chromedp.AttributeValue(`//a[text()="Download the template (Excel)"]`, "href", &template, nil, chromedp.BySearch))
	if r := h.getAs(t, h.signIn(t, "officer"), template); r.status != 200 || len(r.raw) == 0 {
		t.Errorf("the template at %q: %d, %d bytes", template, r.status, len(r.raw))
	}
	uploadForm(b, t, h, xlsx)
	b.run(t, chromedp.WaitVisible(`//h1[text()="Allotment survey"]`, chromedp.BySearch),
		chromedp.Text(`.draft-panel`, &draft, chromedp.ByQuery))
	if !strings.Contains(draft, "from the file allotments.xlsx") || !strings.Contains(draft, "Version 1") {
		t.Errorf("the workbook's draft: %q", draft)
	}
	var questions int
	b.run(t, chromedp.Click(`//button[text()="Preview the draft"]`, chromedp.BySearch))
	waitFor(b, t, frameReady("/officer/preview/allotment-survey?version=draft&mode=standard", `#q-hasPlot`))
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelectorAll('[data-question]').length`), &questions))
	if questions != 3 {
		t.Errorf("the workbook's preview shows %d questions, want 3", questions)
	}

	// An opening date for the draft, then published: scheduled, not listed.
	opens := time.Now().AddDate(1, 0, 0).Format("2006-01-02")
	closes := time.Now().AddDate(2, 0, 0).Format("2006-01-02")
	b.run(t, setDate("opens", opens), chromedp.Click(`//button[text()="Save dates"]`, chromedp.BySearch))
	statusNote(b, t, "The draft’s dates are saved. It opens on")
	if row := catalogEntry(t, h, "allotment-survey"); row["opens"] != opens || row["state"] != "draft" {
		t.Errorf("after saving the draft's dates: %v", row)
	}
	b.run(t, chromedp.Click(`//button[text()="Publish"]`, chromedp.BySearch))
	if note := statusNote(b, t, "Published as version 1."); !strings.Contains(note, "It opens on") {
		t.Errorf("publish notice of a scheduled form: %q", note)
	}
	var facts string
	b.run(t, chromedp.Text(`dl.facts`, &facts, chromedp.ByQuery))
	if !strings.Contains(facts, "Scheduled") || slices.Contains(publicFormIDs(t, h), "allotment-survey") {
		t.Errorf("a scheduled form: facts %q, listed %q", facts, publicFormIDs(t, h))
	}

	// Closed before it opened, then reopened until a date: listed.
	b.run(t, chromedp.Click(`//button[text()="Close now"]`, chromedp.BySearch), chromedp.Click(`//button[text()="Yes, close it now"]`, chromedp.BySearch))
	statusNote(b, t, "“Allotment survey” is closed")
	b.run(t, setDate("reopen-closes", closes), chromedp.Click(`//button[text()="Reopen"]`, chromedp.BySearch))
	if note := statusNote(b, t, "Open again as version 3, until"); !strings.Contains(note, "Phones pick it up") {
		t.Errorf("reopen notice: %q", note)
	}
	if row := catalogEntry(t, h, "allotment-survey"); row["state"] != "open" || row["closes"] != closes {
		t.Errorf("after reopening: %v", row)
	}
	if !slices.Contains(publicFormIDs(t, h), "allotment-survey") {
		t.Error("the public app does not list the reopened form")
	}
	var archive int
	b.run(t, chromedp.WaitVisible(`//p[text()="Close the form before archiving it."]`, chromedp.BySearch),
		chromedp.Evaluate(`[...document.querySelectorAll('button')].filter((x) => x.textContent === 'Archive').length`, &archive))
	if archive != 0 {
		t.Error("an open form offers Archive")
	}
	var versions int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll('#versions-h ~ table tbody tr').length`, &versions))
	if versions != 3 {
		t.Errorf("%d versions listed, want 3", versions)
	}

	// A copy: a used id is refused in place; a new one makes a draft.
	var refused, kept string
	b.run(t, chromedp.SendKeys(`#copy-id`, "allotment-survey", chromedp.ByQuery), chromedp.SendKeys(`#copy-title`, "Allotment survey 2027", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Make the copy"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery), chromedp.Text(`.error-summary`, &refused, chromedp.ByQuery),
		chromedp.Value(`#copy-title`, &kept, chromedp.ByQuery))
	if !strings.Contains(refused, "used by another form") || kept != "Allotment survey 2027" {
		t.Errorf("a copy with a used id: %q; the title typed is now %q", refused, kept)
	}
	b.run(t, chromedp.SendKeys(`#copy-id`, "-2027", chromedp.ByQuery), chromedp.Click(`//button[text()="Make the copy"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="Allotment survey 2027"]`, chromedp.BySearch))
	statusNote(b, t, "Made a copy of “Allotment survey”")

	// The copy archived (a draft may be), listed apart, and brought back.
	b.run(t, chromedp.Click(`//button[text()="Archive"]`, chromedp.BySearch))
	statusNote(b, t, "“Allotment survey 2027” is archived.")
	var archived, listed string
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms"), chromedp.WaitVisible(`details.archived`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('details.archived').textContent`, &archived), chromedp.Text(`main > table`, &listed, chromedp.ByQuery))
	if !strings.Contains(archived, "Allotment survey 2027") || strings.Contains(listed, "Allotment survey 2027") {
		t.Errorf("archived list %q; forms list %q", archived, listed)
	}
	b.run(t, chromedp.Click(`details.archived summary`, chromedp.ByQuery), chromedp.Click(`//a[text()="Allotment survey 2027"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Bring back"]`, chromedp.BySearch), chromedp.Click(`//button[text()="Bring back"]`, chromedp.BySearch))
	statusNote(b, t, "“Allotment survey 2027” is back in the list of forms: not published.")

	// Its draft discarded: never published, so it goes to the archived forms.
	b.run(t, chromedp.Click(`//button[text()="Discard the draft"]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Yes, discard the draft"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="Forms"]`, chromedp.BySearch))
	statusNote(b, t, "The draft of “Allotment survey 2027” is discarded.")
	if row := catalogEntry(t, h, "allotment-survey-2027"); row != nil && row["state"] != "archived" {
		t.Errorf("after its draft was discarded: %v", row)
	}
}

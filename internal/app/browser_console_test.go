package app_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// signInOfficer signs the browser in at /officer as a new officer.
func signInOfficer(b *browser, t *testing.T, h *harness, email string) {
	t.Helper()
	signInConsole(b, t, h, email, "officer")
}

// signInConsole signs the browser in at /officer as a new user of the role.
func signInConsole(b *browser, t *testing.T, h *harness, email, role string) {
	t.Helper()
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, role, testPassword); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer"), chromedp.WaitVisible(`#email`, chromedp.ByQuery),
		chromedp.SendKeys(`#email`, email, chromedp.ByQuery), chromedp.SendKeys(`#password`, testPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
}

// An officer sees a visit flagged for safeguarding on the dashboard, opens
// it, marks it reviewed, and the flag is gone; the results of the visit
// form filtered by service, and a download that keeps the filter; a search
// of the free-text answers.
func TestBrowserConsole(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	worry := visitAnswers("svc-the-maples", "2026-03-01", "red")
	worry["safeguardingConcern"], worry["safeguardingDetails"], worry["safeguardingReported"] = true, "Someone was shouted at.", true
	postVisit(t, h, phone, worry)
	postVisit(t, h, phone, visitAnswers("svc-oakwood-lodge", "2026-03-02", "green"))
	postVisit(t, h, phone, visitAnswers("svc-the-maples", "2026-04-02", "amber"))
	if err := h.app.Intake.FlushStats(t.Context()); err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, "")
	signInOfficer(b, t, h, "console@example.org")
	var flag string
	b.run(t, chromedp.WaitVisible(`#flags`, chromedp.ByQuery), chromedp.Text(`#flags`, &flag, chromedp.ByQuery))
	if !strings.Contains(flag, "1 visit with a safeguarding concern") {
		t.Fatalf("flag heading = %q", flag)
	}
	var shown string
	b.run(t, chromedp.Click(`//a[contains(., "The Maples, visited")]`, chromedp.BySearch),
		chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Text(`main`, &shown, chromedp.ByQuery))
	if !strings.Contains(shown, "Someone was shouted at.") || !strings.Contains(shown, "Is the service safe?") {
		t.Errorf("the response page lacks its answers: %.500s", shown)
	}
	b.run(t, pick(`#rstatus`, "reviewed"), chromedp.SendKeys(`#rnote`, "Raised with the manager.", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Save the review"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "Saved: Reviewed.")]`, chromedp.BySearch),
		chromedp.Navigate(h.url+"/officer#/"), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
	var flags int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll('#flags').length`, &flags))
	if flags != 0 {
		t.Error("the safeguarding flag is still shown after review")
	}
	// The review shows in the next export, and filters it.
	reviewed := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?status=reviewed", "Visits")
	if len(reviewed) != 2 || !strings.Contains(strings.Join(reviewed[1], "|"), "|reviewed|Raised with the manager.") {
		t.Errorf("export after the review: %q", reviewed)
	}

	// Results for one service: 2 visits; the download keeps the filter.
	var summary, href string
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/results"), chromedp.WaitVisible(`#service`, chromedp.ByQuery),
		pick(`#service`, "svc-the-maples"), chromedp.Click(`//button[text()="Show"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//strong[text()="2 responses"]`, chromedp.BySearch),
		chromedp.AttributeValue(`a[href^="/api/v1/forms/quality-checker-visit/export.xlsx?layout=visits"]`, "href", &href, nil, chromedp.ByQuery),
		chromedp.Text(`//h2[text()="What colour does your team give for safe?"]/following-sibling::div//table`, &summary, chromedp.BySearch))
	if !strings.Contains(href, "service=svc-the-maples") {
		t.Errorf("download link %q lost the filter", href)
	}
	if !strings.Contains(summary, "Red - big worries\t1\t50.0%") || !strings.Contains(summary, "Amber - some things to fix\t1\t50.0%") {
		t.Errorf("safe rating table: %q", summary)
	}
	x := h.getAs(t, officer, href)
	rows, _ := openWorkbook(t, x.raw).GetRows("Visits")
	if len(rows) != 3 {
		t.Errorf("the filtered download has %d visits, want 2", len(rows)-1)
	}

	// The free-text search finds the visit by its words, and shows its status.
	var list string
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/responses?q=shouted"),
		chromedp.WaitVisible(`//h1[starts-with(text(), "Responses:")]`, chromedp.BySearch),
		chromedp.Text(`//caption[starts-with(., "Responses to")]/../tbody`, &list, chromedp.BySearch))
	if !strings.Contains(list, "Reviewed") || !strings.Contains(list, "Someone was shouted at.") || strings.Count(list, "CH-") != 1 {
		t.Errorf("search results: %q", list)
	}
}

// An officer uploads a services register with one bad row: the preview
// lists the problem and nothing is saved; the corrected file shows what
// will change and is saved. Then a service's page shows its visits with
// their ratings, and a visit report for the provider.
func TestBrowserServicesRegister(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	dir := t.TempDir()
	bad := filepath.Join(dir, "register.csv")
	good := filepath.Join(dir, "register-fixed.csv")
	if err := os.WriteFile(bad, []byte("id,name,type,provider\nsvc-ash-house,Ash House,Care home,Ash Care Ltd\nBAD ID,Nowhere,,\nsvc-the-maples,The Maples,Supported living,Maple Trust\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(good, []byte("id,name,type,provider\nsvc-ash-house,Ash House,Care home,Ash Care Ltd\nsvc-the-maples,The Maples,Supported living,Maple Trust\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "register@example.org")
	var preview string
	b.run(t, chromedp.Navigate(h.url+"/officer#/services"), chromedp.WaitVisible(`#upload`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#upload`, []string{bad}, chromedp.ByQuery),
		chromedp.Click(`//button[text()="Check the file"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#preview`, chromedp.ByQuery), chromedp.Text(`main`, &preview, chromedp.ByQuery))
	if !strings.Contains(preview, `Row 3: the id "BAD ID" must be`) || strings.Contains(preview, "Save these changes") {
		t.Fatalf("preview of the bad file: %.600s", preview)
	}
	if s := h.get(t, "/api/v1/services"); strings.Contains(string(s.raw), "Ash House") {
		t.Fatal("something was saved from a file with a bad row")
	}
	b.run(t, chromedp.SetUploadFiles(`#upload`, []string{good}, chromedp.ByQuery),
		chromedp.Click(`//button[text()="Check the file"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h2[text()="What register-fixed.csv would change"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Save these changes"]`, chromedp.BySearch), chromedp.Text(`section[aria-labelledby=preview]`, &preview, chromedp.ByQuery))
	if !strings.Contains(preview, "1 to add, 0 to change, 1 the same") && !strings.Contains(preview, "1 to add, 1 to change") {
		t.Errorf("preview of the good file: %q", preview)
	}
	b.run(t, chromedp.Click(`//button[text()="Save these changes"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "Saved: 1 added")]`, chromedp.BySearch))
	if s := h.get(t, "/api/v1/services"); !strings.Contains(string(s.raw), `"name":"Ash House"`) || !strings.Contains(string(s.raw), `"provider":"Maple Trust"`) {
		t.Errorf("register after saving: %s", s.raw)
	}

	// A service's page: its visits, newest first, with coloured ratings and words.
	phone, _ := h.volunteer(t, officer, "Sam")
	postVisit(t, h, phone, visitAnswers("svc-ash-house", "2026-02-01", "red"))
	postVisit(t, h, phone, visitAnswers("svc-ash-house", "2026-05-01", "green"))
	var page string
	b.run(t, chromedp.Navigate(h.url+"/officer#/services/svc-ash-house"), chromedp.WaitVisible(`//h2[text()="2 Quality Checker visits"]`, chromedp.BySearch),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	first, second := strings.Index(page, "Visit on 1 May 2026"), strings.Index(page, "Visit on 1 Feb 2026")
	if first < 0 || second < first || !strings.Contains(page, "Is the service safe? Green - good") || !strings.Contains(page, "Trend over visits") {
		t.Errorf("service page: %.800s", page)
	}
	var report string
	b.run(t, chromedp.Click(`//a[text()="report for the provider"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Print this report"]`, chromedp.BySearch), chromedp.Text(`main`, &report, chromedp.ByQuery))
	if !strings.Contains(report, "Quality Checker visit report: Ash House") || strings.Contains(report, "safety") {
		t.Errorf("provider report: %.600s", report)
	}
}

package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"chorus/internal/chorus"
)

// worryVisit is a visit that reports a safeguarding concern.
func worryVisit(service, date string, phoned bool) map[string]any {
	a := visitAnswers(service, date, "red")
	a["safeguardingConcern"], a["safeguardingDetails"], a["safeguardingReported"] = true, "Someone was shouted at on "+date+".", phoned
	return a
}

// Safeguarding first: flags newest first, each with its service, visit
// date, whether the volunteer phoned and how long it has waited; the
// concern at the top of the response page, above the review; a flag that
// needs follow-up stays, one reviewed or closed goes; officers see the
// Quality Checker's display name as "Sent by", in the console and the
// download, and "former Quality Checker" once they are removed.
func TestBrowserConsoleSafeguarding(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	_, samID := h.volunteer(t, officer, "Sam")
	robin, robinID := h.volunteer(t, officer, "Robin")
	// Sam's visit arrived three days ago (written as intake would have).
	old := &chorus.Response{ID: newID(), FormID: "quality-checker-visit", FormVersion: "3", Answers: worryVisit("svc-the-maples", "2026-03-01", true),
		ReceivedAt: time.Now().Add(-74 * time.Hour).UTC().Truncate(time.Millisecond), Receipt: chorus.NewReceipt(), Fingerprint: "x", SentBy: "volunteer:" + samID}
	ctx := t.Context()
	if _, err := h.app.Store.InsertResponse(ctx, old); err != nil {
		t.Fatal(err)
	}
	yes := true
	if err := h.app.Store.Flag(ctx, chorus.Flag{ResponseID: old.ID, FormID: old.FormID, Service: "svc-the-maples", VisitDate: "2026-03-01",
		ReceivedAt: old.ReceivedAt, Receipt: old.Receipt, Phoned: &yes, Open: true}); err != nil {
		t.Fatal(err)
	}
	// Robin's, today, through the API: not phoned yet.
	postVisit(t, h, robin, worryVisit("svc-oakwood-lodge", "2026-03-20", false))
	postVisit(t, h, robin, visitAnswers("svc-oakwood-lodge", "2026-03-21", "green"))

	b := newBrowser(t, "")
	signInOfficer(b, t, h, "flags@example.org")
	var items []string
	b.run(t, chromedp.WaitVisible(`#flags`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.flag-list li')].map(li => li.textContent)`, &items))
	if len(items) != 2 || !strings.HasPrefix(items[0], "Oakwood Lodge, visited 20 Mar 2026") || !strings.HasPrefix(items[1], "The Maples, visited 1 Mar 2026") {
		t.Fatalf("flags, newest first: %q", items)
	}
	if !strings.Contains(items[0], "Waiting less than an hour") || !strings.Contains(items[0], "Phoned the safeguarding team: not yet") ||
		!strings.Contains(items[1], "Waiting 3 days") || !strings.Contains(items[1], "Phoned the safeguarding team: yes") {
		t.Errorf("flags say: %q", items)
	}
	axeNoViolations(b, t, "dashboard with flags")

	// The response: the concern above the review form; sent by Robin.
	var above bool
	var page string
	b.run(t, chromedp.Click(`//a[starts-with(., "Oakwood Lodge, visited")]`, chromedp.BySearch), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('section.concern').getBoundingClientRect().bottom <= document.querySelector('#rstatus').getBoundingClientRect().top &&
			!!(document.querySelector('section.concern').compareDocumentPosition(document.querySelector('#rstatus')) & Node.DOCUMENT_POSITION_FOLLOWING)`, &above),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	if !above {
		t.Error("the safeguarding concern is not above the review form")
	}
	if !strings.Contains(page, "sent by Robin") || strings.Contains(page, robinID) || strings.Count(page, "Someone was shouted at on 2026-03-20.") != 1 {
		t.Errorf("response page: %.600s", page)
	}
	var concern string
	b.run(t, chromedp.Text(`section.concern`, &concern, chromedp.ByQuery))
	if !strings.Contains(concern, "Someone was shouted at on 2026-03-20.") || !strings.Contains(concern, "Have you phoned the safeguarding team?\nNo") {
		t.Errorf("concern: %q", concern)
	}
	axeNoViolations(b, t, "response page with a concern")

	review := func(status, saved string) {
		t.Helper()
		b.run(t, pick(`#rstatus`, status), chromedp.Click(`//button[text()="Save the review"]`, chromedp.BySearch),
			chromedp.WaitVisible(fmt.Sprintf(`//p[contains(., "Saved: %s.")]`, saved), chromedp.BySearch))
	}
	flagsShown := func() int {
		t.Helper()
		var n int
		b.run(t, chromedp.Navigate(h.url+"/officer#/"), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch),
			chromedp.Evaluate(`document.querySelectorAll('.flag-list li').length`, &n))
		return n
	}
	review("follow-up", "Needs follow-up")
	if n := flagsShown(); n != 2 {
		t.Errorf("%d flags after 'needs follow-up', want 2: it stays until reviewed or closed", n)
	}
	b.run(t, chromedp.Click(`//a[starts-with(., "Oakwood Lodge, visited")]`, chromedp.BySearch), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery))
	review("closed", "Closed")
	if n := flagsShown(); n != 1 {
		t.Errorf("%d flags after closing one, want 1", n)
	}
	b.run(t, chromedp.Click(`//a[starts-with(., "The Maples, visited")]`, chromedp.BySearch), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	if !strings.Contains(page, "sent by Sam") {
		t.Errorf("Sam's visit: %.300s", page)
	}
	review("reviewed", "Reviewed")
	var sections int
	b.run(t, chromedp.Navigate(h.url+"/officer#/"), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('#flags').length`, &sections))
	if sections != 0 {
		t.Error("flags are still listed once every visit is reviewed or closed")
	}

	// Robin leaves: their visits stay, sent by "former Quality Checker".
	if r := h.as(t, officer, "DELETE", "/api/v1/volunteers/"+robinID, "", nil); r.status != 204 {
		t.Fatalf("remove: %d %s", r.status, r.raw)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/responses"), chromedp.WaitVisible(`//a[starts-with(., "CH-")]`, chromedp.BySearch),
		chromedp.Click(`//tr[contains(., "Oakwood Lodge")][1]//a`, chromedp.BySearch), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	if !strings.Contains(page, "sent by former Quality Checker") || strings.Contains(page, "Robin") {
		t.Errorf("a removed volunteer's visit: %.300s", page)
	}
	rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx", "Visits")
	sentBy := -1
	for i, c := range rows[0] {
		if c == "Sent by" {
			sentBy = i
		}
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[0]+": "+r[sentBy])
	}
	if want := "The Maples: Sam|Oakwood Lodge: former Quality Checker|Oakwood Lodge: former Quality Checker"; strings.Join(got, "|") != want {
		t.Errorf("Sent by in the download: %q, want %q", got, want)
	}
}

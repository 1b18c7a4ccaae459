package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"chorus/internal/chorus"
)

// The console's results of a consultation: a heading per question (per
// statement of a grid) titled as in downloads; a question behind a
// condition says whom it was asked of and its bases; a ranking its mean
// ranks; and the page has no serious accessibility problem.
func TestBrowserConsultationResults(t *testing.T) {
	h := start(t, "testdata/forms-consult", "")
	for i := range consultPeople {
		if r := h.postJSON(t, "/api/v1/forms/"+consultForm+"/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": consultAnswers(i)}); r.status != 201 {
			t.Fatalf("person %d: %d %s", i, r.status, r.raw)
		}
	}
	b := newBrowser(t, "")
	email := "results@example.org"
	if _, err := h.app.Auth.AddUser(context.Background(), chorus.Actor{Role: chorus.RoleAdmin}, email, chorus.RoleOfficer, testPassword); err != nil {
		t.Fatal(err)
	}
	var headings []string
	var amount, ranking string
	b.run(t, chromedp.Navigate(h.url+"/officer"), chromedp.WaitVisible(`#email`, chromedp.ByQuery),
		chromedp.SendKeys(`#email`, email, chromedp.ByQuery), chromedp.SendKeys(`#password`, testPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/"+consultForm+"/results"),
		chromedp.WaitVisible(`//h1[starts-with(., "Results")]`, chromedp.BySearch))
	b.run(t, chromedp.WaitVisible(`//h2[text()="Q11 Put these in order of importance to you"]`, chromedp.BySearch),
		chromedp.Evaluate(`[...document.querySelectorAll('main h2')].map((e) => e.textContent)`, &headings),
		chromedp.Text(`//h2[text()="Q5 How much do you pay each week?"]/parent::section`, &amount, chromedp.BySearch),
		chromedp.Text(`//h2[text()="Q11 Put these in order of importance to you"]/parent::section//table`, &ranking, chromedp.BySearch))
	want := consultExpected()
	if len(headings) != len(want) {
		t.Errorf("%d headings, want %d: %q", len(headings), len(want), headings)
	}
	for _, hd := range headings {
		if want[hd] == nil {
			t.Errorf("heading %q is not a block's title", hd)
		}
	}
	w := want["Q5 How much do you pay each week?"]
	for _, s := range []string{"Asked of people who answered ‘Yes’ to ‘Q4 Do you pay a contribution towards your care?’.",
		fmt.Sprintf("Asked: %d of %d responses; answered: %d", w.asked, consultPeople, w.answered), "Share of those who answered"} {
		if !strings.Contains(amount, s) {
			t.Errorf("the amount's section lacks %q:\n%s", s, amount)
		}
	}
	if !strings.Contains(ranking, "Mean rank (1 = first)") || !strings.Contains(ranking, "Put first") {
		t.Errorf("ranking table: %q", ranking)
	}
	axeScan(b, t, "consultation results")
}

package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An officer opens one consultation response: a grid reads as each
// statement with its answer, a ranking as a numbered list, and the text
// typed for "Other (please specify)" beside the option.
func TestBrowserConsoleResponseOfAConsultation(t *testing.T) {
	h := start(t, "testdata/forms-consult", "")
	r := h.postJSON(t, "/api/v1/forms/charging/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{
		"respondingAs": "other", "respondingAs:other": "A neighbour who helps", "pays": true,
		"billViews":  map[string]any{"clear": "agree"},
		"aims":       map[string]any{"fairness": "high", "simplicity": "low", "choice": "some"},
		"priorities": []any{"speed", "cost", "choice"},
	}})
	if r.status != 201 {
		t.Fatalf("response: %d %s", r.status, r.raw)
	}
	id := r.body["id"].(string)
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "reader@example.org")
	var page string
	b.run(t, chromedp.Navigate(h.url+"/officer#/responses/"+id), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	for _, want := range []string{
		"Other (please specify) (they wrote: “A neighbour who helps”)",
		"My bill is easy to understand: Agree", "What I pay is fair: no answer",
		"Charges are simple: Not important",
		"How soon care starts\nWhat it costs\nChoice of carer",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the response page lacks %q:\n%s", want, page)
		}
	}
	var ordered int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll('main dd ol li').length`, &ordered))
	if ordered != 3 {
		t.Errorf("the ranking is %d numbered items, want 3", ordered)
	}
	axeScan(b, t, "a consultation response")
}

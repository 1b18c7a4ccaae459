package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The officers' preview draws the consultation with the app's own code:
// numbers, guidance, grids, a ranking, Other's box and the word counter,
// in standard and easy read; Send checks the answers and nothing is stored.
func TestBrowserNewTypesPreview(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "preview@example.org")
	click := func(sel string) chromedp.Action { return chromedp.Click(sel, chromedp.ByQuery) }
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/officer/preview/newtypes?version=current&mode=standard"),
		chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery))
	var drawn struct {
		Label, Guidance      string
		Grids, Rankings, Max int
	}
	b.run(t, chromedp.Evaluate(`({ label: document.querySelector('[data-question=respondingAs] legend').textContent,
		guidance: document.querySelector('[data-question=intro] h3')?.textContent, grids: document.querySelectorAll('.grid').length,
		rankings: document.querySelectorAll('.ranking-list').length, max: document.querySelectorAll('.word-count').length })`, &drawn))
	if drawn.Label != "Q1 Are you responding as" || drawn.Guidance != "Before you start" || drawn.Grids != 2 || drawn.Rankings != 1 || drawn.Max != 1 {
		t.Errorf("the preview draws %+v", drawn)
	}
	b.run(t, click(`label[for="q-respondingAs-3"]`), chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-respondingAs-other`, "Trying it", chromedp.ByQuery),
		click(`label[for="q-aims"]`), click(`label[for="q-aims-simplicity-1"]`), click(`label[for="q-aims-control-2"]`),
		click(`[data-move=down][data-value=cost]`), chromedp.SendKeys(`#q-why`, "one two three", chromedp.ByQuery))
	waitText(b, t, `#why-count`, "7 words left")
	axeNoViolations(b, t, "preview, standard")
	b.run(t, click(`button[type=submit]`), chromedp.WaitVisible(`//h1[text()="Your answers passed the checks"]`, chromedp.BySearch))

	b.run(t, chromedp.Navigate(h.url+"/officer/preview/newtypes?version=current&mode=easy"),
		chromedp.WaitVisible(`//button[text()="Start"]`, chromedp.BySearch), chromedp.Click(`//button[text()="Start"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-question=intro]`, chromedp.ByQuery))
	if got := textIn(b, t, `main`); !strings.Contains(got, "Read this") || !strings.Contains(got, "We want to change what people pay for care.") {
		t.Errorf("the easy-read preview's guidance screen: %q", got)
	}
	axeNoViolations(b, t, "preview, easy read, guidance")
	if n := h.count(t, "newtypes"); n != 0 {
		t.Errorf("%d responses stored from the preview", n)
	}
}

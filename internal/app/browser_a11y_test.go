package app_test

import (
	"chorus/internal/chorus"
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// axeViolation is one rule axe-core finds broken on a page.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target []any `json:"target"`
	} `json:"nodes"`
}

// axeViolations runs axe-core (a test-only npm dependency) on the current
// page. ok is false when axe-core is not installed (a failure in CI).
func axeViolations(b *browser, t *testing.T) (violations []axeViolation, ok bool) {
	t.Helper()
	src, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("axe-core is needed: run npm ci")
		}
		return nil, false
	}
	await := func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }
	b.run(t,
		chromedp.Evaluate(string(src), nil),
		chromedp.Evaluate(`axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)`, &violations, await),
	)
	return violations, true
}

// axeScan runs axe-core on the current page and fails on serious or
// critical violations.
func axeScan(b *browser, t *testing.T, page string) {
	t.Helper()
	violations, ok := axeViolations(b, t)
	if !ok {
		t.Skip("axe-core is not installed (npm ci): accessibility scan not run")
	}
	var bad []string
	for _, v := range violations {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, fmt.Sprintf("%s (%s): %s at %v", v.ID, v.Impact, v.Help, v.Nodes))
		}
	}
	if len(bad) > 0 {
		t.Errorf("%s: %d serious or critical accessibility problems:\n%s", page, len(bad), strings.Join(bad, "\n"))
	}
	t.Logf("%s: %d violations, none serious or critical", page, len(violations))
}

// axeNoViolations runs axe-core on the current page and fails on any
// violation, whatever its impact.
func axeNoViolations(b *browser, t *testing.T, page string) {
	t.Helper()
	violations, ok := axeViolations(b, t)
	if !ok {
		t.Log("axe-core is not installed (npm ci): accessibility scan of " + page + " not run")
		return
	}
	for _, v := range violations {
		t.Errorf("%s: %s (%s): %s at %v", page, v.ID, v.Impact, v.Help, v.Nodes)
	}
}

func TestBrowserAccessibility(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	b.run(t, chromedp.Navigate(h.url+"/#/signin"), chromedp.WaitVisible(`#code`, chromedp.ByQuery))
	axeScanLater := func() { axeScan(b, t, "phone sign-in") }
	signInPhone(b, t, h, h.url)
	b.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery))
	// The scan must be able to fail: an input with no label is critical.
	b.run(t, chromedp.Evaluate(`document.querySelector('main').append(Object.assign(document.createElement('input'), {id: 'unlabelled'}))`, nil))
	var found int
	src, _ := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if src != nil {
		b.run(t, chromedp.Evaluate(string(src), nil), chromedp.Evaluate(`axe.run(document).then(r => r.violations.filter(v => v.id === 'label').length)`, &found,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
		if found != 1 {
			t.Fatalf("axe did not report an unlabelled input (found %d)", found)
		}
	}
	b.run(t, chromedp.Evaluate(`document.getElementById('unlabelled').remove()`, nil))
	axeScan(b, t, "form list")
	b.run(t, chromedp.Navigate(h.url+"/#/signin"), chromedp.WaitVisible(`#code`, chromedp.ByQuery))
	axeScanLater()

	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-safeguardingConcern"]`, chromedp.ByQuery))
	axeScan(b, t, "visit form")

	b.run(t, chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	axeScan(b, t, "visit form with errors")

	b.run(t, chromedp.Click(`button[aria-pressed]`, chromedp.ByQuery), chromedp.WaitVisible(`.progress`, chromedp.ByQuery))
	axeScan(b, t, "easy read")

	b.run(t, chromedp.Navigate(h.url+"/#/start/coproduction-consultation"), chromedp.WaitVisible(`.progress`, chromedp.ByQuery),
		chromedp.Click(`button[aria-pressed]`, chromedp.ByQuery), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery))
	axeScan(b, t, "consultation form")

	// The officers' page: signing in, then the forms with their downloads.
	email := "a11y@example.org"
	if _, err := h.app.Auth.AddUser(context.Background(), chorus.Actor{Role: chorus.RoleAdmin}, email, chorus.RoleOfficer, testPassword); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer"), chromedp.WaitVisible(`#email`, chromedp.ByQuery))
	axeScan(b, t, "officer sign-in")
	b.run(t, chromedp.SendKeys(`#email`, email, chromedp.ByQuery), chromedp.SendKeys(`#password`, testPassword, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
	axeScan(b, t, "officer dashboard")
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/coproduction-consultation/results"),
		chromedp.WaitVisible(`a[href^="/api/v1/forms/coproduction-consultation/export.xlsx"]`, chromedp.ByQuery))
	axeScan(b, t, "officer results")
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/responses"), chromedp.WaitVisible(`#q`, chromedp.ByQuery))
	axeScan(b, t, "officer responses")
	b.run(t, chromedp.Navigate(h.url+"/officer#/volunteers"), chromedp.WaitVisible(`#vname`, chromedp.ByQuery))
	axeScan(b, t, "officer volunteers")
	b.run(t, chromedp.Navigate(h.url+"/officer#/services"), chromedp.WaitVisible(`#upload`, chromedp.ByQuery))
	axeScan(b, t, "officer services")
	b.run(t, chromedp.Navigate(h.url+"/officer#/services/svc-the-maples"), chromedp.WaitVisible(`//h1[text()="The Maples"]`, chromedp.BySearch))
	axeScan(b, t, "service page")

	sendWithStoreDown(h, b, t)
	axeScan(b, t, "saved confirmation")
	b.run(t, chromedp.Navigate(h.url+"/#/outbox"), chromedp.WaitVisible(`//h1[text()="Waiting to send"]`, chromedp.BySearch),
		chromedp.WaitVisible(`li .card-title`, chromedp.ByQuery))
	axeScan(b, t, "outbox")
}

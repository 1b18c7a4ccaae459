package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkWeakSignal prints the time to show each screen of the app that
// a person opened before (the forms list, a form, their draft) behind a
// connection that answers nothing, as a ratio of the same screen with the
// server stopped (connections refused at once), measured in turns in the
// same run, in headless Chromium. Target: at most 1.5 for every screen.
//
// Run: go test -run '^$' -bench WeakSignal -benchtime 1x ./internal/app
func BenchmarkWeakSignal(b *testing.B) {
	h := start(b, "", "")
	p := newWeakSignal(b, h.url)
	br := newBrowserB(b)
	run := func(actions ...chromedp.Action) {
		b.Helper()
		if err := chromedp.Run(br.ctx, actions...); err != nil {
			b.Fatal(err)
		}
	}
	base := p.url()
	run(chromedp.Navigate(base+"/"),
		workerInControl(),
		chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-barriers`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-barriers`, "The bus", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond))
	var draftURL string
	run(chromedp.Location(&draftURL))
	if !strings.Contains(draftURL, "#/fill/") {
		b.Fatalf("no draft to resume: %s", draftURL)
	}
	screens := []struct{ name, metric, url, sel string }{
		{"forms list", "list", base + "/#/", `a[href="#/start/coproduction-consultation"]`},
		{"a form's question page, from the draft", "draft", draftURL, `#q-barriers`},
		{"sent responses", "sent", base + "/#/sent", `//h1[text()="Sent"]`},
	}
	shown := func(url, sel string) float64 {
		var ms float64
		run(chromedp.Navigate("about:blank"), chromedp.Navigate(url), chromedp.WaitVisible(sel, chromedp.BySearch),
			chromedp.Evaluate(`performance.now()`, &ms))
		return ms
	}
	const rounds = 5
	silent := make([]float64, len(screens))
	stopped := make([]float64, len(screens))
	for range rounds {
		for i, s := range screens {
			p.goSilent(true)
			silent[i] += shown(s.url, s.sel)
			p.goSilent(false)
			p.goRefusing(true)
			stopped[i] += shown(s.url, s.sel)
			p.goRefusing(false)
		}
	}
	fmt.Printf("%-40s %12s %12s %8s\n", "screen", "silent ms", "stopped ms", "ratio")
	for i, s := range screens {
		a, z := silent[i]/rounds, stopped[i]/rounds
		fmt.Printf("%-40s %12.1f %12.1f %8.2f\n", s.name, a, z, a/z)
		b.ReportMetric(a/z, "ratio-"+s.metric)
	}
	fmt.Println("target: every ratio at most 1.5")
}

package app_test

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"chorus/pwa"
)

// loads matches what a page or module loads: a stylesheet, script or
// preloaded file (the app's English words) in HTML, an import in JavaScript.
var loads = regexp.MustCompile(`(?:href|src)="(/[^"]+\.(?:css|js|json))"|(?:import|from)\s*['"](\./[^'"]+\.js)['"]`)

// firstLoadFiles lists, in pwa, the files that file (a page or a module)
// loads, and theirs in turn, as the server's paths: what a browser fetches
// when it first opens the page.
func firstLoadFiles(tb testing.TB, file string) []string {
	seen := map[string]bool{}
	var out []string
	var walk func(name string)
	walk = func(name string) {
		body, err := fs.ReadFile(pwa.FS, name)
		if err != nil {
			tb.Fatal(err)
		}
		for _, m := range loads.FindAllStringSubmatch(string(body), -1) {
			next := strings.TrimPrefix(m[1], "/")
			if m[2] != "" {
				next = path.Join(path.Dir(name), m[2])
			}
			if !seen[next] {
				seen[next] = true
				out = append(out, "/"+next)
				if strings.HasSuffix(next, ".js") {
					walk(next)
				}
			}
		}
	}
	walk(file)
	return out
}

// BenchmarkAppBudget prints the web app's first-load transfer size (HTML,
// JS and CSS, as served gzip-compressed; target at most 60 KB) and the time
// to show a cached form with the server stopped, in headless Chromium
// (target at most 300 ms), against the time to show the app's lightest
// screen from the same cache in the same run.
//
// Run: go test -run '^$' -bench AppBudget -benchtime 1x ./internal/app
func BenchmarkAppBudget(b *testing.B) {
	h := start(b, "", "")
	h.app.Intake.SetClock(func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) })
	firstLoad := append([]string{"/"}, firstLoadFiles(b, "index.html")...)
	tr := &http.Transport{DisableCompression: true}
	total := 0
	for _, p := range firstLoad {
		req, _ := http.NewRequest("GET", h.url+p, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := tr.RoundTrip(req)
		if err != nil {
			b.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" {
			b.Fatalf("%s: %d, encoding %q", p, resp.StatusCode, resp.Header.Get("Content-Encoding"))
		}
		total += len(body)
	}
	fmt.Printf("%-52s %8.1f KB\n", fmt.Sprintf("first load, %d files of HTML + JS + CSS, gzip (target <= 60)", len(firstLoad)), float64(total)/1024)
	b.ReportMetric(float64(total)/1024, "KB-first-load")

	br := newBrowserB(b)
	run := func(actions ...chromedp.Action) {
		b.Helper()
		for i, a := range actions {
			if err := chromedp.Run(br.ctx, a); err != nil {
				b.Fatalf("step %d: %v", i, err)
			}
		}
	}
	run(chromedp.Navigate(h.url+"/"),
		workerInControl(),
		chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery))
	var draftURL string
	run(chromedp.Location(&draftURL))
	h.stop()

	shown := func(url, sel string) float64 {
		var ms float64
		run(chromedp.Navigate("about:blank"), chromedp.Navigate(url), chromedp.WaitVisible(sel, chromedp.BySearch),
			chromedp.Evaluate(`performance.now()`, &ms))
		return ms
	}
	const rounds = 5
	var form, shell float64
	for range rounds {
		shell += shown(strings.Split(draftURL, "#")[0]+"#/sent", `//h1[text()="Sent"]`)
		form += shown(draftURL, `#q-connection`)
	}
	form /= rounds
	shell /= rounds
	fmt.Printf("%-52s %8.1f ms\n", "cached form shown, server stopped (target <= 300)", form)
	fmt.Printf("%-52s %8.1f ms\n", "baseline: lightest screen from the same cache", shell)
	fmt.Printf("%-52s %8.2f\n", "form / baseline", form/shell)
	b.ReportMetric(form, "ms-offline-form")
	b.ReportMetric(form/shell, "form/shell")
}

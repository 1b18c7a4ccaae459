package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// With no signal, a consultation opened once before is filled (Other's
// box, a grid, a ranking kept as it is, a word-limited answer) from the
// device's copy of the app and the form, waits in the outbox, and is sent
// as entered once the server is back.
func TestBrowserNewTypesOffline(t *testing.T) {
	data := t.TempDir()
	h := start(t, newTypesDir, data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	click := func(sel string) chromedp.Action { return chromedp.Click(sel, chromedp.ByQuery) }
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/"),
		workerInControl(),
		chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/newtypes"]`, chromedp.ByQuery))
	h.stop()

	b.run(t, chromedp.Reload(), chromedp.WaitVisible(`a[href="#/start/newtypes"]`, chromedp.ByQuery),
		chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		click(`label[for="q-respondingAs-3"]`), chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-respondingAs-other`, "A friend", chromedp.ByQuery),
		click(`label[for="q-aims-simplicity-2"]`), click(`label[for="q-aims"]`), click(`label[for="q-aims-control-1"]`),
		click(`[data-keep=priorities]`), chromedp.SendKeys(`#q-why`, "Written with no signal", chromedp.ByQuery),
		click(`button[type=submit]`), chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))

	h = startAt(t, addr, newTypesDir, data)
	b.run(t, chromedp.Reload(),
		chromedp.Poll(`document.querySelector('#status').textContent.includes('Nothing waiting')`, nil, chromedp.WithPollingTimeout(30*time.Second)))
	sameAnswers(t, storedAnswers(t, h), map[string]string{
		"respondingAs": `"other"`, "respondingAs:other": `"A friend"`,
		"aims":       `{"control":"some","fairness":"high","simplicity":"low"}`,
		"priorities": `["cost","choice","speed"]`, "why": `"Written with no signal"`,
	})
}

package app_test

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A change that lands while Send is on its way (a box ticked in the same
// moment) does not turn "Your response is safe" into "Already sent": the
// draft is the outbox's from the moment Send takes it. The database is
// down (SimulateOutage), so the response waits in the outbox and nothing
// draws the screen again.
func TestBrowserChangeDuringSend(t *testing.T) {
	h := start(t, translatedDir, "")
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/#/start/"+translatedForm), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-often"]`, chromedp.ByQuery), chromedp.Click(`label[for="q-more"]`, chromedp.ByQuery))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Evaluate(`document.querySelector('main form button[type=submit]').click(); document.querySelector('#q-likes').click();`, nil))
	waitText(b, t, `main h1`, "Your response is safe")
	b.run(t, chromedp.Sleep(time.Second))
	if s := textIn(b, t, `main h1`); s != "Your response is safe" {
		t.Errorf("after Send, the screen says %q", s)
	}
	if got := deviceRecords(b, t, "outbox"); len(got) != 1 {
		t.Errorf("the outbox holds %d, want the one response", len(got))
	}
}

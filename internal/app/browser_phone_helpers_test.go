package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Helpers for the phone app's browser tests (browser_phone_*_test.go).

// startAgainIfAsked waits for a form (easy read's first screen, or a
// question), or for the question a form opened with a draft left
// unfinished asks ("Carry on" or "Start again"), and starts again: an
// empty form.
func startAgainIfAsked() chromedp.Action {
	const form = `[data-question], .progress`
	return chromedp.ActionFunc(func(ctx context.Context) error {
		if err := chromedp.Run(ctx, chromedp.WaitVisible(`#start-again, `+form, chromedp.ByQuery)); err != nil {
			return err
		}
		var asked bool
		if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelector('#start-again') !== null`, &asked)); err != nil || !asked {
			return err
		}
		return chromedp.Run(ctx, chromedp.Click(`#start-again`, chromedp.ByQuery), chromedp.WaitVisible(form, chromedp.ByQuery))
	})
}

// awaitPromise makes an Evaluate wait for the promise its script returns.
func awaitPromise(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }

// deviceRecords reads every record of one of the app's IndexedDB stores
// (drafts, outbox, sent), as the device holds them.
func deviceRecords(b *browser, t *testing.T, store string) []map[string]any {
	t.Helper()
	var out []map[string]any
	b.run(t, chromedp.Evaluate(fmt.Sprintf(`new Promise((resolve, reject) => {
		const req = indexedDB.open('chorus');
		req.onsuccess = () => {
			const all = req.result.transaction(%q).objectStore(%q).getAll();
			all.onsuccess = () => { resolve(all.result); req.result.close(); };
			all.onerror = () => reject(all.error);
		};
		req.onerror = () => reject(req.error);
	})`, store, store), &out, awaitPromise))
	return out
}

// newCode adds a Quality Checker as an officer and returns their sign-in
// code and id.
func newCode(t *testing.T, h *harness, officer creds, name string) (code, id string) {
	t.Helper()
	r := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": name})
	if r.status != 201 {
		t.Fatalf("add volunteer: %d %s", r.status, r.raw)
	}
	return r.body["code"].(string), r.body["volunteer"].(map[string]any)["id"].(string)
}

// againCode is a new sign-in code for a Quality Checker who has one already.
func againCode(t *testing.T, h *harness, officer creds, id string) string {
	t.Helper()
	r := h.as(t, officer, "POST", "/api/v1/volunteers/"+id+"/codes", "", nil)
	if r.status != 201 {
		t.Fatalf("new code: %d %s", r.status, r.raw)
	}
	return r.body["code"].(string)
}

// noSidewaysScroll fails if the page is wider than its window.
func noSidewaysScroll(b *browser, t *testing.T, page string) {
	t.Helper()
	var got struct {
		Scroll, Client int
		Wide           []string
	}
	b.run(t, chromedp.Evaluate(`(() => {
		const d = document.documentElement;
		const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > d.clientWidth + 0.5)
			.slice(0, 5).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"');
		return {scroll: d.scrollWidth, client: d.clientWidth, wide};
	})()`, &got))
	if got.Scroll > got.Client {
		t.Errorf("%s: sideways scrolling at %d CSS px: the page is %d px wide; too wide: %s", page, got.Client, got.Scroll, strings.Join(got.Wide, ", "))
	}
}

// waitFor waits until script (a JavaScript expression) is true.
func waitFor(b *browser, t *testing.T, script string) {
	t.Helper()
	b.run(t, chromedp.Poll(script, nil, chromedp.WithPollingTimeout(30*time.Second)))
}

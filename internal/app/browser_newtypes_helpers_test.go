package app_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/chromedp"
)

// Helpers for the browser tests of the consultation question types
// (browser_newtypes_*_test.go), filled on testdata/forms-newtypes.

// newTypesDir holds the consultation that uses every new feature.
const newTypesDir = "testdata/forms-newtypes"

// tabUntil presses Tab until the focused element matches the CSS selector
// sel, as a person using a keyboard only would; it fails when 200 presses
// do not get there (the element cannot be reached by keyboard).
func tabUntil(sel string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for range 200 {
			var there bool
			if err := chromedp.Run(ctx, chromedp.Evaluate(fmt.Sprintf(`document.activeElement?.matches(%q) || false`, sel), &there)); err != nil {
				return err
			}
			if there {
				return nil
			}
			if err := chromedp.Run(ctx, chromedp.KeyEvent("\t")); err != nil {
				return err
			}
		}
		return fmt.Errorf("Tab never reached %s", sel)
	})
}

// focusedID is the id of the focused element, or its data-move and
// data-value for a ranking's button.
func focusedID(b *browser, t *testing.T) string {
	t.Helper()
	var id string
	b.run(t, chromedp.Evaluate(`(() => { const e = document.activeElement; return e.id || (e.dataset.move ? e.dataset.move + ':' + e.dataset.value : e.tagName); })()`, &id))
	return id
}

// axName is the accessible name Chromium gives the element sel: what a
// screen reader says for it.
func axName(b *browser, t *testing.T, sel string) string {
	t.Helper()
	var nodes []*cdp.Node
	var name string
	b.run(t, chromedp.Nodes(sel, &nodes, chromedp.ByQuery), chromedp.ActionFunc(func(ctx context.Context) error {
		tree, err := accessibility.GetPartialAXTree().WithBackendNodeID(nodes[0].BackendNodeID).WithFetchRelatives(false).Do(ctx)
		if err != nil {
			return err
		}
		if len(tree) > 0 && tree[0].Name != nil {
			if err := jsonUnmarshal(tree[0].Name.Value, &name); err != nil {
				return err
			}
		}
		return nil
	}))
	return name
}

// textIn is the text of the first element matching sel ("" when none).
func textIn(b *browser, t *testing.T, sel string) string {
	t.Helper()
	var s string
	b.run(t, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q)?.textContent ?? ''`, sel), &s))
	return s
}

// shownNow reports whether the element sel is on screen (drawn with a box).
func shownNow(b *browser, t *testing.T, sel string) bool {
	t.Helper()
	var ok bool
	b.run(t, chromedp.Evaluate(fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0; })()`, sel), &ok))
	return ok
}

// sectionsShown lists the titles of the sections the standard screen shows.
func sectionsShown(b *browser, t *testing.T) []string {
	t.Helper()
	var out []string
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('main form > section')].filter((s) => s.getClientRects().length > 0).map((s) => s.querySelector('h2').textContent)`, &out))
	return out
}

// waitText waits until the element sel's text is want, and fails with the
// text it had.
func waitText(b *browser, t *testing.T, sel, want string) {
	t.Helper()
	script := fmt.Sprintf(`document.querySelector(%q)?.textContent === %q`, sel, want)
	if err := chromedp.Run(b.ctx, chromedp.Poll(script, nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("%s says %q, want %q", sel, textIn(b, t, sel), want)
	}
}

// storedAnswers is the one response stored for the consultation, each
// answer as JSON.
func storedAnswers(t *testing.T, h *harness) map[string]string {
	t.Helper()
	stored := h.storedResponses(t, "newtypes")
	if len(stored) != 1 {
		t.Fatalf("%d responses stored, want 1", len(stored))
	}
	out := map[string]string{}
	for k, v := range stored[0].Answers {
		out[k] = jsonOf(v)
	}
	return out
}

// sameAnswers fails unless got holds exactly the answers in want (JSON).
func sameAnswers(t *testing.T, got, want map[string]string) {
	t.Helper()
	for k, w := range want {
		if got[k] != w {
			t.Errorf("stored %s = %s, want %s", k, got[k], w)
		}
	}
	for k, g := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("stored %s = %s, which was not to be sent", k, g)
		}
	}
}

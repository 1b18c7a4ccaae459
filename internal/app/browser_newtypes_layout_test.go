package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// columnsOf lists, for each choice list and grid statement on screen, how
// many columns its options take (distinct left edges) and how many rows.
func columnsOf(b *browser, t *testing.T) map[string][2]int {
	t.Helper()
	out := map[string][2]int{}
	b.run(t, chromedp.Evaluate(`Object.fromEntries([...document.querySelectorAll('.options')].filter((o) => o.getClientRects().length > 0).map((o) => {
		const boxes = [...o.children].filter((c) => c.classList.contains('option')).map((c) => c.getBoundingClientRect());
		const name = o.closest('[data-question]').dataset.question + (o.closest('[data-statement]') ? '.' + o.closest('[data-statement]').dataset.statement : '');
		return [name, [new Set(boxes.map((r) => Math.round(r.left))).size, new Set(boxes.map((r) => Math.round(r.top))).size]];
	}))`, &out))
	return out
}

// On a 390 px phone every choice list (the six-point scale too) and every
// grid statement reads top to bottom in one column, grids are not tables,
// and nothing scrolls sideways; at 320 px with text at 200 % neither.
func TestBrowserNewTypesPhoneLayout(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-respondingAs-3"]`, chromedp.ByQuery), chromedp.Click(`label[for="q-pays"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-question=billViews]`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "390 px, every question")
	cols := columnsOf(b, t)
	if len(cols) < 10 {
		t.Fatalf("only %d choice lists on screen: %v", len(cols), cols)
	}
	for name, c := range cols {
		if c[0] != 1 {
			t.Errorf("%s: options in %d columns on a 390 px phone", name, c[0])
		}
	}
	if cols["overall"] != [2]int{1, 6} {
		t.Errorf("the six-point scale lays out as %v (columns, rows), not one column of six", cols["overall"])
	}
	if shownNow(b, t, `.grid-table`) || !shownNow(b, t, `[data-question=aims] .grid-rows`) {
		t.Error("a grid is a table on a 390 px phone")
	}

	// At 320 px with text at 200 %: still no sideways scrolling.
	b.run(t, chromedp.EmulateViewport(320, 640), chromedp.ActionFunc(func(ctx context.Context) error {
		return page.SetFontSizes(&page.FontSizes{Standard: 32}).Do(ctx)
	}), chromedp.Reload(), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "320 px, text at 200 %")
}

// Guidance from a form is drawn as text: HTML in it is shown as typed and
// never obeyed, and a link that is not safe (javascript:, data:) is words,
// not a link; a mailto: link stays one. (The server refuses such a form;
// the app is drawn safely even so.)
func TestBrowserNewTypesGuidanceIsText(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	var got struct {
		Elements       int
		Text           string
		Links          []string
		Pwned, Heading string
	}
	b.run(t, chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		chromedp.Evaluate(`import('/js/render-guidance.js').then((m) => {
			const el = m.guidance({ id: 'hostile', type: 'guidance', label: '<img src=x onerror="window.pwned = 1">',
				body: '## <b>Bold?</b>\n<script>window.pwned = 2</script>\n\n[click](javascript:window.pwned=3) or [this](data:text/html,hi) or [write](mailto:a@example.org)' }, { level: 3, id: 'g-hostile' });
			document.querySelector('main').append(el);
			return new Promise((resolve) => setTimeout(() => resolve({ elements: el.querySelectorAll('script, img, b').length, text: el.textContent,
				links: [...el.querySelectorAll('a')].map((a) => a.getAttribute('href')), pwned: String(window.pwned), heading: el.querySelector('h4')?.textContent }), 300));
		})`, &got, awaitPromise))
	if got.Elements != 0 || got.Pwned != "undefined" {
		t.Errorf("HTML in guidance was obeyed: %d elements made, window.pwned = %s", got.Elements, got.Pwned)
	}
	for _, want := range []string{`<img src=x onerror="window.pwned = 1">`, "<script>window.pwned = 2</script>", "click (javascript:window.pwned=3)", "this (data:text/html,hi)"} {
		if !strings.Contains(got.Text, want) {
			t.Errorf("guidance does not show %q as text: %q", want, got.Text)
		}
	}
	if strings.Join(got.Links, " ") != "mailto:a@example.org" || got.Heading != "<b>Bold?</b>" {
		t.Errorf("links %q, heading %q", got.Links, got.Heading)
	}
}

// With a mouse, a ranking's option is dragged by its handle to the top;
// the order is kept and said, as a move with the buttons is.
func TestBrowserNewTypesDrag(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(1024, 900), chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		chromedp.ScrollIntoView(`[data-question=priorities]`, chromedp.ByQuery))
	var at struct{ X, Y, Top float64 }
	b.run(t, chromedp.Evaluate(`(() => { const r = document.querySelector('.ranking-item[data-value=speed] .drag-handle').getBoundingClientRect();
		return { x: r.left + r.width / 2, y: r.top + r.height / 2, top: document.querySelector('.ranking-item').getBoundingClientRect().top }; })()`, &at))
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		steps := []*input.DispatchMouseEventParams{input.DispatchMouseEvent(input.MousePressed, at.X, at.Y).WithButton(input.Left).WithButtons(1).WithClickCount(1)}
		for y := at.Y; y > at.Top; y -= 10 {
			steps = append(steps, input.DispatchMouseEvent(input.MouseMoved, at.X, y).WithButton(input.Left).WithButtons(1))
		}
		steps = append(steps, input.DispatchMouseEvent(input.MouseMoved, at.X, at.Top+2).WithButton(input.Left).WithButtons(1),
			input.DispatchMouseEvent(input.MouseReleased, at.X, at.Top+2).WithButton(input.Left).WithClickCount(1))
		for _, s := range steps {
			if err := s.Do(ctx); err != nil {
				return err
			}
		}
		return nil
	}))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 1 of 3")
	var order []string
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('.ranking-item')].map((li) => li.dataset.value)`, &order))
	if strings.Join(order, " ") != "speed cost choice" {
		t.Errorf("after the drag: %q", order)
	}
	if a := draftAnswersSoon(b, t); jsonOf(a["priorities"]) != `["speed","cost","choice"]` {
		t.Errorf("the draft holds %v", a["priorities"])
	}
}

// draftAnswersSoon is draftAnswers once the draft has been saved (200 ms after a change).
func draftAnswersSoon(b *browser, t *testing.T) map[string]any {
	t.Helper()
	waitFor(b, t, `new Promise((resolve) => { const r = indexedDB.open('chorus'); r.onsuccess = () => { const c = r.result.transaction('drafts').objectStore('drafts').count(); c.onsuccess = () => { resolve(c.result === 1); r.result.close(); }; }; })`)
	return draftAnswers(b, t)
}

package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// typeKeys types text as key presses into whatever has the focus.
func typeKeys(text string) chromedp.Action { return chromedp.KeyEvent(text) }

// A resident on a computer fills the consultation by keyboard only: Tab
// between fields, Space to choose, arrow keys within a radio group (a
// grid's row in its table), Enter on a ranking's buttons (the focus stays
// on the button pressed), on Send and on the error summary's links. On a
// wide screen a grid is a table: statements as row headers, options as
// column headers, each radio named by both. The stored response is what
// was entered.
func TestBrowserNewTypesKeyboard(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(1024, 900), chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery))

	// Other (please specify) by arrow keys; its box is next in Tab order.
	b.run(t, tabUntil(`#q-respondingAs`), typeKeys(" "),
		chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown),
		chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery), chromedp.KeyEvent("\t"))
	if got := focusedID(b, t); got != "q-respondingAs-other" {
		t.Fatalf("Tab after choosing Other went to %q, not its box", got)
	}
	b.run(t, tabUntil(`#q-heard-1`), typeKeys(" "),
		tabUntil(`#q-pays`), typeKeys(" "), chromedp.WaitVisible(`[data-question=billViews]`, chromedp.ByQuery))

	// A grid on a wide screen: a table, each radio named by its row and column.
	if !shownNow(b, t, `[data-question=billViews] .grid-table`) || shownNow(b, t, `[data-question=billViews] .grid-rows`) {
		t.Fatal("a grid is not a table on a wide screen")
	}
	var heads struct{ Rows, Cols []string }
	b.run(t, chromedp.Evaluate(`(() => { const t = document.querySelector('[data-question=aims] table');
		return { rows: [...t.querySelectorAll('tbody th[scope=row]')].map((e) => e.textContent),
			cols: [...t.querySelectorAll('thead th[scope=col]')].map((e) => e.textContent) }; })()`, &heads))
	if strings.Join(heads.Rows, "|") != "Charges are fair|Charges are simple|People keep choice and control" ||
		strings.Join(heads.Cols, "|") != "⭐Very important|✨Quite important|➖Not important" {
		t.Errorf("the grid's headers: %+v", heads)
	}
	if got := axName(b, t, `#q-aims-w-simplicity-1`); got != "Charges are simple Quite important" {
		t.Errorf("a grid's radio is named %q", got)
	}
	b.run(t, tabUntil(`#q-billViews-w-clear-0`), typeKeys(" "), chromedp.KeyEvent(kb.ArrowRight), // neither
		chromedp.KeyEvent("\t"))
	if got := focusedID(b, t); got != "q-billViews-w-fairBill-0" {
		t.Errorf("Tab from a grid's row went to %q, not the next row", got)
	}
	b.run(t, typeKeys(" "), // agree
		tabUntil(`#q-overall`), chromedp.KeyEvent(kb.ArrowDown)) // agree, the second
	axeNoViolations(b, t, "standard, wide, grids as tables")

	// The ranking: Enter on "Move … up"; the focus stays on the button.
	b.run(t, tabUntil(`[data-move=up][data-value=speed]`), chromedp.KeyEvent(kb.Enter))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 2 of 3")
	b.run(t, chromedp.KeyEvent(kb.Enter))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 1 of 3")
	if got := focusedID(b, t); got != "up:speed" {
		t.Errorf("after two moves the focus is on %q", got)
	}
	b.run(t, chromedp.KeyEvent("\t"), chromedp.KeyEvent(kb.Enter)) // Move How soon care starts down
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 2 of 3")
	b.run(t, tabUntil(`[data-move=down][data-value=choice]`), chromedp.KeyEvent(kb.Enter))
	waitText(b, t, `#q-priorities-status`, "Choice of carer is already last")

	// Words within the limit, the age, and Enter on Send: Other's text and
	// the required grid are missing, and each link of the error summary
	// takes the focus to its field (the grid's, in its table).
	b.run(t, tabUntil(`#q-why`), typeKeys("Cheaper care for all"))
	waitText(b, t, `#why-count`, "6 words left")
	b.run(t, tabUntil(`#q-age`), typeKeys(" "), tabUntil(`button[type=submit]`), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	var problems []string
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('.error-summary a')].map((a) => a.getAttribute('href') + ' ' + a.textContent)`, &problems))
	if len(problems) != 2 || !strings.Contains(problems[0], "say what it is") || !strings.HasPrefix(problems[1], "#q-aims ") {
		t.Fatalf("the error summary lists %q", problems)
	}
	b.run(t, tabUntil(`.error-summary a`), chromedp.KeyEvent(kb.Enter))
	if got := focusedID(b, t); got != "q-respondingAs-other" {
		t.Errorf("the link to Other's problem took the focus to %q", got)
	}
	b.run(t, typeKeys("Someone I care for"), chromedp.Focus(`.error-summary a[href="#q-aims"]`, chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	if got := focusedID(b, t); got != "q-aims-w-fairness-0" {
		t.Errorf("the link to the grid's problem took the focus to %q", got)
	}
	b.run(t, typeKeys(" "),
		chromedp.KeyEvent("\t"), chromedp.KeyEvent(kb.ArrowRight), // simplicity: some (the arrow moves from the first, choosing)
		chromedp.KeyEvent("\t"), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight), // control: low
		tabUntil(`button[type=submit]`), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	sameAnswers(t, storedAnswers(t, h), map[string]string{
		"respondingAs": `"other"`, "respondingAs:other": `"Someone I care for"`, "heard": `["web"]`, "pays": `true`,
		"billViews": `{"clear":"neither","fairBill":"agree"}`, "overall": `"agree"`,
		"aims":       `{"control":"low","fairness":"high","simplicity":"some"}`,
		"priorities": `["cost","speed","choice"]`, "why": `"Cheaper care for all"`, "age": `"under65"`,
	})
}

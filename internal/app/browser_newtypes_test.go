package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A resident fills the consultation on a 390 px phone with a finger (the
// mouse): question numbers, guidance as text (not an alert, no number),
// Other (please specify) on a single and a multiple choice, a section that
// appears for those who pay and goes when they say no (its answers not
// sent), a section of one hidden question not shown at all, grids, a
// ranking moved with its buttons, and a word counter; Send refuses too
// many words, then sends. The stored response is what was entered, and
// every screen passes axe with no violation at all.
func TestBrowserNewTypesMouse(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	click := func(sel string) chromedp.Action { return chromedp.Click(sel, chromedp.ByQuery) }
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery))

	// Numbers are part of the labels; guidance has none and is no alert.
	if got := axName(b, t, `[data-question=respondingAs] fieldset`); got != "Q1 Are you responding as" {
		t.Errorf("the first question is named %q", got)
	}
	if got := axName(b, t, `#q-why`); got != "Q8 Why do you say that? (optional)" {
		t.Errorf("the word-limited question is named %q", got)
	}
	var guide struct {
		Headings, Links []string
		Alert, Number   bool
	}
	b.run(t, chromedp.Evaluate(`(() => { const g = document.querySelector('[data-question=intro]');
		return { headings: [...g.querySelectorAll('h2, h3, h4, h5')].map((e) => e.tagName + ' ' + e.textContent),
			links: [...g.querySelectorAll('a')].map((a) => a.getAttribute('href') + ' ' + a.textContent + ' ' + (a.target || 'same tab')),
			alert: !!g.closest('[role=alert]') || g.getAttribute('role') === 'alert', number: g.textContent.includes('Q1') }; })()`, &guide))
	if strings.Join(guide.Headings, "|") != "H3 Before you start|H4 What we plan" || guide.Alert || guide.Number {
		t.Errorf("guidance: %+v", guide)
	}
	if strings.Join(guide.Links, "|") != "https://example.org/proposals.pdf proposals (another website) same tab|/summary summary same tab" {
		t.Errorf("guidance links: %q", guide.Links)
	}
	// Nothing answered: no one is asked about what they pay, nor their age.
	if got := strings.Join(sectionsShown(b, t), "|"); got != "About you|The proposals|What happens next" {
		t.Errorf("sections shown at first: %s", got)
	}

	// Other (please specify): a box after the option, said politely; it
	// goes when another answer is chosen and comes back with its text.
	b.run(t, click(`label[for="q-respondingAs-3"]`), chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-respondingAs-other`, "A neighbour", chromedp.ByQuery))
	waitText(b, t, `#q-respondingAs-other-status`, "You chose Other (please specify). Please say what in the box below it.")
	if got := axName(b, t, `#q-respondingAs-other`); got != "Please say what" {
		t.Errorf("the box is named %q", got)
	}
	var controls string
	b.run(t, chromedp.AttributeValue(`#q-respondingAs-3`, "aria-controls", &controls, nil, chromedp.ByQuery))
	if controls != "q-respondingAs-other-box" {
		t.Errorf("the option controls %q", controls)
	}
	b.run(t, click(`label[for="q-respondingAs"]`), chromedp.WaitNotVisible(`#q-respondingAs-other`, chromedp.ByQuery),
		click(`label[for="q-respondingAs-3"]`), chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery))
	var kept string
	b.run(t, chromedp.Value(`#q-respondingAs-other`, &kept, chromedp.ByQuery))
	if kept != "A neighbour" {
		t.Errorf("the box came back with %q", kept)
	}
	// On a multiple choice: ticked, typed, unticked (its text is not sent).
	b.run(t, click(`label[for="q-heard-2"]`), chromedp.WaitVisible(`#q-heard-other`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-heard-other`, "Radio", chromedp.ByQuery),
		click(`label[for="q-heard-2"]`), chromedp.WaitNotVisible(`#q-heard-other`, chromedp.ByQuery),
		click(`label[for="q-heard-1"]`))

	// Paying brings "Your contribution" (a grid); no takes it away again.
	b.run(t, click(`label[for="q-pays"]`), chromedp.WaitVisible(`[data-question=billViews]`, chromedp.ByQuery),
		click(`label[for="q-billViews"]`), click(`label[for="q-billViews-fairBill-2"]`))
	if got := strings.Join(sectionsShown(b, t), "|"); got != "About you|Your contribution|The proposals|About you (optional)|What happens next" {
		t.Errorf("sections shown for someone who pays: %s", got)
	}
	if shownNow(b, t, `.grid-table`) {
		t.Error("a grid is a table on a 390 px phone")
	}
	axeNoViolations(b, t, "standard, phone, Other's box and a grid shown")
	b.run(t, click(`label[for="q-pays-1"]`), chromedp.WaitNotVisible(`[data-question=billViews]`, chromedp.ByQuery))
	if got := strings.Join(sectionsShown(b, t), "|"); got != "About you|The proposals|About you (optional)|What happens next" {
		t.Errorf("sections shown for someone who does not pay: %s", got)
	}

	// A six-point scale, a grid, a ranking moved with its buttons.
	b.run(t, click(`label[for="q-overall-1"]`),
		click(`label[for="q-aims"]`), click(`label[for="q-aims-simplicity-1"]`), click(`label[for="q-aims-control-2"]`),
		click(`[data-move=up][data-value=speed]`))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 2 of 3")
	b.run(t, click(`[data-move=up][data-value=speed]`))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is now 1 of 3")
	b.run(t, click(`[data-move=up][data-value=speed]`))
	waitText(b, t, `#q-priorities-status`, "How soon care starts is already first")
	var places []string
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('.ranking-item')].map((li) => li.querySelector('.rank').textContent + ' ' + li.querySelector('.ranking-words').textContent)`, &places))
	if strings.Join(places, "|") != "1. How soon care starts|2. What it costs|3. Choice of carer" {
		t.Errorf("the ranking reads %q", places)
	}
	if got := axName(b, t, `[data-move=down][data-value=cost]`); got != "Move What it costs down" {
		t.Errorf("a Down button is named %q", got)
	}

	// The word counter: at once on screen; for a screen reader once typing stops.
	b.run(t, chromedp.SendKeys(`#q-why`, "It is far too dear for people on low incomes like me", chromedp.ByQuery))
	if got := textIn(b, t, `#why-count`); got != "2 words too many" {
		t.Errorf("the counter says %q", got)
	}
	waitText(b, t, `#why-count-status`, "2 words too many")
	b.run(t, click(`label[for="q-age-1"]`), click(`button[type=submit]`), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	if got := textIn(b, t, `.error-summary li`); !strings.Contains(got, "must be 10 words or fewer (it has 12)") {
		t.Errorf("Send with too many words: %q", got)
	}
	axeNoViolations(b, t, "standard, phone, with a problem")
	b.run(t, chromedp.Evaluate(`document.querySelector('#q-why').value = ''`, nil), chromedp.SendKeys(`#q-why`, "Too dear for me", chromedp.ByQuery))
	waitText(b, t, `#why-count`, "6 words left")

	// Guidance is no question: the draft counts the 8 questions shown.
	drafts := deviceRecords(b, t, "drafts")
	if len(drafts) != 1 || jsonOf(drafts[0]["progress"]) != `{"answered":8,"total":8}` {
		t.Errorf("the draft's progress: %v", drafts)
	}
	b.run(t, click(`button[type=submit]`), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	sameAnswers(t, storedAnswers(t, h), map[string]string{
		"respondingAs": `"other"`, "respondingAs:other": `"A neighbour"`, "heard": `["web"]`, "pays": `false`,
		"overall": `"agree"`, "aims": `{"control":"low","fairness":"high","simplicity":"some"}`,
		"priorities": `["speed","cost","choice"]`, "why": `"Too dear for me"`, "age": `"over65"`,
	})
}

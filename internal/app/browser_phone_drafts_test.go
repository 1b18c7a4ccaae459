package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A draft only when there is something to keep: opening a form twice makes
// no draft; the first answer makes one, listed with its progress and when
// it last changed; opening the form again asks "Carry on" or "Start
// again", and "Carry on" brings back the answer.
func TestBrowserPhoneDraftsOnlyWithAnAnswer(t *testing.T) {
	h := start(t, "", "")
	h.app.Intake.SetClock(func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) })
	b := newBrowser(t, "")
	const form = "coproduction-consultation"
	for range 2 {
		b.run(t, chromedp.Navigate(h.url+"/#/start/"+form), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery),
			chromedp.Sleep(400*time.Millisecond), // longer than the app waits to save an answer
			chromedp.Navigate(h.url+"/#/"), chromedp.WaitVisible(`a[href="#/start/`+form+`"]`, chromedp.ByQuery))
	}
	var listed int
	b.run(t, chromedp.Evaluate(`document.querySelectorAll('li.draft').length`, &listed))
	if n := len(deviceRecords(b, t, "drafts")); n != 0 || listed != 0 {
		t.Fatalf("opening a form twice made %d drafts (%d listed), want none", n, listed)
	}

	// The first answer makes the draft, and its address becomes the draft's.
	var where string
	b.run(t, chromedp.Navigate(h.url+"/#/start/"+form), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-connection-1"]`, chromedp.ByQuery))
	waitFor(b, t, `location.hash.startsWith('#/fill/')`)
	b.run(t, chromedp.Location(&where))
	drafts := deviceRecords(b, t, "drafts")
	if len(drafts) != 1 || drafts[0]["owner"] != nil || !strings.HasSuffix(where, "#/fill/"+drafts[0]["id"].(string)) {
		t.Fatalf("after one answer: drafts %v at %s", drafts, where)
	}
	var entry string
	b.run(t, chromedp.Navigate(h.url+"/#/"), chromedp.WaitVisible(`li.draft`, chromedp.ByQuery),
		chromedp.Text(`li.draft`, &entry, chromedp.ByQuery))
	if !strings.Contains(entry, "1 of 14 questions answered") || !strings.Contains(entry, "Last changed") {
		t.Errorf("the draft is listed as %q", entry)
	}

	// Opening the form again asks; "Carry on" resumes the draft.
	var asked string
	var ticked bool
	b.run(t, chromedp.Navigate(h.url+"/#/start/"+form), chromedp.WaitVisible(`#carry-on`, chromedp.ByQuery),
		chromedp.Text(`main`, &asked, chromedp.ByQuery))
	for _, want := range []string{"Carry on", "Start again", "1 of 14 questions answered", "Last changed"} {
		if !strings.Contains(asked, want) {
			t.Errorf("the question on opening the form again lacks %q:\n%s", want, asked)
		}
	}
	axeNoViolations(b, t, "carry on or start again")
	b.run(t, chromedp.Click(`#carry-on`, chromedp.ByQuery), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#q-connection-1').checked`, &ticked), chromedp.Location(&where))
	if !ticked || !strings.HasSuffix(where, "#/fill/"+drafts[0]["id"].(string)) {
		t.Errorf("carry on: answer kept %v, at %s", ticked, where)
	}

	// "Start again" opens an empty form, which makes no second draft until answered.
	b.run(t, chromedp.Navigate(h.url+"/#/start/"+form), chromedp.WaitVisible(`#start-again`, chromedp.ByQuery),
		chromedp.Click(`#start-again`, chromedp.ByQuery), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('#q-connection-1').checked`, &ticked), chromedp.Sleep(400*time.Millisecond))
	if ticked || len(deviceRecords(b, t, "drafts")) != 1 {
		t.Errorf("start again: answer shown %v, drafts %d", ticked, len(deviceRecords(b, t, "drafts")))
	}
}

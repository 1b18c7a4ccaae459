package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// fakeSpeech is a FAKE of the browser's speechSynthesis, put in the page
// before the app starts (headless Chromium has no voices). Like Chrome and
// Android, it has no voices when first asked: they arrive 300 ms later and
// it fires voiceschanged. It records what it is asked to say, and whether
// the read-aloud buttons were hidden just before the voices came and shown
// just after the event (so by the event, not by a later look).
const fakeSpeech = `(() => {
	const fake = new EventTarget();
	let voices = [];
	let asked = false;
	fake.spoken = [];
	fake.getVoices = () => {
		if (!asked) {
			asked = true;
			setTimeout(() => {
				fake.hiddenBefore = document.documentElement.classList.contains('no-speech');
				voices = [{ name: 'Fake voice', lang: 'en-GB', default: true, localService: true, voiceURI: 'fake' }];
				fake.dispatchEvent(new Event('voiceschanged'));
				fake.shownAfter = !document.documentElement.classList.contains('no-speech');
			}, 300);
		}
		return voices;
	};
	fake.speak = (u) => { fake.spoken.push(u.text); };
	fake.cancel = () => {};
	fake.speaking = false; fake.pending = false; fake.paused = false;
	Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
	window.fakeSpeech = fake;
})();`

// speakerLayout checks every visible read-aloud button on the page: it
// overlaps no other control and lies inside its card and the window.
// It returns how many buttons it checked and what is wrong.
const speakerLayout = `(() => {
	const shown = (e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden'; };
	const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + ' "' + (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40) + '"';
	const speakers = [...document.querySelectorAll('main .speak')].filter(shown);
	const controls = [...document.querySelectorAll('main input, main label, main button, main a, main select, main textarea, main summary')]
		.filter(shown).filter((e) => !e.classList.contains('speak') && !e.closest('.hp'));
	const overlap = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
	const bad = [];
	for (const s of speakers) {
		const r = s.getBoundingClientRect();
		for (const c of controls) if (!c.contains(s) && overlap(r, c.getBoundingClientRect())) bad.push(name(s) + ' overlaps ' + name(c));
		const card = s.closest('.option, .question, .notice, main');
		const k = card.getBoundingClientRect();
		if (r.left < k.left - 0.5 || r.right > k.right + 0.5 || r.top < k.top - 0.5 || r.bottom > k.bottom + 0.5) bad.push(name(s) + ' sticks out of its card');
		if (r.left < 0 || r.right > document.documentElement.clientWidth) bad.push(name(s) + ' is cut off by the window');
	}
	return { count: speakers.length, bad };
})()`

// Read aloud on a browser whose voices arrive late: the buttons appear
// when the browser reports the voices, read the easy-read words in easy
// read, and at 320 and 390 px never overlap another control.
func TestBrowserPhoneReadAloud(t *testing.T) {
	h := start(t, "", "")
	h.app.Intake.SetClock(func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) })
	b := newBrowser(t, "")
	const form = "/#/start/coproduction-consultation"
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(fakeSpeech).Do(ctx)
		return err
	}))
	var hiddenBefore, shownAfter, visible bool
	b.run(t, chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery),
		chromedp.Poll(`window.fakeSpeech.hiddenBefore !== undefined`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`window.fakeSpeech.hiddenBefore`, &hiddenBefore),
		chromedp.Evaluate(`window.fakeSpeech.shownAfter`, &shownAfter))
	if !hiddenBefore {
		t.Error("the read-aloud buttons showed before the browser had voices")
	}
	if !shownAfter {
		t.Error("the read-aloud buttons did not appear when the browser reported its voices (voiceschanged)")
	}
	b.run(t, chromedp.WaitVisible(`[data-question="connection"] .speak`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('main .speak').length > 20 && [...document.querySelectorAll('main .speak')].every((s) => s.offsetParent !== null || s.closest('[hidden]'))`, &visible))
	if !visible {
		t.Error("not every read-aloud button appeared when the voices arrived")
	}

	// Easy read reads its own words aloud.
	var spoken []string
	b.run(t, chromedp.Click(`button[aria-pressed]`, chromedp.ByQuery), chromedp.WaitVisible(`//button[text()="Start"]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Start"]`, chromedp.BySearch), chromedp.WaitVisible(`[data-question="connection"] .speak`, chromedp.ByQuery),
		chromedp.Click(`[data-question="connection"] .speak-word`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-connection"] ~ .speak`, chromedp.ByQuery),
		chromedp.Evaluate(`window.fakeSpeech.spoken`, &spoken))
	if want := []string{"Who are you? Choose all that apply.", "I use care services"}; fmt.Sprint(spoken) != fmt.Sprint(want) {
		t.Errorf("read aloud %q, want %q", spoken, want)
	}

	// No speaker button overlaps another control, on the standard screen
	// (every question) and on easy read's rating question, at phone widths.
	for _, width := range []int64{320, 390} {
		for _, screen := range []struct{ name, easy, wait string }{
			{"every question", "off", `[data-question="listens"] .speak`},
			{"easy read rating", "on", `.progress`},
		} {
			var got struct {
				Count int
				Bad   []string
			}
			b.run(t, chromedp.EmulateViewport(width, 800),
				chromedp.Evaluate(`localStorage.setItem('chorus.easyRead', '`+screen.easy+`')`, nil),
				chromedp.Navigate(h.url+form), startAgainIfAsked(),
				chromedp.WaitVisible(screen.wait, chromedp.ByQuery))
			if screen.easy == "on" {
				// On to the rating question, with the answers it needs on the way.
				b.run(t, walkEasyTo(`listens`))
			}
			b.run(t, chromedp.Evaluate(speakerLayout, &got))
			if got.Count < 2 {
				t.Errorf("%d px, %s: %d read-aloud buttons shown", width, screen.name, got.Count)
			}
			if len(got.Bad) > 0 {
				t.Errorf("%d px, %s:\n%s", width, screen.name, strings.Join(got.Bad, "\n"))
			}
		}
	}
}

// walkEasyTo goes through easy read's questions, answering each with its
// first choice (or a few words), until the question with the given id.
func walkEasyTo(id string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		for range 40 {
			var at string
			if err := chromedp.Run(ctx, chromedp.WaitVisible(`.progress`, chromedp.ByQuery),
				chromedp.Evaluate(`document.querySelector(`+onScreen+`)?.dataset.question || ''`, &at)); err != nil {
				return err
			}
			if at == "" {
				var first bool
				if err := chromedp.Run(ctx, chromedp.Evaluate(`[...document.querySelectorAll('main button')].some((b) => b.textContent === 'Start')`, &first)); err != nil {
					return err
				}
				if first {
					if err := chromedp.Run(ctx, chromedp.Click(`//main//button[text()="Start"]`, chromedp.BySearch), chromedp.WaitVisible(`[data-question]`, chromedp.ByQuery)); err != nil {
						return err
					}
					continue
				}
			}
			if at == id {
				return chromedp.Run(ctx, chromedp.WaitVisible(`[data-question="`+id+`"] .speak`, chromedp.ByQuery))
			}
			if at == "" {
				return fmt.Errorf("easy read ended before %s", id)
			}
			if err := chromedp.Run(ctx, chromedp.Evaluate(answerFirst, nil), chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch),
				chromedp.Poll(`(document.querySelector(`+onScreen+`)?.dataset.question || '') !== `+jsString(at), nil, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
				return err
			}
		}
		return fmt.Errorf("no question %s in easy read", id)
	})
}

// onScreen finds the question an easy-read screen asks (a JavaScript
// selector string; "Check your answers" lists questions too, as rows).
const onScreen = `':is(.question, .notice)[data-question]'`

// answerFirst answers the easy-read question on the screen as a person
// would: the first choice, or a few words or a number typed in.
const answerFirst = `(() => {
	const q = document.querySelector(` + onScreen + `);
	const choice = q.querySelector('input[type=radio], input[type=checkbox]');
	if (choice) { if (!choice.checked) q.querySelector('label[for="' + choice.id + '"]').click(); return; }
	const today = [...q.querySelectorAll('button')].find((b) => b.textContent === 'Today');
	if (today) { today.click(); return; }
	const box = q.querySelector('textarea, input');
	if (box) {
		box.value = box.inputMode === 'numeric' || box.inputMode === 'decimal' ? '2' : box.type === 'email' ? 'sam@example.org' : 'Fine';
		box.dispatchEvent(new Event('input', { bubbles: true }));
	}
})()`

package app_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"chorus/forms"
	"chorus/internal/form"
)

// standardWords lists the visit form's standard texts that have other
// easy-read wording: none may show in easy read.
func standardWords(t *testing.T) []string {
	t.Helper()
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, f := range all {
		if f.ID != "quality-checker-visit" {
			continue
		}
		easy := map[string]bool{}
		for _, x := range f.EasyTexts() {
			easy[norm(x.EasyRead)] = true
		}
		var out []string
		for _, x := range f.EasyTexts() {
			if x.EasyRead != "" && !easy[norm(x.Text)] {
				out = append(out, norm(x.Text))
			}
		}
		return out
	}
	t.Fatal("no quality-checker-visit form")
	return nil
}

// noStandardWords fails if the screen shows, or names for a screen reader,
// any of the standard texts.
func noStandardWords(b *browser, t *testing.T, screen string, standard []string) {
	t.Helper()
	var found []string
	b.run(t, chromedp.Evaluate(`((standard) => {
		const norm = (s) => s.replace(/\s+/g, ' ').trim();
		const found = new Set();
		for (const e of document.querySelectorAll('main *')) {
			if (e.closest('.hp')) continue;
			const own = norm([...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join(' '));
			const named = norm((e.getAttribute('aria-label') || '').replace(/^Listen: /, ''));
			for (const s of standard) {
				if (own === s || (s.length >= 20 && own.includes(s)) || named === s) found.add(s);
			}
		}
		return [...found];
	})(`+jsonOf(standard)+`)`, &found))
	if len(found) > 0 {
		t.Errorf("%s: standard words in easy read: %q", screen, found)
	}
}

func jsonOf(v any) string {
	b, err := jsonMarshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// easyScreen is what an easy-read screen shows.
type easyScreen struct {
	Question, Type, Progress, Heading string
}

func readEasyScreen(b *browser, t *testing.T) easyScreen {
	t.Helper()
	var s easyScreen
	b.run(t, chromedp.WaitVisible(`.progress`, chromedp.ByQuery), chromedp.Evaluate(`(() => {
		const q = document.querySelector(`+onScreen+`);
		return { question: q?.dataset.question || '', type: q?.dataset.type || '',
			progress: document.querySelector('.progress-text').textContent, heading: document.querySelector('h1').textContent };
	})()`, &s))
	return s
}

var questionOf = regexp.MustCompile(`^Question (\d+) of (\d+)$`)

// walkEasyVisit goes through the Quality Checker visit in easy read as a
// volunteer would, from the first screen (for a new draft) to "Check your answers",
// reporting safeguarding worries, and calls each on every screen (named).
// The progress line must only go forward and never change its total.
func walkEasyVisit(b *browser, t *testing.T, each func(name string)) {
	t.Helper()
	var first bool
	b.run(t, chromedp.WaitVisible(`.progress`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('.progress-text').textContent === 'Before you start'`, &first))
	if first { // a draft carried on starts at its question instead
		each("first screen")
		b.run(t, chromedp.Click(`//button[text()="Start"]`, chromedp.BySearch),
			chromedp.Poll(`document.querySelector(`+onScreen+`) !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	}
	last, total := 0, 0
	for range 60 {
		s := readEasyScreen(b, t)
		if s.Question == "" {
			if s.Heading != "Check your answers" || s.Progress != "Check your answers" {
				t.Fatalf("easy read ended on %+v", s)
			}
			return
		}
		m := questionOf.FindStringSubmatch(s.Progress)
		if m == nil {
			t.Fatalf("%s: progress line %q", s.Question, s.Progress)
		}
		n, of := atoi(m[1]), atoi(m[2])
		if total == 0 {
			total = of
		}
		if of != total || n <= last {
			t.Fatalf("%s: progress %q after question %d of %d: it jumped", s.Question, s.Progress, last, total)
		}
		last = n
		if s.Question == "service" {
			// Next with no answer: the problem in easy words.
			b.run(t, chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
			each("service, not answered")
		}
		each(s.Question)
		b.run(t, answerEasy(s))
		b.run(t, chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch),
			chromedp.Poll(`(document.querySelector(`+onScreen+`)?.dataset.question || '') !== `+jsString(s.Question), nil, chromedp.WithPollingTimeout(10*time.Second)))
	}
	t.Fatal("easy read never reached Check your answers")
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// answerEasy answers one easy-read question of the visit.
func answerEasy(s easyScreen) chromedp.Action {
	id := `#q-` + s.Question
	switch {
	case s.Question == "service":
		return chromedp.Click(`//label[.//text()="The Maples"]`, chromedp.BySearch)
	case s.Type == "date":
		return chromedp.Click(`//button[text()="Today"]`, chromedp.BySearch)
	case s.Type == "number":
		return chromedp.SendKeys(id, "3", chromedp.ByQuery)
	case s.Type == "longText":
		return chromedp.SendKeys(id, "Staff were kind.", chromedp.ByQuery)
	case s.Type == "notice":
		return chromedp.ActionFunc(func(context.Context) error { return nil })
	default: // the first choice: Yes, Good, Green
		return chromedp.Click(`label[for="q-`+s.Question+`"]`, chromedp.ByQuery)
	}
}

// Easy read of the Quality Checker visit, from the first screen through
// every question to "Check your answers", a change, and sent: each screen
// scanned by axe with no violation at all, no standard words where the
// form gives easy-read ones, a steady progress line, a picture for each
// question, big service buttons, required questions marked.
func TestBrowserPhoneEasyReadVisit(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	signInPhone(b, t, h, h.url)
	standard := standardWords(t)
	if len(standard) < 20 {
		t.Fatalf("only %d standard texts to look for", len(standard))
	}
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		chromedp.Click(`button[aria-pressed]`, chromedp.ByQuery))
	walkEasyVisit(b, t, func(name string) {
		axeNoViolations(b, t, name)
		noStandardWords(b, t, name, standard)
		var got struct {
			Picture, Select, Must, Optional bool
			Services                        int
			Smallest                        float64
			Toggle                          string
		}
		b.run(t, chromedp.Evaluate(`(() => {
			const last = [...document.querySelectorAll('main button')].pop();
			const icons = [...document.querySelectorAll('[data-question] .option .icon')].map((i) => Math.min(i.getBoundingClientRect().width, i.getBoundingClientRect().height));
			return { picture: document.querySelector('[data-question] .picture') !== null, select: document.querySelector('select') !== null,
				must: document.querySelector('.must') !== null, optional: document.querySelector('.optional') !== null,
				services: document.querySelectorAll('[data-question="service"] .option input[type=radio]').length,
				smallest: icons.length ? Math.min(...icons) : 99, toggle: last?.textContent || '' };
		})()`, &got))
		if got.Toggle != "Show all questions" {
			t.Errorf("%s: the last button is %q, not Show all questions", name, got.Toggle)
		}
		if name == "first screen" {
			return
		}
		if !got.Picture || got.Select || got.Optional || got.Smallest < 48 {
			t.Errorf("%s: picture %v, dropdown %v, (optional) %v, smallest option picture %.0f px", name, got.Picture, got.Select, got.Optional, got.Smallest)
		}
		if want := map[string]bool{"service": true, "service, not answered": true, "visitDate": true, "announced": true, "teamSize": true,
			"safeguardingConcern": true, "safeguardingDetails": true, "safeguardingReported": true}[name]; got.Must != want {
			t.Errorf("%s: marked \"You must answer this\": %v, want %v", name, got.Must, want)
		}
		if strings.HasPrefix(name, "service") && got.Services != 12 {
			t.Errorf("%s: %d services to choose from, want the 12 in the register", name, got.Services)
		}
	})

	// Check your answers: every answer with its picture, and a Change link.
	axeNoViolations(b, t, "check your answers")
	noStandardWords(b, t, "check your answers", standard)
	var rows []struct{ Question, Answer string }
	var pictures int
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('.summary-row')].map((r) => ({question: r.dataset.question, answer: r.querySelector('.answer').textContent, change: r.querySelector('.change a').textContent}))`, &rows),
		chromedp.Evaluate(`document.querySelectorAll('.summary .answer .icon').length`, &pictures))
	if len(rows) != 33 || pictures != 20 {
		t.Errorf("check your answers: %d answers, %d with a picture; want 33 and 20 (the ratings and colours): %+v", len(rows), pictures, rows)
	}
	for _, r := range rows {
		if want := map[string]string{"service": "The Maples", "teamSize": "3", "safeFeelSafe": "😀Good", "safeRating": "🟢Green: good", "safeguardingConcern": "Yes"}[r.Question]; want != "" && r.Answer != want {
			t.Errorf("%s answered %q, want %q", r.Question, r.Answer, want)
		}
	}

	// Change the team size: back to its question, then straight back here.
	b.run(t, chromedp.Click(`[data-question="teamSize"] .change a`, chromedp.ByQuery), chromedp.WaitVisible(`#q-teamSize`, chromedp.ByQuery))
	if s := readEasyScreen(b, t); s.Progress != "Question 4 of 34" {
		t.Errorf("changing the team size shows %q", s.Progress)
	}
	var team string
	b.run(t, chromedp.Evaluate(`document.querySelector('#q-teamSize').value = ''`, nil), chromedp.SendKeys(`#q-teamSize`, "5", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch), chromedp.WaitVisible(`//h1[text()="Check your answers"]`, chromedp.BySearch),
		chromedp.Text(`[data-question="teamSize"] .answer`, &team, chromedp.ByQuery))
	if team != "5" {
		t.Errorf("team size after the change: %q", team)
	}
	b.run(t, chromedp.Click(`//button[text()="Send"]`, chromedp.BySearch), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	axeNoViolations(b, t, "sent")
	stored := h.storedResponses(t, "quality-checker-visit")
	if len(stored) != 1 {
		t.Fatalf("%d visits stored", len(stored))
	}
	a := stored[0].Answers
	if fmt.Sprint(a["teamSize"]) != "5" || a["service"] != "svc-the-maples" || a["safeguardingConcern"] != true || a["safeguardingDetails"] != "Staff were kind." || a["safeFeelSafe"] != "good" {
		t.Errorf("stored answers %v", a)
	}
}

// Reflow: at 320 CSS px with text at 200 %, no app screen scrolls sideways.
func TestBrowserPhoneReflow(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	var body float64
	b.run(t, chromedp.EmulateViewport(320, 640), chromedp.ActionFunc(func(ctx context.Context) error {
		return page.SetFontSizes(&page.FontSizes{Standard: 32}).Do(ctx)
	}), chromedp.Navigate(h.url+"/#/signin"), chromedp.WaitVisible(`#code`, chromedp.ByQuery),
		chromedp.Evaluate(`parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)`, &body))
	if body < 37 {
		t.Fatalf("text is %.0f px: not 200 %% of the app's 19 px", body)
	}
	noSidewaysScroll(b, t, "sign in")
	officer, _ := signInPhone(b, t, h, h.url)
	_ = officer
	at := func(name, path, wait string) {
		t.Helper()
		b.run(t, chromedp.Navigate(h.url+path), chromedp.WaitVisible(wait, chromedp.BySearch))
		noSidewaysScroll(b, t, name)
	}
	at("forms", "/#/", `//h1[text()="Forms"]`)
	at("every question", "/#/start/quality-checker-visit", `#q-service`)
	b.run(t, chromedp.Click(`label[for="q-safeguardingConcern"]`, chromedp.ByQuery), chromedp.WaitVisible(`#q-safeguardingPhone`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "every question, with problems")
	at("carry on or start again", "/#/start/quality-checker-visit", `#start-again`)
	b.run(t, chromedp.Click(`#carry-on`, chromedp.ByQuery), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		chromedp.Click(`button[aria-pressed]`, chromedp.ByQuery))
	walkEasyVisit(b, t, func(name string) { noSidewaysScroll(b, t, "easy read: "+name) })
	noSidewaysScroll(b, t, "check your answers")
	b.run(t, chromedp.Click(`//button[text()="Send"]`, chromedp.BySearch), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "sent, with its reference")
	at("easy read: first screen", "/#/start/quality-checker-visit", `//button[text()="Start"]`)
	at("waiting to send", "/#/outbox", `//h1[text()="Waiting to send"]`)
	at("sent list", "/#/sent", `//h1[text()="Sent"]`)
	at("sign out", "/#/signout", `//h1[text()="Sign this phone out"]`)
	b.run(t, chromedp.Click(`//button[text()="Sign out"]`, chromedp.BySearch), chromedp.WaitVisible(`//h1[text()="This phone is signed out"]`, chromedp.BySearch))
	noSidewaysScroll(b, t, "signed out")
	b.run(t, chromedp.Evaluate(`parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)`, &body))
	if body < 37 {
		t.Errorf("text went back to %.0f px during the test", body)
	}
}

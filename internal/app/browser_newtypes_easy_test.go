package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// easyNewTypesScreen is what an easy-read screen of the consultation shows.
type easyNewTypesScreen struct {
	ID, Type, Progress, Heading, Text string
}

func readNewTypesScreen(b *browser, t *testing.T) easyNewTypesScreen {
	t.Helper()
	var s easyNewTypesScreen
	b.run(t, chromedp.WaitVisible(`.progress`, chromedp.ByQuery), chromedp.Evaluate(`(() => {
		const q = document.querySelector('main form [data-question]');
		return { id: q?.dataset.question || '', type: q?.dataset.type || '', progress: document.querySelector('.progress-text').textContent,
			heading: document.querySelector('h1').textContent, text: document.querySelector('main').textContent };
	})()`, &s))
	return s
}

// A resident fills the consultation in easy read on a 390 px phone: the
// guidance in its easy-read words on screens of its own (not counted as
// questions), Other's box, a grid of big choices with the statements' easy
// words, a required grid refused until every line is answered, a ranking
// with big buttons whose untouched order is no answer until "Keep this
// order", the word counter; "Check your answers" reads back the grid, the
// ranking and Other's text, and a change that hides a section drops its
// answers from what is sent. Every screen: axe with no violation, no
// sideways scrolling, a progress line that never jumps.
func TestBrowserNewTypesEasyRead(t *testing.T) {
	h := start(t, newTypesDir, "")
	b := newBrowser(t, "")
	click := func(sel string) chromedp.Action { return chromedp.Click(sel, chromedp.ByQuery) }
	next := func(from string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			return chromedp.Run(ctx, chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch),
				chromedp.Poll(`(document.querySelector('main form [data-question]')?.dataset.question || 'check') !== `+jsString(from), nil, chromedp.WithPollingTimeout(10*time.Second)))
		})
	}
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/#/start/newtypes"), chromedp.WaitVisible(`#q-respondingAs`, chromedp.ByQuery),
		click(`button[aria-pressed]`), chromedp.WaitVisible(`//button[text()="Start"]`, chromedp.BySearch))
	axeNoViolations(b, t, "easy read, first screen")
	b.run(t, chromedp.Click(`//button[text()="Start"]`, chromedp.BySearch), chromedp.WaitVisible(`main form [data-question]`, chromedp.ByQuery))

	var progress []string
	for range 20 {
		s := readNewTypesScreen(b, t)
		if s.Heading == "Check your answers" {
			break
		}
		progress = append(progress, s.Progress)
		name := "easy read, " + s.ID
		axeNoViolations(b, t, name)
		noSidewaysScroll(b, t, name)
		switch s.ID {
		case "intro":
			if !strings.Contains(s.Text, "We want to change what people pay for care.") || strings.Contains(s.Text, "Charges would rise") || s.Type != "guidance" {
				t.Errorf("the guidance in easy read: %q", s.Text)
			}
		case "respondingAs":
			b.run(t, click(`label[for="q-respondingAs-3"]`), chromedp.WaitVisible(`#q-respondingAs-other`, chromedp.ByQuery),
				chromedp.SendKeys(`#q-respondingAs-other`, "My neighbour", chromedp.ByQuery))
			if got := axName(b, t, `#q-respondingAs-other`); got != "Write what it is" {
				t.Errorf("Other's box in easy read is named %q", got)
			}
			axeNoViolations(b, t, name+", Other's box")
		case "heard":
			b.run(t, click(`label[for="q-heard"]`))
		case "pays":
			b.run(t, click(`label[for="q-pays"]`))
		case "billViews":
			var grid struct {
				Legends  []string
				Table    bool
				Smallest float64
			}
			b.run(t, chromedp.Evaluate(`(() => { const g = document.querySelector('[data-question=billViews]');
				const icons = [...g.querySelectorAll('.option .icon')].map((i) => Math.min(i.getBoundingClientRect().width, i.getBoundingClientRect().height));
				return { legends: [...g.querySelectorAll('.grid-row legend')].map((l) => l.textContent), table: !!g.querySelector('table'), smallest: Math.min(...icons) }; })()`, &grid))
			if strings.Join(grid.Legends, "|") != "I understand my bill|What I pay is fair" || grid.Table || grid.Smallest < 44 {
				t.Errorf("a grid in easy read: %+v", grid)
			}
			b.run(t, click(`label[for="q-billViews"]`), click(`label[for="q-billViews-fairBill-2"]`))
		case "overall":
			b.run(t, click(`label[for="q-overall-2"]`))
		case "aims":
			b.run(t, chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
			if got := textIn(b, t, `.error-summary li`); got != "Choose one answer on each line." {
				t.Errorf("a grid not answered, in easy read: %q", got)
			}
			axeNoViolations(b, t, name+", with a problem")
			b.run(t, click(`label[for="q-aims"]`), click(`label[for="q-aims-simplicity-1"]`))
			b.run(t, chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
			b.run(t, click(`label[for="q-aims-control-2"]`))
		case "priorities":
			var big struct {
				Smallest float64
				Handles  int
			}
			b.run(t, chromedp.Evaluate(`({ smallest: Math.min(...[...document.querySelectorAll('.ranking-buttons button')].map((e) => e.getBoundingClientRect().height)),
				handles: document.querySelectorAll('.drag-handle').length })`, &big))
			if big.Smallest < 56 || big.Handles != 0 {
				t.Errorf("a ranking in easy read: %+v", big)
			}
			// Untouched, the order is no answer; Keep this order makes it one.
			if a := draftAnswers(b, t); a["priorities"] != nil {
				t.Errorf("an untouched ranking is in the draft: %v", a["priorities"])
			}
			b.run(t, click(`[data-keep=priorities]`), chromedp.WaitVisible(`[data-clear=priorities]`, chromedp.ByQuery))
			waitText(b, t, `#q-priorities-status`, "Your order is kept.")
			time.Sleep(400 * time.Millisecond) // the draft is saved 200 ms after a change
			if a := draftAnswers(b, t); jsonOf(a["priorities"]) != `["cost","choice","speed"]` {
				t.Errorf("Keep this order kept %v", a["priorities"])
			}
			// Cleared, it is no answer again; kept again, it is.
			b.run(t, click(`[data-clear=priorities]`), chromedp.WaitNotVisible(`[data-clear=priorities]`, chromedp.ByQuery))
			var onKeep bool
			b.run(t, chromedp.Evaluate(`document.activeElement.dataset.keep === 'priorities'`, &onKeep))
			if state := textIn(b, t, `#q-priorities-state`); !onKeep || state != "You have not put these in order yet." {
				t.Errorf("after Clear my order: focus on Keep this order %v, %q", onKeep, state)
			}
			time.Sleep(400 * time.Millisecond)
			if a := draftAnswers(b, t); a["priorities"] != nil {
				t.Errorf("a cleared ranking is in the draft: %v", a["priorities"])
			}
			b.run(t, click(`[data-keep=priorities]`), chromedp.WaitVisible(`[data-clear=priorities]`, chromedp.ByQuery))
		case "why":
			b.run(t, chromedp.SendKeys(`#q-why`, "Too much money", chromedp.ByQuery))
			waitText(b, t, `#why-count`, "7 words left")
		case "age":
			b.run(t, click(`label[for="q-age"]`))
		case "thanks":
			if !strings.Contains(s.Text, "We will tell you what people said in May.") {
				t.Errorf("the last guidance in easy read: %q", s.Text)
			}
		default:
			t.Fatalf("an easy-read screen for %q (%s)", s.ID, s.Type)
		}
		b.run(t, next(s.ID))
	}
	want := "Read this|Question 1 of 9|Question 2 of 9|Question 3 of 9|Question 4 of 9|Question 5 of 9|Question 6 of 9|Question 7 of 9|Question 8 of 9|Question 9 of 9|Read this"
	if got := strings.Join(progress, "|"); got != want {
		t.Errorf("progress lines:\n%s\nwant\n%s", got, want)
	}

	// Check your answers: the grid, the ranking and Other's text; no guidance.
	axeNoViolations(b, t, "easy read, check your answers")
	rows := map[string]string{}
	var ids []string
	b.run(t, chromedp.Evaluate(`Object.fromEntries([...document.querySelectorAll('.summary-row')].map((r) => [r.dataset.question, r.querySelector('.answer').textContent]))`, &rows),
		chromedp.Evaluate(`[...document.querySelectorAll('.summary-row')].map((r) => r.dataset.question)`, &ids))
	if strings.Join(ids, " ") != "respondingAs heard pays billViews overall aims priorities why age" {
		t.Errorf("check your answers lists %q", ids)
	}
	for id, want := range map[string]string{
		"respondingAs": "❓Someone else: My neighbour", "billViews": "👍I understand my bill: Yes👎What I pay is fair: No",
		"priorities": "💷1. The cost🧑2. Choosing your carer⏱️3. Getting care soon", "aims": "⭐Fair charges: Very important✨Simple charges: A bit important➖You choose your care: Not important",
	} {
		if rows[id] != want {
			t.Errorf("check your answers: %s reads %q, want %q", id, rows[id], want)
		}
	}
	// No, I do not pay: "What you pay" goes, and its grid is not sent.
	b.run(t, click(`[data-question="pays"] .change a`), chromedp.WaitVisible(`#q-pays`, chromedp.ByQuery),
		click(`label[for="q-pays-1"]`), chromedp.Click(`//button[text()="Next"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="Check your answers"]`, chromedp.BySearch))
	if got := textIn(b, t, `main`); strings.Contains(got, "What you pay") || strings.Contains(got, "I understand my bill") {
		t.Errorf("after saying no, check your answers still shows what they pay: %q", got)
	}
	b.run(t, chromedp.Click(`//button[text()="Send"]`, chromedp.BySearch), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	sameAnswers(t, storedAnswers(t, h), map[string]string{
		"respondingAs": `"other"`, "respondingAs:other": `"My neighbour"`, "heard": `["letter"]`, "pays": `false`,
		"overall": `"slightly"`, "aims": `{"control":"low","fairness":"high","simplicity":"some"}`,
		"priorities": `["cost","choice","speed"]`, "why": `"Too much money"`, "age": `"under65"`,
	})
}

// draftAnswers is the answers of the one draft on the device.
func draftAnswers(b *browser, t *testing.T) map[string]any {
	t.Helper()
	drafts := deviceRecords(b, t, "drafts")
	if len(drafts) != 1 {
		t.Fatalf("%d drafts on the device", len(drafts))
	}
	a, _ := drafts[0]["answers"].(map[string]any)
	return a
}

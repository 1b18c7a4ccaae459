package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/chromedp/chromedp/kb"
)

// onlineOnce opens the app and a form while the server is up, so that the
// worker, the form and the services register are on the device.
func onlineOnce(b *browser, t *testing.T, url, formID, firstField string) {
	b.run(t,
		chromedp.Navigate(url+"/"),
		workerInControl(),
		chromedp.Navigate(url+"/#/start/"+formID),
		chromedp.WaitVisible(firstField, chromedp.ByQuery),
		chromedp.Navigate(url+"/"),
		chromedp.WaitVisible(`a[href="#/start/`+formID+`"]`, chromedp.ByQuery),
	)
}

// sendWithStoreDown stops the database and sends a visit from the app,
// which keeps it in its outbox.
func sendWithStoreDown(h *harness, b *browser, t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))
}

// waitStatus waits for the app's status line to say text. Generous: under
// the race detector on two cores, the app's retry back-off can take a while.
func waitStatus(b *browser, t *testing.T, text string) {
	b.run(t, chromedp.Poll(`document.querySelector('#status').textContent.includes(`+jsString(text)+`)`, nil, chromedp.WithPollingTimeout(75*time.Second)))
}

func jsString(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }

// The database fails while the app sends: the server answers 503, the
// response stays on the device, and after recovery it arrives once.
func TestBrowserServerUnavailableKeepsTheResponse(t *testing.T) {
	data := t.TempDir()
	h := start(t, "", data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	signInPhone(b, t, h, h.url)
	onlineOnce(b, t, h.url, "quality-checker-visit", "#q-service")

	sendWithStoreDown(h, b, t)
	// Let the first attempt meet the 503.
	b.run(t, chromedp.Sleep(4*time.Second), chromedp.Navigate(h.url+"/#/outbox"),
		chromedp.WaitVisible(`//p[text()="Will send when there is a signal."]`, chromedp.BySearch))
	waitStatus(b, t, "1 waiting to send")
	h.stop()

	h = startAt(t, addr, "", data)
	b.run(t, chromedp.Reload())
	waitStatus(b, t, "Nothing waiting")
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
}

func TestBrowserDraftSurvivesReloadAndRestart(t *testing.T) {
	h := start(t, "", "")
	profile := tempProfile(t)
	b := newBrowser(t, profile)
	signInPhone(b, t, h, h.url)
	b.run(t,
		chromedp.Navigate(h.url+"/#/start/quality-checker-visit"),
		chromedp.WaitVisible(`#q-teamSize`, chromedp.ByQuery),
		pick(`#q-service`, "svc-hillside-day"),
		chromedp.SendKeys(`#q-teamSize`, "5", chromedp.ByQuery),
		chromedp.SendKeys(`#q-workingWell`, "Lovely garden.", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Reload(),
	)
	check := func(b *browser) {
		var team, well, service string
		b.run(t, chromedp.WaitVisible(`#q-teamSize`, chromedp.ByQuery),
			chromedp.Value(`#q-teamSize`, &team, chromedp.ByQuery),
			chromedp.Value(`#q-workingWell`, &well, chromedp.ByQuery),
			chromedp.Value(`#q-service`, &service, chromedp.ByQuery))
		if team != "5" || well != "Lovely garden." || service != "svc-hillside-day" {
			t.Fatalf("draft answers = %q %q %q", team, well, service)
		}
	}
	check(b)
	b.cancel()

	b = newBrowser(t, profile)
	b.run(t, chromedp.Navigate(h.url+"/"),
		chromedp.WaitVisible(`//h2[text()="Not finished"]`, chromedp.BySearch),
		chromedp.Click(`li.draft a.card`, chromedp.ByQuery))
	check(b)
	if n := h.count(t, "quality-checker-visit"); n != 0 {
		t.Fatalf("a draft was sent: %d stored", n)
	}
}

// A response the server refuses stays on the device with the server's words.
func TestBrowserRejectedResponseStaysWithTheServerMessage(t *testing.T) {
	data := t.TempDir()
	h := start(t, "testdata/forms", data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	onlineOnce(b, t, h.url, "survey", "#q-name")
	h.stop()

	b.run(t, chromedp.Reload(), chromedp.Navigate(h.url+"/#/start/survey"),
		chromedp.WaitVisible(`#q-name`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-name`, "Sam", chromedp.ByQuery),
		chromedp.Click(`label[for="q-happy"]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))

	// The survey has closed by the time the phone finds a signal.
	h = startAt(t, addr, "testdata/forms-closed", data)
	b.run(t, chromedp.Reload())
	waitStatus(b, t, "1 needs changes")
	var detail string
	b.run(t, chromedp.Navigate(h.url+"/#/outbox"),
		chromedp.WaitVisible(`li.rejected .error-message`, chromedp.ByQuery),
		chromedp.Text(`li.rejected .error-message`, &detail, chromedp.ByQuery),
		chromedp.WaitVisible(`//button[text()="Discard"]`, chromedp.BySearch))
	if !strings.Contains(detail, "closed at 23:59 on Saturday 1 February 2020") {
		t.Fatalf("server message shown = %q", detail)
	}
	// "Change answers" brings it back as a draft, with the answers given.
	var name string
	b.run(t, chromedp.Click(`//button[text()="Change answers"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#q-name`, chromedp.ByQuery), chromedp.Value(`#q-name`, &name, chromedp.ByQuery))
	if name != "Sam" {
		t.Fatalf("corrected draft name = %q", name)
	}
	waitStatus(b, t, "Nothing waiting")
	if n := h.count(t, "survey"); n != 0 {
		t.Fatalf("%d stored", n)
	}
}

// Keyboard only: Tab to move, Space to tick, arrows within a radio group,
// Enter to send.
func TestBrowserKeyboardOnlyConsultation(t *testing.T) {
	h := start(t, "", "")
	h.app.Intake.SetClock(func() time.Time { return time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC) })
	b := newBrowser(t, "")
	b.run(t, chromedp.Navigate(h.url+"/#/start/coproduction-consultation"), chromedp.WaitVisible(`#q-connection`, chromedp.ByQuery))
	tabTo := func(id string) chromedp.Action {
		return chromedp.ActionFunc(func(ctx context.Context) error {
			for range 300 {
				var active string
				if err := chromedp.Run(ctx, chromedp.Evaluate(`document.activeElement.id`, &active)); err != nil {
					return err
				}
				if active == id {
					return nil
				}
				if err := chromedp.Run(ctx, chromedp.KeyEvent("\t")); err != nil {
					return err
				}
			}
			return context.DeadlineExceeded
		})
	}
	b.run(t,
		tabTo("q-connection-1"), chromedp.KeyEvent(" "), // I care for someone
		tabTo("q-involvedBefore"), chromedp.KeyEvent(" "), // Yes
		tabTo("q-waysToTakePart-1"), chromedp.KeyEvent(" "), // Online meetings
		tabTo("q-keepInTouch"), chromedp.KeyEvent(" "), chromedp.KeyEvent(kb.ArrowDown), // Yes, then arrow down to No
	)
	var sendFocused bool
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		for range 300 {
			if err := chromedp.Run(ctx, chromedp.KeyEvent("\t"), chromedp.Evaluate(`document.activeElement.type === 'submit'`, &sendFocused)); err != nil {
				return err
			}
			if sendFocused {
				return nil
			}
		}
		return context.DeadlineExceeded
	}), chromedp.KeyEvent(kb.Enter), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	if n := h.count(t, "coproduction-consultation"); n != 1 {
		t.Fatalf("%d stored, want 1", n)
	}
	docs := h.storedResponses(t, "coproduction-consultation")
	if len(docs) != 1 {
		t.Fatal(len(docs))
	}
	answers := docs[0].Answers
	if answers["keepInTouch"] != false || answers["involvedBefore"] != "yes" || answers["email"] != nil {
		t.Fatalf("answers = %v", answers)
	}
}

// The same draft open in two tabs, sent from both, makes one response.
func TestBrowserSameDraftInTwoTabs(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	signInPhone(b, t, h, h.url)
	var draftURL string
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		chromedp.Location(&draftURL))
	tab2, cancel := chromedp.NewContext(b.ctx)
	defer cancel()
	second := &browser{ctx: tab2, cancel: cancel}
	second.run(t, chromedp.Navigate(draftURL), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery))
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	// The second tab still shows the form: sending it, or changing an
	// answer, says the response was already sent, and stores nothing more.
	second.run(t, chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[text()="Already sent"]`, chromedp.BySearch))
	third, cancel3 := chromedp.NewContext(b.ctx)
	defer cancel3()
	stale := &browser{ctx: third, cancel: cancel3}
	stale.run(t, chromedp.Navigate(draftURL), chromedp.WaitVisible(`//h1[text()="Already sent"]`, chromedp.BySearch))
	var drafts int
	b.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('li.draft').length`, &drafts))
	if drafts != 0 {
		t.Errorf("%d drafts left after sending", drafts)
	}
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d responses stored from one draft in two tabs, want 1", n)
	}
}

// The connection drops mid-sync, after the server has stored the response
// but before its answer reaches the phone: the app keeps the response, sends
// it again, and the server stores it once.
func TestBrowserConnectionDropsMidSync(t *testing.T) {
	h := start(t, "", "")
	proxy := newDropProxy(t, strings.TrimPrefix(h.url, "http://"))
	b := newBrowser(t, "")
	signInPhone(b, t, h, proxy.url())
	b.run(t, chromedp.Navigate(proxy.url()+"/"),
		chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery))
	proxy.drops.Store(1)
	b.run(t, chromedp.Navigate(proxy.url()+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "3")
	b.run(t, chromedp.Poll(`document.querySelector('.receipt') !== null`, nil, chromedp.WithPollingTimeout(45*time.Second)))
	if proxy.dropped.Load() != 1 {
		t.Fatalf("%d sync replies lost, want 1: the test did not cut the connection", proxy.dropped.Load())
	}
	waitStatus(b, t, "Nothing waiting")
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
}

// A new version of a form is deployed while a draft is in progress: the
// draft stays on the version it was started on, and is sent and accepted
// against it.
func TestBrowserDraftKeepsItsFormVersion(t *testing.T) {
	data := t.TempDir()
	h := start(t, "testdata/forms", data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	var draftURL string
	b.run(t, chromedp.Navigate(h.url+"/"),
		chromedp.WaitVisible(`a[href="#/start/survey"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/start/survey"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-name`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-name`, "Sam", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Location(&draftURL))
	h.stop()

	h = startAt(t, addr, "testdata/forms-v2", data)
	b.run(t, chromedp.Navigate("about:blank"), chromedp.Navigate(draftURL),
		chromedp.WaitVisible(`#q-name`, chromedp.ByQuery))
	var name string
	var hasMood bool
	b.run(t, chromedp.Value(`#q-name`, &name, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[name=mood]') !== null`, &hasMood))
	if name != "Sam" || hasMood {
		t.Fatalf("draft after the new version: name %q, shows version 2's question: %v", name, hasMood)
	}
	b.run(t, chromedp.Click(`label[for="q-happy"]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	if docs := h.storedResponses(t, "survey"); len(docs) != 1 || docs[0].FormVersion != "1" {
		t.Fatalf("stored %+v; want one response on version 1", docs)
	}
}

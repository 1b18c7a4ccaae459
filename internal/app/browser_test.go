package app_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browser is a real headless Chromium with its own profile.
type browser struct {
	ctx    context.Context
	cancel func()
}

// newBrowser starts Chromium; profile "" makes a new one. Without Chromium
// the test is skipped, except in CI, where .ci/run installs it.
func newBrowser(t *testing.T, profile string) *browser {
	t.Helper()
	b, err := launch(profile, func() string { return tempProfile(t) })
	if err != nil {
		if os.Getenv("CI") == "" && errors.Is(err, exec.ErrNotFound) {
			t.Skip("chromium is not installed: browser tests not run")
		}
		t.Fatal(err)
	}
	t.Cleanup(b.cancel)
	return b
}

// newBrowserB is newBrowser for benchmarks.
func newBrowserB(tb testing.TB) *browser {
	b, err := launch("", func() string { return tempProfile(tb) })
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(b.cancel)
	return b
}

// tempProfile makes a browser profile directory that is removed after the
// test, waiting for Chromium's helper processes to let go of it.
func tempProfile(tb testing.TB) string {
	dir, err := os.MkdirTemp("", "chorus-profile-")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for range 50 {
			if os.RemoveAll(dir) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	return dir
}

func launch(profile string, tempDir func() string) (*browser, error) {
	path, err := exec.LookPath("chromium")
	if err != nil {
		return nil, fmt.Errorf("chromium is needed for the browser tests: %w", err)
	}
	if profile == "" {
		profile = tempDir()
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.UserDataDir(profile),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(412, 915), // a phone
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 180*time.Second)
	b := &browser{ctx: ctx, cancel: func() { cancelTimeout(); cancelCtx(); cancelAlloc() }}
	if err := chromedp.Run(ctx); err != nil {
		b.cancel()
		return nil, err
	}
	return b, nil
}

func (b *browser) run(t *testing.T, actions ...chromedp.Action) {
	t.Helper()
	if err := chromedp.Run(b.ctx, actions...); err != nil {
		var html string
		_ = chromedp.Run(b.ctx, chromedp.OuterHTML("main", &html, chromedp.ByQuery))
		t.Fatalf("%v\npage: %.2000s", err, html)
	}
}

// pick sets a select's value as a person would, firing its change event.
func pick(sel, value string) chromedp.Action {
	return chromedp.Evaluate(fmt.Sprintf(`(() => { const s = document.querySelector(%q); s.value = %q; s.dispatchEvent(new Event('change', {bubbles: true})); })()`, sel, value), nil)
}

// signInPhone signs the browser in as a Quality Checker at base (the
// server, or a proxy in front of it): an officer adds a volunteer through
// the API, and the code is typed into the app's sign-in screen.
// It returns the officer's sign-in and the volunteer's id.
func signInPhone(b *browser, t *testing.T, h *harness, base string) (creds, string) {
	t.Helper()
	officer := h.signIn(t, "officer")
	r := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Sam"})
	if r.status != 201 {
		t.Fatalf("add volunteer: %d %s", r.status, r.raw)
	}
	typeCode(b, t, base, r.body["code"].(string))
	return officer, r.body["volunteer"].(map[string]any)["id"].(string)
}

// typeCode signs the app in with a code, as a person types it.
func typeCode(b *browser, t *testing.T, base, code string) {
	t.Helper()
	b.run(t,
		chromedp.Navigate(base+"/#/signin"),
		chromedp.WaitVisible(`#code`, chromedp.ByQuery),
		chromedp.SendKeys(`#code`, strings.ToLower(code), chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
	)
}

// fillVisit fills the Quality Checker visit form's required questions.
// A form opened with a draft left unfinished asks first: it starts again.
func fillVisit(b *browser, t *testing.T, team string) {
	b.run(t,
		startAgainIfAsked(),
		chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		pick(`#q-service`, "svc-the-maples"),
		chromedp.Click(`//button[text()="Today"]`, chromedp.BySearch),
		chromedp.Click(`label[for="q-announced-1"]`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-teamSize`, team, chromedp.ByQuery),
		chromedp.Click(`label[for="q-safeFeelSafe"]`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-safeguardingConcern-1"]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
	)
}

func TestBrowserFillVisitOnline(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	signInPhone(b, t, h, h.url)
	var receipt string
	b.run(t,
		chromedp.Navigate(h.url+"/"),
		chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
	)
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`.receipt`, chromedp.ByQuery), chromedp.Text(`.receipt`, &receipt, chromedp.ByQuery))
	if !receiptPattern.MatchString(strings.TrimSpace(receipt)) {
		t.Fatalf("receipt shown = %q", receipt)
	}
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
}

func TestBrowserOfflineThenSendsExactlyOnce(t *testing.T) {
	data := t.TempDir()
	h := start(t, "", data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	signInPhone(b, t, h, h.url)
	// Online once: the worker installs, and the form and services are kept.
	b.run(t,
		chromedp.Navigate(h.url+"/"),
		workerInControl(),
		chromedp.Click(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-service`, chromedp.ByQuery),
		chromedp.Navigate(h.url+"/"),
	)
	h.stop()

	// Offline: the page reloads from the worker; two responses go to the outbox.
	b.run(t, chromedp.Reload(), chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery))
	// A safeguarding concern shows whom to phone at once, offline too.
	var notice string
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"),
		chromedp.WaitVisible(`label[for="q-safeguardingConcern"]`, chromedp.ByQuery),
		chromedp.ScrollIntoView(`label[for="q-safeguardingConcern"]`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-safeguardingConcern"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#q-safeguardingPhone a[href="tel:01632960000"]`, chromedp.ByQuery),
		chromedp.Text(`#q-safeguardingPhone`, &notice, chromedp.ByQuery))
	if !strings.Contains(notice, "Phone 01632 960 000") {
		t.Errorf("safeguarding notice = %q", notice)
	}
	for _, team := range []string{"2", "4"} {
		b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
		fillVisit(b, t, team)
		b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))
	}
	var status string
	b.run(t, chromedp.Navigate(h.url+"/#/outbox"), chromedp.WaitVisible(`//h1[text()="Waiting to send"]`, chromedp.BySearch),
		chromedp.Text(`#status`, &status, chromedp.ByQuery))
	if !strings.Contains(status, "2 waiting to send") {
		t.Fatalf("status while offline = %q", status)
	}

	// Back online: opening the app sends the outbox, once.
	h = startAt(t, addr, "", data)
	b.run(t, chromedp.Reload(),
		chromedp.Poll(`document.querySelector('#status').textContent.includes('Nothing waiting')`, nil, chromedp.WithPollingTimeout(30*time.Second)))
	if n := h.count(t, "quality-checker-visit"); n != 2 {
		t.Fatalf("%d responses stored, want 2", n)
	}
	var sent int
	b.run(t, chromedp.Navigate(h.url+"/#/sent"), chromedp.WaitVisible(`//h1[text()="Sent"]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('.receipt').length`, &sent))
	if sent != 2 {
		t.Fatalf("%d receipts listed, want 2", sent)
	}
}

// workerWait is how long a test waits for the app's service worker to take
// control: installing caches every file of the app, which on a loaded
// machine under the race detector has taken over 30 seconds.
const workerWait = 90 * time.Second

// workerInControl waits until the app's service worker controls the page.
// Once the worker is active, a page it has not claimed is reloaded, as a
// person opening the app again would be: Chromium now and then leaves
// unclaimed the page that loaded while the worker activated (seen active,
// the page uncontrolled, for 90 s), and that page alone would not work
// offline.
func workerInControl() chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(workerWait)
		reloads := 0
		for {
			var state string
			err := chromedp.Evaluate(`navigator.serviceWorker.getRegistration().then(r => navigator.serviceWorker.controller ? 'control' : (r && r.active && r.active.state === 'activated' ? 'active' : 'waiting'))`,
				&state, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }).Do(ctx)
			switch {
			case err != nil:
				return err
			case state == "control":
				return nil
			case time.Now().After(deadline):
				return fmt.Errorf("the service worker did not take control of the page in %v (%s)", workerWait, state)
			case state == "active" && reloads < 3:
				// Give the worker's claim a moment before reloading.
				if err := chromedp.Sleep(time.Second).Do(ctx); err != nil {
					return err
				}
				var now bool
				if err := chromedp.Evaluate(`navigator.serviceWorker.controller !== null`, &now).Do(ctx); err != nil {
					return err
				}
				if !now {
					reloads++
					if err := chromedp.Reload().Do(ctx); err != nil {
						return err
					}
				}
			default:
				if err := chromedp.Sleep(100 * time.Millisecond).Do(ctx); err != nil {
					return err
				}
			}
		}
	})
}

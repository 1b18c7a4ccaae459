package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// An officer signs a volunteer's phone out while a visit waits in its
// outbox: the server answers 401, the app keeps the visit and asks for a
// new code; once the person signs in with it, the visit is sent, once.
func TestBrowserRevokedPhoneKeepsItsQueue(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	officer, volunteerID := signInPhone(b, t, h, h.url)
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "2") // sent at once, to show the phone works
	b.run(t, chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))

	if r := h.as(t, officer, "DELETE", "/api/v1/volunteers/"+volunteerID+"/devices", "", nil); r.status != 200 || r.body["revoked"] != float64(1) {
		t.Fatalf("revoke: %d %s", r.status, r.raw)
	}
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))
	waitStatus(b, t, "sign in again to send")
	var notice string
	// Polled: the list may be drawn again as its refresh comes back.
	b.run(t, chromedp.Navigate(h.url+"/#/"), chromedp.WaitVisible(`//h2[text()="Sign in again"]`, chromedp.BySearch),
		chromedp.Poll(`(document.querySelector('.notice')?.textContent || '').includes('Ask your officer')`, nil, chromedp.WithPollingTimeout(20*time.Second)),
		chromedp.Text(`.notice`, &notice, chromedp.ByQuery))
	if !strings.Contains(notice, "Ask your officer for a new code") || !strings.Contains(notice, "kept on this phone") {
		t.Errorf("notice = %q", notice)
	}
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d visits stored while signed out, want the first one only", n)
	}

	// A new code: the waiting visit goes, once.
	r := h.as(t, officer, "POST", "/api/v1/volunteers/"+volunteerID+"/codes", "", nil)
	if r.status != 201 {
		t.Fatalf("new code: %d %s", r.status, r.raw)
	}
	typeCode(b, t, h.url, r.body["code"].(string))
	waitStatus(b, t, "Nothing waiting")
	if n := h.count(t, "quality-checker-visit"); n != 2 {
		t.Fatalf("%d visits stored, want 2", n)
	}
	var sent int
	b.run(t, chromedp.Navigate(h.url+"/#/sent"), chromedp.WaitVisible(`//h1[text()="Sent"]`, chromedp.BySearch),
		chromedp.Evaluate(`document.querySelectorAll('.receipt').length`, &sent))
	if sent != 2 {
		t.Fatalf("%d receipts on the phone, want 2", sent)
	}
}

// The link in a sign-in QR code signs the phone in when opened.
func TestBrowserSignInLink(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	r := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Pat"})
	if r.status != 201 || !strings.HasPrefix(r.body["qr"].(string), "data:image/png;base64,") {
		t.Fatalf("add volunteer: %d %s", r.status, r.raw)
	}
	b := newBrowser(t, "")
	var who string
	b.run(t, chromedp.Navigate(r.body["link"].(string)),
		chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery),
		chromedp.Text(`//p[contains(., "Signed in as")]`, &who, chromedp.BySearch))
	if !strings.Contains(who, "Signed in as Pat") {
		t.Errorf("home says %q", who)
	}
}

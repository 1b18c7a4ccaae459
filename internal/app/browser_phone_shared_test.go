package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A phone shared by two Quality Checkers: Ann fills a draft and queues a
// visit while the server cannot store it, then signs out keeping it for
// later; Bob signs in on the same browser profile and can neither see nor
// send any of Ann's work, and what he sends carries his name; when Ann
// signs in again, her visit is sent as hers.
func TestBrowserPhoneSharedBetweenVolunteers(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	annCode, annID := newCode(t, h, officer, "Ann")
	bobCode, bobID := newCode(t, h, officer, "Bob")
	b := newBrowser(t, "")
	typeCode(b, t, h.url, annCode)

	// Ann sends one visit (a receipt in her sent list), starts another
	// (a draft) and queues a third while the database is down.
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "2")
	b.run(t, chromedp.WaitVisible(`.receipt`, chromedp.ByQuery),
		chromedp.Navigate(h.url+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-workingWell`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-workingWell`, "Ann's private note", chromedp.ByQuery), chromedp.Sleep(500*time.Millisecond))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "4")
	b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch), chromedp.Sleep(time.Second))
	waitStatus(b, t, "1 waiting to send")
	for store, want := range map[string]int{"drafts": 1, "outbox": 1, "sent": 1} {
		if got := deviceRecords(b, t, store); len(got) != want || got[0]["owner"] != annID {
			t.Fatalf("before signing out, %s = %v; want %d of Ann's", store, got, want)
		}
	}

	// Signing out asks on a screen of its own (no browser dialog), in plain words.
	var asked string
	b.run(t, chromedp.Navigate(h.url+"/#/"), chromedp.Click(`a[href="#/signout"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//button[text()="Keep it for when I sign in again"]`, chromedp.BySearch),
		chromedp.Text(`main`, &asked, chromedp.ByQuery))
	for _, want := range []string{"Send what is waiting first", "1 form is waiting to send", "nobody else can see or send them", "deletes it from this phone"} {
		if !strings.Contains(asked, want) {
			t.Errorf("the sign-out screen lacks %q:\n%s", want, asked)
		}
	}
	axeNoViolations(b, t, "sign out")
	var told string
	b.run(t, chromedp.Click(`//button[text()="Keep it for when I sign in again"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="This phone is signed out"]`, chromedp.BySearch),
		chromedp.Text(`main`, &told, chromedp.ByQuery))
	if !strings.Contains(told, "1 form is kept on this phone, hidden") || !strings.Contains(told, "sent when Ann signs in again") {
		t.Errorf("after signing out: %q", told)
	}
	if d, s := deviceRecords(b, t, "drafts"), deviceRecords(b, t, "sent"); len(d) != 0 || len(s) != 0 {
		t.Fatalf("Ann's drafts %v and sent list %v are still on the phone", d, s)
	}
	if err := h.outage(t).EndSimulatedOutage(); err != nil {
		t.Fatal(err)
	}

	// Nobody signed in, then Bob: Ann's visit is neither shown nor sent.
	typeCode(b, t, h.url, bobCode)
	var page string
	for _, screen := range []string{"/#/", "/#/outbox", "/#/sent"} {
		b.run(t, chromedp.Navigate(h.url+screen), chromedp.WaitVisible(`h1`, chromedp.ByQuery), chromedp.Sleep(300*time.Millisecond),
			chromedp.Text(`body`, &page, chromedp.ByQuery))
		if strings.Contains(page, "Ann") || strings.Contains(page, "Not finished") || strings.Contains(page, "Quality Checker visit\nSaved") || strings.Contains(page, "Reference") {
			t.Errorf("Bob sees Ann's work on %s:\n%s", screen, page)
		}
	}
	waitStatus(b, t, "Nothing waiting to send")
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"))
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`.receipt`, chromedp.ByQuery), chromedp.Sleep(2*time.Second))
	stored := h.storedResponses(t, "quality-checker-visit")
	if len(stored) != 2 {
		t.Fatalf("%d visits stored while Bob was signed in, want Ann's first and Bob's", len(stored))
	}
	for _, r := range stored {
		if r.Answers["teamSize"] == float64(4) || r.Answers["teamSize"] == int64(4) {
			t.Fatalf("Ann's kept visit was sent under Bob's sign-in: %+v", r)
		}
		if want := map[any]string{float64(2): annID, int64(2): annID, float64(3): bobID, int64(3): bobID}[r.Answers["teamSize"]]; r.SentBy != "volunteer:"+want {
			t.Errorf("visit with team %v sent by %q, want volunteer:%s", r.Answers["teamSize"], r.SentBy, want)
		}
	}

	// Bob signs out (nothing waits: one button), Ann signs in again: her visit goes, as hers.
	b.run(t, chromedp.Navigate(h.url+"/#/signout"), chromedp.WaitVisible(`//button[text()="Sign out"]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Sign out"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="This phone is signed out"]`, chromedp.BySearch))
	typeCode(b, t, h.url, againCode(t, h, officer, annID))
	waitStatus(b, t, "Nothing waiting to send")
	stored = h.storedResponses(t, "quality-checker-visit")
	if len(stored) != 3 {
		t.Fatalf("%d visits stored after Ann signed in again, want 3", len(stored))
	}
	var found bool
	for _, r := range stored {
		if r.Answers["teamSize"] == float64(4) || r.Answers["teamSize"] == int64(4) {
			found = true
			if r.SentBy != "volunteer:"+annID {
				t.Errorf("Ann's kept visit sent by %q, want volunteer:%s", r.SentBy, annID)
			}
		}
	}
	if !found {
		t.Fatal("Ann's kept visit was not stored")
	}
}

// Signing out with "Send what is waiting first" sends the waiting visit
// under the volunteer's own sign-in before the phone forgets it, and says
// that everything was sent.
func TestBrowserPhoneSignOutSendsFirst(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	code, id := newCode(t, h, officer, "Cat")
	b := newBrowser(t, "")
	typeCode(b, t, h.url, code)
	b.run(t, chromedp.Navigate(h.url+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-service`, chromedp.ByQuery)) // the form, kept on the phone
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	fillVisit(b, t, "2")
	b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))
	waitStatus(b, t, "1 waiting to send")
	if err := h.outage(t).EndSimulatedOutage(); err != nil {
		t.Fatal(err)
	}
	var told string
	b.run(t, chromedp.Navigate(h.url+"/#/signout"), chromedp.WaitVisible(`//p[text()="1 form is waiting to send."]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Send what is waiting first"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="This phone is signed out"]`, chromedp.BySearch), chromedp.Text(`main`, &told, chromedp.ByQuery))
	if !strings.Contains(told, "Everything was sent.") {
		t.Errorf("after sending first and signing out: %q", told)
	}
	if stored := h.storedResponses(t, "quality-checker-visit"); len(stored) != 1 || stored[0].SentBy != "volunteer:"+id {
		t.Fatalf("stored %+v, want one visit sent by volunteer:%s", stored, id)
	}
	if o, s := deviceRecords(b, t, "outbox"), deviceRecords(b, t, "sent"); len(o) != 0 || len(s) != 0 {
		t.Errorf("left on the phone: outbox %v, sent %v", o, s)
	}
}

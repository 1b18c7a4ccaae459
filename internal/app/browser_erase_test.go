package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A resident asks for their consultation response to be deleted, quoting
// its reference: an officer finds it by the reference, erases it with the
// request's reference as the reason, and it is gone from the list.
func TestBrowserEraseOnRequest(t *testing.T) {
	h := start(t, "", "")
	send := func() string {
		r := h.postJSON(t, "/api/v1/forms/coproduction-consultation/responses", map[string]any{"id": newID(), "formVersion": "1",
			"answers": map[string]any{"connection": []string{"carer"}, "involvedBefore": "no", "waysToTakePart": []string{"online"},
				"keepInTouch": false, "listens": "agree"}})
		if r.status != 201 {
			t.Fatalf("response: %d %s", r.status, r.raw)
		}
		return r.body["receipt"].(string)
	}
	receipt, other := send(), send()
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "erase@example.org")
	spoken := strings.ToLower(strings.ReplaceAll(receipt, "-", " ")) // as read out on the phone
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/coproduction-consultation/responses"), chromedp.WaitVisible(`//a[text()="`+other+`"]`, chromedp.BySearch),
		chromedp.SendKeys(`#q`, spoken, chromedp.ByQuery), chromedp.Submit(`#q`, chromedp.ByQuery),
		// The search found the one response: the other has left the list.
		chromedp.WaitNotPresent(`//a[text()="`+other+`"]`, chromedp.BySearch),
		chromedp.Click(`//a[text()="`+receipt+`"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Click(`//summary[text()="Erase this response"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#ereason`, chromedp.ByQuery))
	axeScan(b, t, "erase a response")
	b.run(t, chromedp.Evaluate(`window.confirm = () => true`, nil),
		chromedp.Click(`//button[text()="Erase for good"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="alert"][contains(., "Say why")]`, chromedp.BySearch),
		chromedp.SendKeys(`#ereason`, "Request ER-2026-15", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Erase for good"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="`+receipt+` is erased"]`, chromedp.BySearch),
		chromedp.Click(`//a[contains(., "Back to the responses")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//a[text()="`+other+`"]`, chromedp.BySearch))
	var listed int
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('td a')].filter((a) => a.textContent === '`+receipt+`').length`, &listed))
	if listed != 0 {
		t.Error("the erased response is still in the list")
	}
	if got := h.getAs(t, h.signIn(t, "officer"), "/api/v1/officer/forms/coproduction-consultation/responses?q="+receipt); len(got.body["rows"].([]any)) != 0 {
		t.Errorf("the erased response is still listed: %s", got.raw)
	}
}

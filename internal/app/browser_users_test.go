package app_test

import (
	"testing"

	"github.com/chromedp/chromedp"

	"chorus/internal/chorus"
)

// An admin adds an officer from the console, gives them a new password,
// disables them, and opens the account again with another password; an
// officer has no such page.
func TestBrowserAdminManagesOfficers(t *testing.T) {
	h := start(t, "testdata/forms", "")
	b := newBrowser(t, "")
	signInConsole(b, t, h, "head@example.org", "admin")
	b.run(t, chromedp.Click(`#nav-users`, chromedp.ByQuery), chromedp.WaitVisible(`#uemail`, chromedp.ByQuery))
	axeScan(b, t, "officers and admins")

	b.run(t, chromedp.SendKeys(`#uemail`, "new.officer@example.org", chromedp.ByQuery),
		chromedp.SendKeys(`#upassword`, "the first long password", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Add"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "Added new.officer@example.org")]`, chromedp.BySearch))
	signInWorks := func(password string) bool {
		_, _, err := h.app.Auth.SignIn(t.Context(), "new.officer@example.org", password, "192.0.2.20")
		return err == nil
	}
	if !signInWorks("the first long password") {
		t.Fatal("the added officer cannot sign in")
	}

	// A short password is refused with the server's words; a good one is set.
	b.run(t, chromedp.Click(`//summary[contains(., "Give new.officer@example.org a new password")]`, chromedp.BySearch),
		chromedp.SendKeys(`details[open] input[type=password]`, "short", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Set the new password"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="alert"][contains(., "at least 12 characters")]`, chromedp.BySearch),
		chromedp.Click(`//summary[contains(., "Give new.officer@example.org a new password")]`, chromedp.BySearch),
		chromedp.SendKeys(`details[open] input[type=password]`, "the second long password", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Set the new password"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "has a new password and is signed out everywhere")]`, chromedp.BySearch))
	if signInWorks("the first long password") || !signInWorks("the second long password") {
		t.Error("after the new password: the old one works, or the new one does not")
	}

	b.run(t, chromedp.Evaluate(`window.confirm = () => true`, nil),
		chromedp.Click(`//button[text()="Disable new.officer@example.org"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "new.officer@example.org is disabled")]`, chromedp.BySearch))
	if signInWorks("the second long password") {
		t.Error("a disabled officer signed in")
	}
	b.run(t, chromedp.Click(`//summary[contains(., "Give new.officer@example.org a new password")]`, chromedp.BySearch),
		chromedp.SendKeys(`details[open] input[type=password]`, "the third long password", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Set the password and open the account"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[contains(., "Their account is open again")]`, chromedp.BySearch))
	if !signInWorks("the third long password") {
		t.Error("the reopened officer cannot sign in")
	}

	// An officer sees no link to the page, and the page shows them nothing of it.
	officer := newBrowser(t, "")
	signInOfficer(officer, t, h, "plain@example.org")
	var linkHidden bool
	officer.run(t, chromedp.Evaluate(`document.getElementById('nav-users').hidden`, &linkHidden),
		chromedp.Navigate(h.url+"/officer#/users"), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
	if !linkHidden {
		t.Error("an officer sees the link to the accounts page")
	}
	users, err := h.app.Auth.Users(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Email == "new.officer@example.org" && (u.Role != chorus.RoleOfficer || u.DisabledAt != nil) {
			t.Errorf("the officer at the end: %+v", u)
		}
	}
}

// An officer changes their own password: a wrong current one and two new
// ones that differ are refused with words to act on; then they are signed
// out and sign in with the new one, and not with the old.
func TestBrowserOfficerChangesTheirPassword(t *testing.T) {
	h := start(t, "testdata/forms", "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "own@example.org")
	b.run(t, chromedp.Click(`//a[text()="Change your password"]`, chromedp.BySearch), chromedp.WaitVisible(`#pcurrent`, chromedp.ByQuery))
	axeScan(b, t, "change your password")
	fill := func(current, fresh, again string) {
		b.run(t, chromedp.SendKeys(`#pcurrent`, current, chromedp.ByQuery), chromedp.SendKeys(`#pnew`, fresh, chromedp.ByQuery),
			chromedp.SendKeys(`#pagain`, again, chromedp.ByQuery), chromedp.Click(`//button[text()="Change the password"]`, chromedp.BySearch))
	}
	fill("not my password at all", "a brand new password", "a brand new password")
	b.run(t, chromedp.WaitVisible(`//div[@role="alert"][contains(., "Your current password is not right")]`, chromedp.BySearch))
	fill(testPassword, "a brand new password", "a brand new passwort")
	b.run(t, chromedp.WaitVisible(`//div[@role="alert"][contains(., "The two new passwords differ")]`, chromedp.BySearch))
	fill(testPassword, "a brand new password", "a brand new password")
	b.run(t, chromedp.WaitVisible(`//p[contains(., "Your password is changed")]`, chromedp.BySearch),
		chromedp.WaitVisible(`#email`, chromedp.ByQuery))
	if _, _, err := h.app.Auth.SignIn(t.Context(), "own@example.org", testPassword, "192.0.2.30"); err == nil {
		t.Error("the old password still signs in")
	}
	b.run(t, chromedp.SendKeys(`#email`, "own@example.org", chromedp.ByQuery), chromedp.SendKeys(`#password`, "a brand new password", chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Dashboard"]`, chromedp.BySearch))
}

// An officer removes a Quality Checker who has left, from the console.
func TestBrowserRemoveVolunteer(t *testing.T) {
	h := start(t, "testdata/forms", "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "qc-lead@example.org")
	b.run(t, chromedp.Navigate(h.url+"/officer#/volunteers"), chromedp.WaitVisible(`#vname`, chromedp.ByQuery),
		chromedp.SendKeys(`#vname`, "Robin", chromedp.ByQuery), chromedp.Click(`//button[text()="Add and get a code"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Remove Robin"]`, chromedp.BySearch),
		chromedp.Evaluate(`window.confirm = () => true`, nil),
		chromedp.Click(`//button[text()="Remove Robin"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[text()="Robin is removed."]`, chromedp.BySearch),
		chromedp.WaitVisible(`//p[text()="No Quality Checkers yet."]`, chromedp.BySearch))
}

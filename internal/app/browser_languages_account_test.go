package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A Quality Checker whose phone speaks Arabic signs in and out in Arabic:
// the screens lay out right to left, a code that does not work is told in
// Arabic, the sign-out question and what it did are in Arabic words, and
// each screen passes axe with nothing overflowing at 320 px. Then the same
// phone in Polish: the sign-in screen and its problem in Polish.
func TestBrowserSignInAndOutInTheirLanguage(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	code, _ := newCode(t, h, officer, "Amal")
	b := newBrowser(t, "")
	chooseAppLanguage := func(code string) chromedp.Action {
		return chromedp.Evaluate(`localStorage.setItem('chorus.language', '`+code+`')`, nil)
	}

	b.run(t, chromedp.EmulateViewport(320, 640), chromedp.Navigate(h.url+"/"), chooseAppLanguage("ar"),
		chromedp.Navigate(h.url+"/#/signin"), chromedp.Reload(), chromedp.WaitVisible(`#code`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "تسجيل الدخول")
	if got := languageOnPage(b, t); got.Lang != "ar" || got.Dir != "rtl" {
		t.Errorf("the sign-in screen in Arabic: %+v", got)
	}
	if s := textIn(b, t, `label[for=code]`); s != "رمزك" {
		t.Errorf("the code's label: %q", s)
	}
	b.run(t, chromedp.SendKeys(`#code`, "WXYZ-2345", chromedp.ByQuery), chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#code-error`, chromedp.ByQuery))
	if s := textIn(b, t, `#code-error`); !strings.HasPrefix(s, "هذا الرمز لا يعمل") {
		t.Errorf("a code that does not work, told in Arabic: %q", s)
	}
	noSidewaysScroll(b, t, "sign in, Arabic, 320 px")
	axeNoViolations(b, t, "sign in in Arabic with a problem")

	b.run(t, chromedp.Evaluate(`document.querySelector("#code").value = ""`, nil), chromedp.SendKeys(`#code`, strings.ToLower(code), chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`a[href="#/signout"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="#/signout"]`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "تسجيل خروج هذا الهاتف")
	if s := textIn(b, t, `main`); !strings.Contains(s, "أنت مسجَّل الدخول باسم Amal.") || !strings.Contains(s, "لا شيء ينتظر الإرسال.") {
		t.Errorf("the sign-out screen in Arabic: %q", s)
	}
	noSidewaysScroll(b, t, "sign out, Arabic, 320 px")
	axeNoViolations(b, t, "sign out in Arabic")
	b.run(t, chromedp.Click(`main .nav button.primary`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "تم تسجيل خروج هذا الهاتف")
	if s := textIn(b, t, `main`); !strings.Contains(s, "تم إرسال كل شيء.") || !strings.Contains(s, "Amal") {
		t.Errorf("signed out, in Arabic: %q", s)
	}
	axeNoViolations(b, t, "signed out in Arabic")

	b.run(t, chooseAppLanguage("pl"), chromedp.Navigate(h.url+"/#/signin"), chromedp.Reload(), chromedp.WaitVisible(`#code`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "Zaloguj się")
	b.run(t, chromedp.SendKeys(`#code`, "WXYZ-2345", chromedp.ByQuery), chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#code-error`, chromedp.ByQuery))
	if got, s := languageOnPage(b, t), textIn(b, t, `#code-error`); got.Lang != "pl" || got.Dir != "ltr" || !strings.HasPrefix(s, "Ten kod nie działa") {
		t.Errorf("sign in in Polish: %+v %q", got, s)
	}
}

package app_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// councilEnv are the council's settings the branding tests run with; the
// name has a character that must be escaped in HTML.
var councilEnv = map[string]string{
	"CHORUS_COUNCIL_NAME":      "Northshire & Dales Council",
	"CHORUS_CONTACT":           "chorus@northshire.example.gov.uk",
	"CHORUS_PRIVACY_URL":       "https://www.northshire.example.gov.uk/privacy?service=chorus&v=2",
	"CHORUS_ACCESSIBILITY_URL": "https://www.northshire.example.gov.uk/accessibility/chorus",
}

// withCouncil runs test servers started by the test with councilEnv.
func withCouncil(t *testing.T) {
	old := siteEnv
	siteEnv = councilEnv
	t.Cleanup(func() { siteEnv = old })
}

// The app's and the console's pages are served with the council's name in
// the header and a footer of links, escaped; with no settings, neither.
func TestConsoleBrandingInThePages(t *testing.T) {
	plain := start(t, "", "")
	for _, path := range []string{"/", "/officer"} {
		page := string(plain.get(t, path).raw)
		if strings.Contains(page, "<footer") || strings.Contains(page, `class="council"`) || strings.Contains(page, "<!--site:") {
			t.Errorf("%s without settings: %s", path, page)
		}
	}
	withCouncil(t)
	h := start(t, "", "")
	for _, path := range []string{"/", "/officer", "/index.html", "/fill/x"} {
		page := string(h.get(t, path).raw)
		for _, want := range []string{
			`<span class="council">Northshire &amp; Dales Council</span>`,
			`<a href="https://www.northshire.example.gov.uk/privacy?service=chorus&amp;v=2">Privacy notice</a>`,
			`<a href="https://www.northshire.example.gov.uk/accessibility/chorus">Accessibility statement</a>`,
			`Contact: <a href="mailto:chorus@northshire.example.gov.uk">chorus@northshire.example.gov.uk</a>`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
	}
	// The settings are part of the app's version: a change installs a new worker.
	version := regexp.MustCompile(`const VERSION = '([0-9a-f]+)'`)
	a, b := version.FindStringSubmatch(string(plain.get(t, "/sw.js").raw)), version.FindStringSubmatch(string(h.get(t, "/sw.js").raw))
	if a == nil || b == nil || a[1] == b[1] {
		t.Errorf("the service worker's version does not change with the council's settings: %q %q", a, b)
	}
}

// With the council's settings, the header names the council and the
// service and the footer links its privacy notice and accessibility
// statement and gives the contact, on the app (offline too, after one
// visit) and on the console; axe finds nothing wrong with them.
func TestBrowserBranding(t *testing.T) {
	withCouncil(t)
	h := start(t, "", "")
	b := newBrowser(t, "")
	check := func(where string) {
		t.Helper()
		var brand, footer, privacy, access, contact string
		b.run(t, chromedp.WaitVisible(`footer.footer`, chromedp.ByQuery),
			chromedp.Text(`header .brand`, &brand, chromedp.ByQuery), chromedp.Text(`footer`, &footer, chromedp.ByQuery),
			chromedp.AttributeValue(`//footer//a[text()="Privacy notice"]`, "href", &privacy, nil, chromedp.BySearch),
			chromedp.AttributeValue(`//footer//a[text()="Accessibility statement"]`, "href", &access, nil, chromedp.BySearch),
			chromedp.AttributeValue(`footer .footer-contact a`, "href", &contact, nil, chromedp.ByQuery))
		if !strings.Contains(brand, "Northshire & Dales Council") || !strings.Contains(brand, "Chorus") {
			t.Errorf("%s: header %q", where, brand)
		}
		if privacy != councilEnv["CHORUS_PRIVACY_URL"] || access != councilEnv["CHORUS_ACCESSIBILITY_URL"] || contact != "mailto:"+councilEnv["CHORUS_CONTACT"] {
			t.Errorf("%s: footer links %q %q %q", where, privacy, access, contact)
		}
		if !strings.Contains(footer, "Contact: chorus@northshire.example.gov.uk") || !strings.Contains(footer, "Chorus is run by Northshire & Dales Council.") {
			t.Errorf("%s: footer %q", where, footer)
		}
	}
	b.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery),
		workerInControl())
	check("the app")
	axeNoViolations(b, t, "the app's forms list, with header and footer")

	signInOfficer(b, t, h, "brand@example.org")
	check("the console")
	var service string
	b.run(t, chromedp.Text(`header .brand .service-name`, &service, chromedp.ByQuery))
	if service != "Chorus for officers" {
		t.Errorf("console header names the service %q", service)
	}

	// Offline: the app's copy on the phone still says whose service it is.
	b.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery))
	h.stop()
	b.run(t, chromedp.Reload(), chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery))
	check("the app offline")
}

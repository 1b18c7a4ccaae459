package web

import (
	"bytes"
	"html"
	"regexp"
	"strings"

	"chorus/internal/config"
)

// The places in the app's HTML pages where the council's settings go.
// The pages are filled once, at start-up, before their ETags and the
// service worker's version are taken: a phone keeps the filled page with
// the rest of the app, so the header and footer show offline too, and a
// change of settings installs a new worker.
const (
	councilMark = "<!--site:council-->"
	footerMark  = "<!--site:footer-->"
)

// fillSite writes the council's name into a page's header and the footer
// (privacy notice, accessibility statement, contact) into its body. Every
// value is escaped; a setting left empty is not shown, and with none set
// there is no footer.
func fillSite(page []byte, s config.Site) []byte {
	council := ""
	if s.CouncilName != "" {
		council = `<span class="council">` + html.EscapeString(s.CouncilName) + `</span> `
	}
	page = bytes.ReplaceAll(page, []byte(councilMark), []byte(council))
	return bytes.ReplaceAll(page, []byte(footerMark), []byte(footerHTML(s)))
}

// footerHTML is the footer of every page, like GOV.UK's: support links,
// then who runs the service and how to reach it.
func footerHTML(s config.Site) string {
	if s == (config.Site{}) {
		return ""
	}
	var b strings.Builder
	b.WriteString(`<footer class="footer"><div class="footer-inner"><h2 class="visually-hidden">Support links</h2>`)
	if s.PrivacyURL != "" || s.AccessibilityURL != "" {
		b.WriteString(`<ul class="footer-links">`)
		for _, l := range []struct{ href, text string }{{s.PrivacyURL, "Privacy notice"}, {s.AccessibilityURL, "Accessibility statement"}} {
			if l.href != "" {
				b.WriteString(`<li><a href="` + html.EscapeString(l.href) + `">` + l.text + `</a></li>`)
			}
		}
		b.WriteString(`</ul>`)
	}
	if s.Contact != "" {
		b.WriteString(`<p class="footer-contact">Contact: ` + contactHTML(s.Contact) + `</p>`)
	}
	if s.CouncilName != "" {
		b.WriteString(`<p>Chorus is run by ` + html.EscapeString(s.CouncilName) + `.</p>`)
	}
	b.WriteString(`</div></footer>`)
	return b.String()
}

var (
	emailLike = regexp.MustCompile(`^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$`)
	phoneLike = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{5,}$`)
)

// contactHTML shows an email address as a mail link and a phone number as
// a phone link; any other text as it is.
func contactHTML(c string) string {
	text := html.EscapeString(c)
	switch {
	case emailLike.MatchString(c):
		return `<a href="mailto:` + text + `">` + text + `</a>`
	case phoneLike.MatchString(c):
		return `<a href="tel:` + strings.NewReplacer(" ", "", "(", "", ")", "", "-", "").Replace(c) + `">` + text + `</a>`
	}
	return text
}

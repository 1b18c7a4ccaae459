package config

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Site is what the header and footer of every page say about the council
// that runs Chorus, as on GOV.UK services. An empty value is not shown.
type Site struct {
	// CouncilName (CHORUS_COUNCIL_NAME) heads every page, before the
	// service's own name, such as "Northshire County Council".
	CouncilName string
	// Contact (CHORUS_CONTACT) is how to reach the service, in words: an
	// email address (shown as a link), a phone number, or a sentence.
	Contact string
	// PrivacyURL (CHORUS_PRIVACY_URL) is the council's privacy notice.
	PrivacyURL string
	// AccessibilityURL (CHORUS_ACCESSIBILITY_URL) is the service's
	// accessibility statement.
	AccessibilityURL string
}

// Bounds of the site's texts, in characters: they must fit a phone's header
// and footer.
const (
	maxCouncilName = 80
	maxContact     = 160
	maxSiteURL     = 2000
)

// siteFrom reads and checks the site's settings, adding each problem to errs.
func siteFrom(get func(string) string, errs *[]error) Site {
	s := Site{
		CouncilName:      get("CHORUS_COUNCIL_NAME"),
		Contact:          get("CHORUS_CONTACT"),
		PrivacyURL:       get("CHORUS_PRIVACY_URL"),
		AccessibilityURL: get("CHORUS_ACCESSIBILITY_URL"),
	}
	text := func(name, v string, limit int) {
		switch {
		case !utf8.ValidString(v) || strings.ContainsFunc(v, unicode.IsControl):
			*errs = append(*errs, fmt.Errorf("%s: must be plain text on one line", name))
		case utf8.RuneCountInString(v) > limit:
			*errs = append(*errs, fmt.Errorf("%s: at most %d characters", name, limit))
		}
	}
	text("CHORUS_COUNCIL_NAME", s.CouncilName, maxCouncilName)
	text("CHORUS_CONTACT", s.Contact, maxContact)
	for _, v := range []struct{ name, raw string }{{"CHORUS_PRIVACY_URL", s.PrivacyURL}, {"CHORUS_ACCESSIBILITY_URL", s.AccessibilityURL}} {
		if v.raw == "" {
			continue
		}
		if err := pageURL(v.raw); err != nil {
			*errs = append(*errs, fmt.Errorf("%s: %q %v", v.name, v.raw, err))
		}
	}
	return s
}

// pageURL checks the address of a web page that the footer links to.
func pageURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case len(raw) > maxSiteURL:
		return fmt.Errorf("is longer than %d characters", maxSiteURL)
	case err != nil || u.Host == "" || strings.ContainsFunc(raw, unicode.IsSpace):
		return errors.New("is not the address of a page, such as https://www.example.gov.uk/privacy")
	case u.Scheme != "https" && u.Scheme != "http":
		return errors.New("must start with https:// (or http://)")
	case u.User != nil:
		return errors.New("must not hold a user name or password")
	}
	return nil
}

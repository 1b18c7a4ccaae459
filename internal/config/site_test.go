package config_test

import (
	"strings"
	"testing"

	"chorus/internal/config"
)

func TestSite(t *testing.T) {
	c, err := config.FromEnv(func(k string) string { return "" })
	if err != nil || c.Site != (config.Site{}) {
		t.Fatalf("by default: %+v, %v; want nothing shown", c.Site, err)
	}
	env := map[string]string{
		"CHORUS_COUNCIL_NAME":      " Northshire County Council ",
		"CHORUS_CONTACT":           "chorus@northshire.example.gov.uk",
		"CHORUS_PRIVACY_URL":       "https://www.northshire.example.gov.uk/privacy?service=chorus#data",
		"CHORUS_ACCESSIBILITY_URL": "http://localhost:8080/accessibility",
	}
	c, err = config.FromEnv(func(k string) string { return env[k] })
	want := config.Site{CouncilName: "Northshire County Council", Contact: "chorus@northshire.example.gov.uk",
		PrivacyURL: env["CHORUS_PRIVACY_URL"], AccessibilityURL: env["CHORUS_ACCESSIBILITY_URL"]}
	if err != nil || c.Site != want {
		t.Fatalf("set: %+v, %v; want %+v", c.Site, err, want)
	}
	for name, bad := range map[string][2]string{
		"CHORUS_PRIVACY_URL":       {"www.example.gov.uk/privacy", "is not the address of a page"},
		"CHORUS_ACCESSIBILITY_URL": {"javascript:alert(1)", "is not the address of a page"},
		"CHORUS_COUNCIL_NAME":      {strings.Repeat("x", 81), "at most 80 characters"},
		"CHORUS_CONTACT":           {"phone\u0007 us", "plain text on one line"},
	} {
		_, err := config.FromEnv(func(k string) string { return map[string]string{name: bad[0]}[k] })
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), bad[1]) {
			t.Errorf("%s=%q: %v, want an error saying %q", name, bad[0], err, bad[1])
		}
	}
	_, err = config.FromEnv(func(k string) string { return map[string]string{"CHORUS_PRIVACY_URL": "ftp://example.gov.uk/p"}[k] })
	if err == nil || !strings.Contains(err.Error(), "must start with https://") {
		t.Errorf("ftp: %v", err)
	}
}

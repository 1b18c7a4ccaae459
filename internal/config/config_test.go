package config_test

import (
	"strings"
	"testing"

	"chorus/internal/config"
)

func TestPublicURL(t *testing.T) {
	for raw, want := range map[string]string{
		"":                                   "",
		"https://Chorus.Example.gov.uk":      "https://chorus.example.gov.uk",
		"https://chorus.example.gov.uk/":     "https://chorus.example.gov.uk",
		"http://localhost:8080":              "http://localhost:8080",
		"https://chorus.example.gov.uk:443":  "https://chorus.example.gov.uk",
		"http://chorus.example.gov.uk:80":    "http://chorus.example.gov.uk",
		"https://chorus.example.gov.uk:8443": "https://chorus.example.gov.uk:8443",
		"https://[2001:db8::1]:443":          "https://[2001:db8::1]",
	} {
		c, err := config.FromEnv(func(k string) string { return map[string]string{"CHORUS_PUBLIC_URL": raw}[k] })
		if err != nil || c.Security.PublicURL != want {
			t.Errorf("%q: %q, %v; want %q", raw, c.Security.PublicURL, err, want)
		}
	}
	for raw, want := range map[string]string{
		"chorus.example.gov.uk":               "is not an address",
		"ftp://chorus.example.gov.uk":         "must start with https://",
		"https://chorus.example.gov.uk/forms": "without a path",
		"https://u:p@chorus.example.gov.uk":   "without a path, user",
		"https://chorus.example.gov.uk/?a=b":  "query",
		"https://chorus.example.gov.uk:":      "no port",
		"https://chörus.example.gov.uk":       "punycode",
	} {
		_, err := config.FromEnv(func(k string) string { return map[string]string{"CHORUS_PUBLIC_URL": raw}[k] })
		if err == nil || !strings.Contains(err.Error(), "CHORUS_PUBLIC_URL") || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want an error saying %q", raw, err, want)
		}
	}
}

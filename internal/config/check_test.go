package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chorus/internal/config"
	"chorus/internal/plain"
)

// TestEveryBadValueIsRefused: each setting with a bad value stops the
// start with a message naming the variable and the value (issue 16), and
// every setting but CHORUS_DATA_DIR (any path; the store says when it
// cannot use it) has a case here.
func TestEveryBadValueIsRefused(t *testing.T) {
	file := filepath.Join(t.TempDir(), "forms.yaml")
	if err := os.WriteFile(file, []byte("id: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	badWords := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(badWords, []byte("# ours\nutilise → use\nsynergy\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct{ name, value, says string }{
		{"CHORUS_WORDS_TO_AVOID", "/no/such/words.txt", "cannot be read"},
		{"CHORUS_WORDS_TO_AVOID", badWords, `line 3: write it as "word → plainer word"`},
		{"CHORUS_ADDR", "8080", "is not an address to listen on"},
		{"CHORUS_ADDR", "localhost", "is not an address to listen on"},
		{"CHORUS_ADDR", "localhost:http", "does not end in a port number"},
		{"CHORUS_ADDR", ":99999", "does not end in a port number"},
		{"MONGODB_URI", "http://db.example.org", "must start with mongodb://"},
		{"CHORUS_DB_NAME", "chorus.live", "may not contain"},
		{"CHORUS_DB_NAME", strings.Repeat("c", 64), "longer than 63 characters"},
		{"CHORUS_FORMS_DIR", "/no/such/dir", "does not exist"},
		{"CHORUS_FORMS_DIR", file, "is a file, not a directory"},
		{"CHORUS_TIMEZONE", "Mars/Olympus", "is not a time zone"},
		{"CHORUS_LOG_LEVEL", "loud", "is not one of debug, info, warn, error"},
		{"CHORUS_LOG_FORMAT", "xml", "is not text or json"},
		{"CHORUS_SESSION_IDLE", "2 hours", "is not a duration"},
		{"CHORUS_SESSION_IDLE", "-2h", "is not a duration"},
		{"CHORUS_SESSION_MAX", "30s", "at least a minute"},
		{"CHORUS_DEVICE_SESSION", "6 months", "is not a duration"},
		{"CHORUS_CODE_TTL", "0", "is not a duration"},
		{"CHORUS_RATE_LIMIT", "-1", "is not a whole number"},
		{"CHORUS_RATE_LIMIT", "lots", "is not a whole number"},
		{"CHORUS_DEVICE_RATE_LIMIT", "1.5", "is not a whole number"},
		{"CHORUS_SIGNIN_RATE_LIMIT", "ten", "is not a whole number"},
		{"CHORUS_TRUSTED_PROXIES", "10.0.0.0/33", "is not an IP address or range"},
		{"CHORUS_TRUSTED_PROXIES", "proxy.local", "is not an IP address or range"},
		{"CHORUS_TRUSTED_PROXIES", "10.0.0.1, 10.0.0.256", "is not an IP address or range"},
		{"CHORUS_PUBLIC_URL", "ftp://chorus.example.gov.uk", "must start with https://"},
		{"CHORUS_COUNCIL_NAME", "Northshire\nCouncil", "plain text on one line"},
		{"CHORUS_CONTACT", strings.Repeat("x", 161), "at most 160 characters"},
		{"CHORUS_PRIVACY_URL", "javascript:alert(1)", "is not the address of a page"},
		{"CHORUS_ACCESSIBILITY_URL", "ftp://example.org/a11y", "must start with https://"},
	}
	tested := map[string]bool{"CHORUS_DATA_DIR": true}
	for _, c := range cases {
		tested[c.name] = true
		_, err := config.FromEnv(func(k string) string { return map[string]string{c.name: c.value}[k] })
		if err == nil {
			t.Errorf("%s=%q was accepted", c.name, c.value)
			continue
		}
		// The value is quoted back, but for an address that may hold a
		// password, and texts shown on pages (only their fault is said).
		quoted := strings.TrimSpace(c.value[strings.LastIndex(c.value, ",")+1:])
		if c.name == "MONGODB_URI" || c.name == "CHORUS_COUNCIL_NAME" || c.name == "CHORUS_CONTACT" {
			quoted = ""
		}
		if msg := err.Error(); !strings.HasPrefix(msg, c.name+": ") || !strings.Contains(msg, c.says) || !strings.Contains(msg, quoted) {
			t.Errorf("%s=%q: %q, want it to name the variable and %q, and say %q", c.name, c.value, msg, quoted, c.says)
		}
	}
	for _, v := range config.Variables {
		if !tested[v.Name] {
			t.Errorf("%s has no bad value in this test", v.Name)
		}
	}
}

// TestGoodValuesAreTaken: the defaults, and the forms of each setting the
// README shows, start.
func TestGoodValuesAreTaken(t *testing.T) {
	env := map[string]string{
		"CHORUS_ADDR":            ":8080",
		"CHORUS_TRUSTED_PROXIES": "10.0.0.5, 10.0.0.0/8,fd00::/8, ::1",
		"CHORUS_FORMS_DIR":       t.TempDir(),
		"CHORUS_SESSION_IDLE":    "30m",
	}
	c, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil || len(c.Security.TrustedProxies) != 4 || c.Addr != ":8080" {
		t.Fatalf("%+v, %v", c.Security, err)
	}
	if _, err := config.FromEnv(func(string) string { return "" }); err != nil {
		t.Errorf("the defaults: %v", err)
	}
}

// CHORUS_WORDS_TO_AVOID replaces the built-in list of words to avoid: the
// council's words are pointed out, the built-in ones no longer are.
func TestCouncilWordsToAvoid(t *testing.T) {
	file := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(file, []byte("# Northshire's own list\nsynergy → working together\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := config.FromEnv(func(k string) string { return map[string]string{"CHORUS_WORDS_TO_AVOID": file}[k] })
	if err != nil {
		t.Fatal(err)
	}
	got := c.PlainEnglish().Check("We will utilise the synergy of our teams.", plain.Standard)
	if len(got) != 1 || !strings.Contains(got[0], "'synergy': say 'working together'") {
		t.Errorf("the council's list: %q", got)
	}
	builtIn, err := config.FromEnv(func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if got := builtIn.PlainEnglish().Check("We will utilise the synergy of our teams.", plain.Standard); len(got) != 1 || !strings.Contains(got[0], "'utilise'") {
		t.Errorf("the built-in list: %q", got)
	}
}

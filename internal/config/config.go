// Package config reads Chorus's settings from the environment, once, and
// checks them before anything starts.
package config

import (
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones without relying on the host's database

	"chorus/internal/plain"
)

// Config holds every setting.
type Config struct {
	Addr     string // CHORUS_ADDR
	DataDir  string // CHORUS_DATA_DIR
	MongoURI string // MONGODB_URI
	Database string // CHORUS_DB_NAME
	FormsDir string // CHORUS_FORMS_DIR
	// WordsToAvoid is the plain English check's list of words to avoid
	// (CHORUS_WORDS_TO_AVOID, a file): the built-in list when nil.
	WordsToAvoid *plain.Checker
	Location     *time.Location // CHORUS_TIMEZONE
	LogLevel     slog.Level     // CHORUS_LOG_LEVEL
	LogFormat    string         // CHORUS_LOG_FORMAT
	Security     Security
	Site         Site
}

// Security holds the settings of sign-in, sessions and rate limits.
type Security struct {
	SessionIdle    time.Duration // CHORUS_SESSION_IDLE: an officer session ends after this long unused
	SessionMax     time.Duration // CHORUS_SESSION_MAX: and after this long in any case
	DeviceSession  time.Duration // CHORUS_DEVICE_SESSION: how long a volunteer's phone stays signed in
	CodeTTL        time.Duration // CHORUS_CODE_TTL: how long a volunteer's sign-in code works
	RateLimit      int           // CHORUS_RATE_LIMIT: responses a minute per client address from people not signed in; 0 for none
	TrustedProxies []string      // CHORUS_TRUSTED_PROXIES: proxies whose X-Forwarded-For is believed
	// PublicURL is CHORUS_PUBLIC_URL as an origin (scheme://host[:port]),
	// or empty: the address people reach Chorus at through a proxy.
	PublicURL string
	// DeviceRateLimit is CHORUS_DEVICE_RATE_LIMIT: responses a minute per
	// signed-in phone (or officer's session), wherever it sends from; 0 for none.
	DeviceRateLimit int
	// SignInRateLimit is CHORUS_SIGNIN_RATE_LIMIT: officers' sign-in
	// attempts a minute per client address (and, counted apart, phones'
	// sign-in codes); 0 for none.
	SignInRateLimit int
}

// Variable describes one environment variable, for help texts and the README.
type Variable struct {
	Name, Default, Meaning string
}

// Variables lists every setting.
var Variables = []Variable{
	{"CHORUS_ADDR", "localhost:8080", "address the web server listens on (use :8080 to listen on every interface)"},
	{"CHORUS_DATA_DIR", "./data", "where the embedded database keeps its files"},
	{"MONGODB_URI", "", "a MongoDB address; when empty, the embedded database is used"},
	{"CHORUS_DB_NAME", "chorus", "name of the database"},
	{"CHORUS_FORMS_DIR", "", "a directory of form definitions that replaces the built-in ones"},
	{"CHORUS_WORDS_TO_AVOID", "", "a file of words to avoid, with plainer ones, that the plain English check uses instead of its built-in list (written as internal/plain/words-to-avoid.txt, which says how)"},
	{"CHORUS_TIMEZONE", "Europe/London", "time zone of opening and closing dates and of \"today\""},
	{"CHORUS_LOG_LEVEL", "info", "debug, info, warn or error"},
	{"CHORUS_LOG_FORMAT", "text", "text or json"},
	{"CHORUS_SESSION_IDLE", "2h", "an officer's session ends after this long without use"},
	{"CHORUS_SESSION_MAX", "12h", "an officer's session ends this long after sign-in in any case"},
	{"CHORUS_DEVICE_SESSION", "4320h", "how long a Quality Checker's phone stays signed in (4320h is about six months)"},
	{"CHORUS_CODE_TTL", "48h", "how long a Quality Checker's one-time sign-in code works"},
	{"CHORUS_RATE_LIMIT", "120", "responses a minute that one client address may send without a sign-in (a sync batch of N counts N); 0 turns the limit off"},
	{"CHORUS_DEVICE_RATE_LIMIT", "500", "responses a minute that one signed-in phone may send, wherever it is (500 is a full sync batch); 0 turns the limit off"},
	{"CHORUS_SIGNIN_RATE_LIMIT", "60", "officers' sign-in attempts a minute from one client address (phones' sign-in codes are counted apart, to the same limit); 0 turns the limit off"},
	{"CHORUS_TRUSTED_PROXIES", "", "comma-separated addresses of reverse proxies whose X-Forwarded-For header names the client"},
	{"CHORUS_PUBLIC_URL", "", "the address people open Chorus at, such as https://chorus.example.gov.uk, when a reverse proxy stands in front: sign-in links use it, and only its pages may change data"},
	{"CHORUS_COUNCIL_NAME", "", "the council's name, shown before \"Chorus\" in the header of every page, such as Northshire County Council; empty shows \"Chorus\" alone"},
	{"CHORUS_CONTACT", "", "how to contact the service, shown in the footer of every page: an email address (shown as a link), a phone number or a short sentence"},
	{"CHORUS_PRIVACY_URL", "", "the address (https://…) of the council's privacy notice, linked from the footer of every page"},
	{"CHORUS_ACCESSIBILITY_URL", "", "the address (https://…) of the service's accessibility statement, linked from the footer of every page"},
}

// FromEnv reads the configuration through getenv (os.Getenv in production)
// and reports every bad value at once.
func FromEnv(getenv func(string) string) (Config, error) {
	get := func(name string) string {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
		for _, v := range Variables {
			if v.Name == name {
				return v.Default
			}
		}
		return ""
	}
	var errs []error
	var err error
	c := Config{
		Addr:      get("CHORUS_ADDR"),
		DataDir:   get("CHORUS_DATA_DIR"),
		MongoURI:  get("MONGODB_URI"),
		Database:  get("CHORUS_DB_NAME"),
		FormsDir:  get("CHORUS_FORMS_DIR"),
		LogFormat: get("CHORUS_LOG_FORMAT"),
	}
	for _, err := range []error{checkAddr(c.Addr), checkFormsDir(c.FormsDir)} {
		if err != nil {
			errs = append(errs, err)
		}
	}
	if name := get("CHORUS_WORDS_TO_AVOID"); name != "" {
		c.WordsToAvoid, err = wordsToAvoid(name)
		if err != nil {
			errs = append(errs, err)
		}
	}
	loc, err := time.LoadLocation(get("CHORUS_TIMEZONE"))
	if err != nil {
		errs = append(errs, fmt.Errorf("CHORUS_TIMEZONE: %q is not a time zone (try Europe/London)", get("CHORUS_TIMEZONE")))
	}
	c.Location = loc
	if err := c.LogLevel.UnmarshalText([]byte(get("CHORUS_LOG_LEVEL"))); err != nil {
		errs = append(errs, fmt.Errorf("CHORUS_LOG_LEVEL: %q is not one of debug, info, warn, error", get("CHORUS_LOG_LEVEL")))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("CHORUS_LOG_FORMAT: %q is not text or json", c.LogFormat))
	}
	if c.MongoURI != "" && !strings.HasPrefix(c.MongoURI, "mongodb://") && !strings.HasPrefix(c.MongoURI, "mongodb+srv://") {
		errs = append(errs, errors.New("MONGODB_URI: must start with mongodb:// or mongodb+srv://"))
	}
	if strings.ContainsAny(c.Database, `/\. "$`) || len(c.Database) > 63 {
		errs = append(errs, fmt.Errorf("CHORUS_DB_NAME: %q may not contain / \\ . space \" or $, nor be longer than 63 characters", c.Database))
	}
	duration := func(name string, into *time.Duration) {
		d, err := time.ParseDuration(get(name))
		if err != nil || d < time.Minute {
			errs = append(errs, fmt.Errorf("%s: %q is not a duration of at least a minute, such as 30m, 12h or 4320h", name, get(name)))
		}
		*into = d
	}
	sec := &c.Security
	duration("CHORUS_SESSION_IDLE", &sec.SessionIdle)
	duration("CHORUS_SESSION_MAX", &sec.SessionMax)
	duration("CHORUS_DEVICE_SESSION", &sec.DeviceSession)
	duration("CHORUS_CODE_TTL", &sec.CodeTTL)
	perMinute := func(name, what string, into *int) {
		if n, err := strconv.Atoi(get(name)); err != nil || n < 0 {
			errs = append(errs, fmt.Errorf("%s: %q is not a whole number of %s a minute (0 for no limit)", name, get(name), what))
		} else {
			*into = n
		}
	}
	perMinute("CHORUS_RATE_LIMIT", "responses", &sec.RateLimit)
	perMinute("CHORUS_DEVICE_RATE_LIMIT", "responses", &sec.DeviceRateLimit)
	perMinute("CHORUS_SIGNIN_RATE_LIMIT", "sign-in attempts", &sec.SignInRateLimit)
	for _, p := range strings.Split(get("CHORUS_TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if err := checkProxy(p); err != nil {
			errs = append(errs, err)
			continue
		}
		sec.TrustedProxies = append(sec.TrustedProxies, p)
	}
	if raw := get("CHORUS_PUBLIC_URL"); raw != "" {
		origin, err := publicOrigin(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("CHORUS_PUBLIC_URL: %q %v", raw, err))
		}
		sec.PublicURL = origin
	}
	c.Site = siteFrom(get, &errs)
	return c, errors.Join(errs...)
}

// publicOrigin checks a public address and returns its origin.
func publicOrigin(raw string) (string, error) {
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "":
		return "", errors.New("is not an address such as https://chorus.example.gov.uk")
	case u.Scheme != "https" && u.Scheme != "http":
		return "", errors.New("must start with https:// (or http://)")
	case u.User != nil || u.RawQuery != "" || u.Fragment != "" || (u.Path != "" && u.Path != "/"):
		return "", errors.New("must be the site's address alone, without a path, user, query or #")
	case strings.HasSuffix(u.Host, ":"):
		return "", errors.New("has a colon but no port")
	case strings.ContainsFunc(u.Host, func(r rune) bool { return r > 0x7f }):
		return "", errors.New("must spell the host as browsers send it: in its xn-- (punycode) form")
	}
	// Browsers leave the scheme's own port out of Origin.
	host := u.Hostname()
	if p := u.Port(); p != "" && !(u.Scheme == "https" && p == "443") && !(u.Scheme == "http" && p == "80") {
		host = u.Host
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	return strings.ToLower(u.Scheme + "://" + host), nil
}

// PlainEnglish is the plain English checker, with the council's words to
// avoid when CHORUS_WORDS_TO_AVOID names a file.
func (c Config) PlainEnglish() *plain.Checker {
	if c.WordsToAvoid != nil {
		return c.WordsToAvoid
	}
	return plain.Default()
}

package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/app"
	"chorus/internal/chorus"
	"chorus/internal/config"
	"chorus/internal/store"
)

// harness is a real Chorus server on a free port, with the embedded store
// in a temporary directory.
type harness struct {
	t   *testing.T
	app *app.App
	url string
	cfg config.Config
}

// rateLimit is CHORUS_RATE_LIMIT for test servers: none, as tests send
// many requests from one address, except where a test sets it.
var rateLimit = "0"

// deviceRateLimit and signInRateLimit are CHORUS_DEVICE_RATE_LIMIT and
// CHORUS_SIGNIN_RATE_LIMIT for test servers: none, likewise.
var deviceRateLimit, signInRateLimit = "0", "0"

// publicURL is CHORUS_PUBLIC_URL for test servers: none, except where a
// test sets it.
var publicURL = ""

// siteEnv adds the council's settings (CHORUS_COUNCIL_NAME and the like)
// to test servers' environment: none, except where a test sets them.
var siteEnv = map[string]string{}

// start runs a server on the forms in formsDir ("" for the built-in ones)
// and data in dataDir ("" for a new temporary directory).
func start(t testing.TB, formsDir, dataDir string) *harness {
	t.Helper()
	return startAt(t, "127.0.0.1:0", formsDir, dataDir)
}

// startAt is start on a given address, to restart a server where a browser
// expects it.
func startAt(t testing.TB, addr, formsDir, dataDir string) *harness {
	t.Helper()
	return startLogged(t, addr, formsDir, dataDir, nil)
}

// startLogged is startAt with the server's log, at debug level, written
// to logs.
func startLogged(t testing.TB, addr, formsDir, dataDir string, logs io.Writer) *harness {
	t.Helper()
	if dataDir == "" {
		dataDir = t.TempDir()
	}
	cfg, err := config.FromEnv(func(name string) string {
		if v, ok := siteEnv[name]; ok {
			return v
		}
		return map[string]string{
			"CHORUS_ADDR":              addr,
			"CHORUS_DATA_DIR":          dataDir,
			"CHORUS_FORMS_DIR":         formsDir,
			"CHORUS_RATE_LIMIT":        rateLimit,
			"CHORUS_DEVICE_RATE_LIMIT": deviceRateLimit,
			"CHORUS_SIGNIN_RATE_LIMIT": signInRateLimit,
			"CHORUS_PUBLIC_URL":        publicURL,
		}[name]
	})
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	switch {
	case logs != nil:
		logger = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	case testing.Verbose():
		logger = slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	a, err := app.New(context.Background(), cfg, logger)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	h := &harness{app: a, url: a.URL(), cfg: cfg}
	if tt, ok := t.(*testing.T); ok {
		h.t = tt
	}
	t.Cleanup(func() { h.stop() })
	return h
}

func (h *harness) stop() {
	if h.app == nil {
		return
	}
	// Idle keep-alive connections would hold a graceful shutdown open.
	client.CloseIdleConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = h.app.Shutdown(ctx)
	h.app = nil
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(bytes.TrimSpace(p)))
	return len(p), nil
}

// reply is an HTTP answer with its JSON body decoded.
type reply struct {
	status int
	header http.Header
	body   map[string]any
	raw    []byte
}

var client = &http.Client{Timeout: 30 * time.Second}

func (h *harness) do(t testing.TB, method, path, ctype string, body []byte) reply {
	t.Helper()
	return h.as(t, nobody, method, path, ctype, body)
}

// creds are what a client signs in with: an officer's session cookie and
// its CSRF token, or a volunteer's phone's bearer token.
type creds struct {
	cookie, csrf, bearer string
}

// nobody is the public: no sign-in at all.
var nobody = creds{}

// as sends a request with the given sign-in. A cookie session sends its
// CSRF token with every request that is not a GET.
func (h *harness) as(t testing.TB, c creds, method, path, ctype string, body []byte) reply {
	t.Helper()
	req, err := http.NewRequest(method, h.url+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.cookie != "" {
		req.Header.Set("Cookie", c.cookie)
		if method != "GET" && c.csrf != "" {
			req.Header.Set("X-CSRF-Token", c.csrf)
		}
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return readReply(resp)
}

// readReply reads and closes an HTTP answer.
func readReply(resp *http.Response) reply {
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	r := reply{status: resp.StatusCode, header: resp.Header, raw: raw}
	_ = json.Unmarshal(raw, &r.body)
	return r
}

func (h *harness) get(t testing.TB, path string) reply { return h.do(t, "GET", path, "", nil) }

// getAs is a GET with a sign-in.
func (h *harness) getAs(t testing.TB, c creds, path string) reply {
	t.Helper()
	return h.as(t, c, "GET", path, "", nil)
}

// postAs posts JSON with a sign-in.
func (h *harness) postAs(t testing.TB, c creds, path string, v any) reply {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return h.as(t, c, "POST", path, "application/json", b)
}

// adminActor is who makes test accounts directly.
var adminActor = chorus.Actor{Role: chorus.RoleAdmin, ID: "test"}

// testPassword is the password of the test accounts.
const testPassword = "correct horse battery staple"

// signIn makes a user with the role (officer or admin) and signs them in
// through the API.
func (h *harness) signIn(t testing.TB, role string) creds {
	t.Helper()
	email := role + "-" + newID()[:8] + "@example.org"
	if _, err := h.app.Auth.AddUser(context.Background(), chorus.Actor{Role: chorus.RoleAdmin, ID: "test"}, email, role, testPassword); err != nil {
		t.Fatal(err)
	}
	r := h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": testPassword})
	if r.status != 201 {
		t.Fatalf("sign-in: %d %s", r.status, r.raw)
	}
	var cookie string
	for _, c := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "__Host-chorus-session=") {
			cookie = strings.SplitN(c, ";", 2)[0]
		}
	}
	if cookie == "" {
		t.Fatalf("no session cookie in %q", r.header.Values("Set-Cookie"))
	}
	return creds{cookie: cookie, csrf: r.body["csrfToken"].(string)}
}

// volunteer adds a Quality Checker as an officer and signs a phone in
// with their code, through the API. It returns the phone's sign-in and the
// volunteer's id.
func (h *harness) volunteer(t testing.TB, officer creds, name string) (creds, string) {
	t.Helper()
	r := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": name})
	if r.status != 201 {
		t.Fatalf("add volunteer: %d %s", r.status, r.raw)
	}
	id := r.body["volunteer"].(map[string]any)["id"].(string)
	d := h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": r.body["code"]})
	if d.status != 201 {
		t.Fatalf("redeem code: %d %s", d.status, d.raw)
	}
	return creds{bearer: d.body["token"].(string)}, id
}

func (h *harness) postJSON(t testing.TB, path string, v any) reply {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return h.do(t, "POST", path, "application/json", b)
}

// count returns how many responses of a form are stored.
func (h *harness) count(t testing.TB, formID string) int64 {
	t.Helper()
	n, err := h.app.Store.CountResponses(context.Background(), formID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// surveyResponse is a valid response to testdata/forms/survey.yaml.
func surveyResponse(id string) map[string]any {
	return map[string]any{
		"id": id, "formVersion": "1",
		"answers":     map[string]any{"name": "Sam", "happy": true, "score": 7},
		"startedAt":   "2026-03-01T10:00:00Z",
		"completedAt": "2026-03-01T10:05:00Z",
	}
}

// wantProblem checks an RFC 9457 problem answer.
func wantProblem(t testing.TB, r reply, status int) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body %s", r.status, status, r.raw)
	}
	if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type = %q, want application/problem+json", ct)
	}
	if d, _ := r.body["detail"].(string); d == "" {
		t.Errorf("problem without detail: %s", r.raw)
	}
	if s, _ := r.body["status"].(float64); int(s) != status {
		t.Errorf("problem status = %v, want %d", r.body["status"], status)
	}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

// rawDoc is a stored document as the store holds it, found by _id.
func (h *harness) rawDoc(t testing.TB, collection, id string) bson.M {
	t.Helper()
	docs, err := h.app.Store.Docs(context.Background(), collection, "")
	if err != nil {
		t.Fatal(err)
	}
	for d, err := range docs {
		if err != nil {
			t.Fatal(err)
		}
		if d.Lookup("_id").StringValue() == id {
			var m bson.M
			if err := bson.Unmarshal(d, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("no %s document has the id %s", collection, id)
	return nil
}

// storedResponses reads back a form's stored responses.
func (h *harness) storedResponses(t testing.TB, formID string) []*chorus.Response {
	t.Helper()
	rows, closeRows, err := h.app.Store.EachResponse(context.Background(), chorus.ResponseFilter{FormID: formID})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRows()
	var out []*chorus.Response
	for r, err := range rows {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

// outage makes the store fail as a database that is down would: the
// embedded store's file is closed under the running server (simulated).
func (h *harness) outage(t testing.TB) store.OutageSimulator {
	t.Helper()
	sim, ok := h.app.Store.(store.OutageSimulator)
	if !ok {
		t.Fatalf("the store %s cannot simulate an outage", h.app.Store.Describe())
	}
	return sim
}

package app_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The findings of the security review of issue 16 that concern HTTP.

// rawRequest sends a request as it is written on a new connection and
// reads the answer, waiting at most wait.
func rawRequest(t *testing.T, h *harness, request string, wait time.Duration) *http.Response {
	t.Helper()
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	_ = conn.SetReadDeadline(time.Now().Add(wait))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("no answer within %s: %v", wait, err)
	}
	return resp
}

// wantSecurityHeaders checks the headers every answer carries.
func wantSecurityHeaders(t *testing.T, what string, hd http.Header) {
	t.Helper()
	for name, want := range map[string]string{
		"Content-Security-Policy":      "frame-ancestors",
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "same-origin",
		"Permissions-Policy":           "camera=(), ",
		"Cross-Origin-Opener-Policy":   "same-origin",
		"Cross-Origin-Resource-Policy": "same-origin",
	} {
		if !strings.Contains(hd.Get(name), want) {
			t.Errorf("%s: %s is %q, want it to hold %q", what, name, hd.Get(name), want)
		}
	}
	for _, feature := range []string{"microphone=()", "geolocation=()", "payment=()", "usb=()"} {
		if !strings.Contains(hd.Get("Permissions-Policy"), feature) {
			t.Errorf("%s: Permissions-Policy %q lacks %s", what, hd.Get("Permissions-Policy"), feature)
		}
	}
}

// TestSecurityHeadersOnFiberErrors: the answers the HTTP server makes
// before any handler (413 for a body too large, 431 for headers too
// large) carry the security headers too, and every answer has
// Permissions-Policy, Cross-Origin-Opener-Policy and -Resource-Policy,
// the console's preview frame included (it is same-origin).
func TestSecurityHeadersOnFiberErrors(t *testing.T) {
	h := start(t, "testdata/forms", "")
	officer := h.signIn(t, "officer")
	for _, path := range []string{"/", "/officer", "/api/v1/forms", "/api/v1/nope", "/js/app.js"} {
		wantSecurityHeaders(t, path, h.get(t, path).header)
	}
	preview := h.getAs(t, officer, "/officer/preview/survey")
	wantSecurityHeaders(t, "the preview", preview.header)
	if preview.status != 200 || !strings.Contains(preview.header.Get("Content-Security-Policy"), "frame-ancestors 'self'") {
		t.Errorf("the preview: %d, CSP %q", preview.status, preview.header.Get("Content-Security-Policy"))
	}

	tooBig := rawRequest(t, h, "POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 17000000\r\n\r\n", 5*time.Second)
	if tooBig.StatusCode != 413 || tooBig.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("a 17 MB sync: %d %q", tooBig.StatusCode, tooBig.Header.Get("Content-Type"))
	}
	wantSecurityHeaders(t, "413", tooBig.Header)

	bigHeaders := rawRequest(t, h, fmt.Sprintf("GET /api/v1/forms HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 64<<10)), 5*time.Second)
	if bigHeaders.StatusCode != 431 {
		t.Errorf("64 KB of headers: %d", bigHeaders.StatusCode)
	}
	wantSecurityHeaders(t, "431", bigHeaders.Header)
}

// TestSecurityResponseBodyLimitIsEarly: a single response over 1 MiB is
// refused from its Content-Length, before its body is sent, in the
// intake's own words; a chunked one is read no further than 1 MiB. A sync
// batch keeps its larger limit. A compressed body is refused, unread.
func TestSecurityResponseBodyLimitIsEarly(t *testing.T) {
	h := start(t, "testdata/forms", "")
	began := time.Now()
	// Only the headers are sent: the answer comes without the body.
	r := rawRequest(t, h, "POST /api/v1/forms/survey/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n", 3*time.Second)
	body, _ := io.ReadAll(r.Body)
	if r.StatusCode != 413 || !strings.Contains(string(body), "A response can be at most 1024 KiB") || time.Since(began) > 2*time.Second {
		t.Errorf("2 MB response: %d %s after %s", r.StatusCode, body, time.Since(began))
	}
	wantSecurityHeaders(t, "early 413", r.Header)
	for _, path := range []string{"/API/v1/forms/survey/responses/", "/api/v1/forms/survey/responses?x=1"} {
		r := rawRequest(t, h, "POST "+path+" HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n", 3*time.Second)
		if r.StatusCode != 413 {
			t.Errorf("%s: %d", path, r.StatusCode)
		}
	}
	// Chunked, with no length said: cut off after 1 MiB.
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "POST /api/v1/forms/survey/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
	chunk := fmt.Sprintf("%x\r\n%s\r\n", 64<<10, strings.Repeat(" ", 64<<10))
	for range 17 {
		if _, err := io.WriteString(conn, chunk); err != nil {
			break // the server has answered and closed
		}
	}
	_ = conn.SetReadDeadline(time.Now().Add(5 * time.Second))
	if cr, err := http.ReadResponse(bufio.NewReader(conn), nil); err != nil || cr.StatusCode != 413 {
		t.Errorf("chunked 1.06 MiB: %v %v", cr, err)
	}
	// A batch of 1.5 MB still goes through.
	var items []map[string]any
	for range 30 {
		resp := surveyResponse(newID())
		resp["answers"] = map[string]any{"name": "Sam", "happy": false, "why": strings.Repeat("w", 49_000)}
		resp["formId"] = "survey"
		items = append(items, resp)
	}
	if s := h.postJSON(t, "/api/v1/sync", map[string]any{"responses": items}); s.status != 200 || strings.Count(string(s.raw), `"status":201`) != 30 {
		t.Errorf("a 1.5 MB batch: %d %.300s", s.status, s.raw)
	}

	// gzip of 50 MB of spaces: 50 KB sent, refused before it is unpacked.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(bytes.Repeat([]byte(" "), 50<<20))
	zw.Close()
	req, _ := http.NewRequest("POST", h.url+"/api/v1/sync", bytes.NewReader(gz.Bytes()))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, readReply(resp), 415)
	if hz := h.get(t, "/healthz"); hz.status != 200 {
		t.Fatalf("unhealthy after: %d", hz.status)
	}
}

// TestSecurityJSONSurrogatesAndTimes: an escaped lone surrogate is refused
// (400) naming its field, where a pair is taken; a start before 2020 or a
// completion more than a day ahead is refused (422). In a sync batch only
// the item at fault is.
func TestSecurityJSONSurrogatesAndTimes(t *testing.T) {
	h := start(t, "testdata/forms", "")
	post := func(answers, times string) reply {
		if times == "" {
			times = `"startedAt":"2026-03-01T10:00:00Z","completedAt":"2026-03-01T10:05:00Z"`
		}
		return h.do(t, "POST", surveyPath, "application/json",
			[]byte(`{"id":"`+newID()+`","formVersion":"1","answers":`+answers+`,`+times+`}`))
	}
	for answers, field := range map[string]string{
		`{"name":"Sa\ud800m","happy":true}`:          `"answers.name"`,
		`{"name":"Sam","happy":true,"why":"\uDFFF"}`: `"answers.why"`,
		`{"name":"x\ud83d\u0041","happy":true}`:      `"answers.name"`,
	} {
		r := post(answers, "")
		wantProblem(t, r, 400)
		if d, _ := r.body["detail"].(string); !strings.Contains(d, field) || !strings.Contains(d, "surrogate") {
			t.Errorf("%s: %s", answers, d)
		}
	}
	if r := post(`{"name":"Sam \ud83d\ude00","happy":true}`, ""); r.status != 201 {
		t.Errorf("a pair (an emoji): %d %s", r.status, r.raw)
	}
	later := time.Now().Add(25 * time.Hour).UTC().Format(time.RFC3339)
	for _, times := range []string{
		`"startedAt":"1999-03-01T10:00:00Z"`,
		`"completedAt":"2099-03-01T10:05:00Z"`,
		`"startedAt":"2026-03-01T10:00:00Z","completedAt":"` + later + `"`,
	} {
		// Kept, since a phone with a wrong clock must not lose a visit; the
		// time that cannot be right is not stored.
		r := post(`{"name":"Sam","happy":true}`, times)
		if r.status != 201 {
			t.Fatalf("%s: %d %s", times, r.status, r.raw)
		}
		doc := h.rawDoc(t, "responses", r.body["id"].(string))
		for _, field := range []string{"startedAt", "completedAt"} {
			if v, ok := doc[field]; ok && strings.Contains(times, field) && !strings.Contains(times, `"`+field+`":"2026`) {
				t.Errorf("%s: %s was stored as %v", times, field, v)
			}
		}
	}
	soon := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	if r := post(`{"name":"Sam","happy":true}`, `"startedAt":"2020-01-01T00:00:00Z","completedAt":"`+soon+`"`); r.status != 201 {
		t.Errorf("times within reason: %d %s", r.status, r.raw)
	}

	good, _ := json.Marshal(map[string]any{"id": newID(), "formId": "survey", "formVersion": "1", "answers": map[string]any{"name": "Sam", "happy": true}})
	bad := `{"id":"` + newID() + `","formId":"survey","formVersion":"1","answers":{"name":"\ud800","happy":true}}`
	s := h.do(t, "POST", "/api/v1/sync", "application/json", []byte(`{"responses":[`+string(good)+`,`+bad+`]}`))
	if s.status != 200 || !strings.Contains(string(s.raw), `"status":201`) || !strings.Contains(string(s.raw), `"status":400`) || !strings.Contains(string(s.raw), `answers.name`) {
		t.Errorf("sync: %d %s", s.status, s.raw)
	}
	if n := h.count(t, "survey"); n != 6 {
		t.Errorf("%d responses stored, want 6", n)
	}
}

// TestSecurityPagesCookiesAndFetchMetadata: a huge page number costs what
// the first page does and gives it; the session cookie is a browser
// session's (no Expires, no Max-Age); a request that changes data is
// refused when Sec-Fetch-Site says it comes from another site, even with
// no Origin, and taken when it says same-origin or is absent.
func TestSecurityPagesCookiesAndFetchMetadata(t *testing.T) {
	h := start(t, "testdata/forms", "")
	for range 3 {
		postSurvey(t, h, map[string]any{"name": "Sam", "happy": true})
	}
	officer := h.signIn(t, "officer")
	began := time.Now()
	p := h.getAs(t, officer, "/api/v1/officer/forms/survey/responses?page=999999999")
	if p.status != 200 || p.body["page"] != float64(0) || len(p.body["rows"].([]any)) != 3 || time.Since(began) > time.Second {
		t.Errorf("page=999999999: %d %.200s after %s", p.status, p.raw, time.Since(began))
	}
	if p := h.getAs(t, officer, "/api/v1/officer/forms/survey/responses?page=999999999&after=x"); p.status == 200 && p.body["page"].(float64) > 1_000_000 {
		t.Errorf("page with after: %v", p.body["page"])
	}

	r := h.postJSON(t, "/api/v1/session", map[string]any{"email": "nobody@example.org", "password": "wrong password here"})
	if r.status != 401 {
		t.Fatalf("wrong sign-in: %d", r.status)
	}
	email := "cookie-" + newID()[:6] + "@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	in := h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": testPassword})
	if c := strings.ToLower(in.header.Get("Set-Cookie")); in.status != 201 || !strings.HasPrefix(c, "__host-chorus-session=") || strings.Contains(c, "expires=") || strings.Contains(c, "max-age=") {
		t.Errorf("session cookie %q", in.header.Get("Set-Cookie"))
	}

	body := []byte(`{"name":"Ola"}`)
	for site, want := range map[string]int{"cross-site": 403, "same-site": 403, "same-origin": 201, "": 201, "none": 201} {
		req, _ := http.NewRequest("POST", h.url+"/api/v1/volunteers", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Cookie", officer.cookie)
		req.Header.Set("X-CSRF-Token", officer.csrf)
		if site != "" {
			req.Header.Set("Sec-Fetch-Site", site)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if got := readReply(resp); got.status != want {
			t.Errorf("Sec-Fetch-Site %q: %d, want %d", site, got.status, want)
		}
	}
	// A phone's bearer token is refused likewise from another site.
	phone, _ := h.volunteer(t, officer, "Kim")
	req, _ := http.NewRequest("DELETE", h.url+"/api/v1/device-sessions/current", nil)
	req.Header.Set("Authorization", "Bearer "+phone.bearer)
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, readReply(resp), 403)
}

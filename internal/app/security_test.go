package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"chorus/internal/chorus"
)

// syncBuffer is a log sink that the server may write from many goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestCSRF(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	body, _ := json.Marshal(map[string]any{"name": "Ola"})
	for name, c := range map[string]creds{
		"no token":    {cookie: officer.cookie},
		"wrong token": {cookie: officer.cookie, csrf: "not-the-token"},
	} {
		r := h.as(t, c, "POST", "/api/v1/volunteers", "application/json", body)
		wantProblem(t, r, 403)
		if !strings.Contains(r.body["detail"].(string), "X-CSRF-Token") {
			t.Errorf("%s: %s", name, r.raw)
		}
	}
	if r := h.as(t, officer, "POST", "/api/v1/volunteers", "application/json", body); r.status != 201 {
		t.Fatalf("with the token: %d %s", r.status, r.raw)
	}
	// Sign-out changes state too.
	wantProblem(t, h.as(t, creds{cookie: officer.cookie}, "DELETE", "/api/v1/session", "", nil), 403)

	// A request that a browser says comes from another site is refused,
	// even with the token.
	req, _ := http.NewRequest("POST", h.url+"/api/v1/volunteers", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", officer.cookie)
	req.Header.Set("X-CSRF-Token", officer.csrf)
	req.Header.Set("Origin", "https://evil.example")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, readReply(resp), 403)
}

func TestSessionCookieAndExpiry(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	email := "exp@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	r := h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": testPassword})
	cookie := r.header.Get("Set-Cookie")
	for _, want := range []string{"__Host-chorus-session=", "HttpOnly", "SameSite=Strict", "secure", "path=/"} {
		if !strings.Contains(strings.ToLower(cookie), strings.ToLower(want)) {
			t.Errorf("cookie %q lacks %s", cookie, want)
		}
	}
	if strings.Contains(strings.ToLower(cookie), "domain=") {
		t.Errorf("a __Host- cookie may not name a domain: %q", cookie)
	}
	officer := creds{cookie: strings.SplitN(cookie, ";", 2)[0], csrf: r.body["csrfToken"].(string)}
	// Signing in again from the same browser makes a new session and ends
	// the old one.
	body, _ := json.Marshal(map[string]any{"email": email, "password": testPassword})
	re := h.as(t, officer, "POST", "/api/v1/session", "application/json", body)
	newCookie := strings.SplitN(re.header.Get("Set-Cookie"), ";", 2)[0]
	if re.status != 201 || newCookie == officer.cookie || !strings.HasPrefix(newCookie, "__Host-chorus-session=") {
		t.Fatalf("second sign-in: %d %q", re.status, newCookie)
	}
	wantProblem(t, h.getAs(t, officer, "/api/v1/officer/forms"), 401)
	officer = creds{cookie: newCookie, csrf: re.body["csrfToken"].(string)}
	// On a secure origin only the __Host- cookie counts: a plain one could
	// have been planted by a neighbouring site.
	plain := creds{cookie: strings.Replace(officer.cookie, "__Host-chorus-session=", "chorus-session=", 1)}
	wantProblem(t, h.getAs(t, plain, "/api/v1/officer/forms"), 401)

	now := time.Now()
	clock := func(d time.Duration) { h.app.Auth.SetClock(func() time.Time { return now.Add(d) }) }
	cfg := h.cfg.Security
	// Used within the idle timeout, again and again, it lives on...
	for d := time.Duration(0); d < cfg.SessionMax-cfg.SessionIdle; d += cfg.SessionIdle - time.Minute {
		clock(d)
		if g := h.getAs(t, officer, "/api/v1/officer/forms"); g.status != 200 {
			t.Fatalf("after %s of use: %d", d, g.status)
		}
	}
	// ...until its absolute lifetime ends.
	clock(cfg.SessionMax + time.Minute)
	wantProblem(t, h.getAs(t, officer, "/api/v1/officer/forms"), 401)

	// Left unused past the idle timeout, a session ends.
	clock(0)
	idle := h.signIn(t, "officer")
	clock(cfg.SessionIdle + time.Minute)
	g := h.getAs(t, idle, "/api/v1/officer/forms")
	wantProblem(t, g, 401)
	if !strings.Contains(g.header.Get("Set-Cookie"), "__Host-chorus-session=;") {
		t.Errorf("the stale cookie was not cleared: %q", g.header.Get("Set-Cookie"))
	}

	// Sign-out ends the session on the server, whatever the browser keeps.
	clock(0)
	out := h.signIn(t, "officer")
	if r := h.as(t, out, "DELETE", "/api/v1/session", "", nil); r.status != 204 {
		t.Fatalf("sign-out: %d", r.status)
	}
	wantProblem(t, h.getAs(t, out, "/api/v1/officer/forms"), 401)
}

func TestSignInThrottling(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	email := "slow@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	signIn := func(email, password string) reply {
		return h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": password})
	}
	// A wrong password and an unknown email get the very same answer.
	known, unknown := signIn(email, "wrong password!"), signIn("nobody@example.org", "wrong password!")
	if known.status != 401 || unknown.status != 401 || known.body["detail"] != unknown.body["detail"] {
		t.Fatalf("known %d %s / unknown %d %s", known.status, known.raw, unknown.status, unknown.raw)
	}
	for range 4 {
		wantProblem(t, signIn(email, "wrong password!"), 401)
	}
	// Five failures: the account is locked for a while, even to its password.
	r := signIn(email, testPassword)
	wantProblem(t, r, 429)
	if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	// The same for an email that does not exist: the lock reveals nothing.
	for range 5 {
		signIn("ghost@example.org", "wrong password!")
	}
	wantProblem(t, signIn("ghost@example.org", "wrong password!"), 429)

	// Once the lock has passed, the right password works.
	h.app.Auth.SetClock(func() time.Time { return time.Now().Add(time.Minute) })
	if r := signIn(email, testPassword); r.status != 201 {
		t.Fatalf("after the lock: %d %s", r.status, r.raw)
	}

	// Many failures from one address, across accounts, lock the address.
	h.app.Auth.SetClock(func() time.Time { return time.Now().Add(time.Hour) })
	for i := range 20 { // more than an account gets: an office may share an address
		signIn("spray"+string(rune('a'+i))+"@example.org", "wrong password!")
	}
	wantProblem(t, signIn(email, testPassword), 429)
}

// A guesser at one address locks the account for that address only: the
// officer still signs in from their own. Guesses spread over many addresses
// lock the account from any new address, but not from one its officer has
// signed in from before.
func TestSignInLockIsPerAddress(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	email := "target@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	signIn := func(password, addr string) string {
		_, _, err := h.app.Auth.SignIn(t.Context(), email, password, addr)
		return chorus.ErrorCode(err)
	}
	for range 5 {
		signIn("wrong password!", "198.51.100.7")
	}
	if code := signIn(testPassword, "198.51.100.7"); code != chorus.ETOOMANY {
		t.Errorf("the guesser's address after 5 failures: %q, want %q", code, chorus.ETOOMANY)
	}
	if code := signIn(testPassword, "192.0.2.10"); code != "" {
		t.Errorf("the officer's own address: %q, want a sign-in", code)
	}
	// 20 failures from four more addresses lock the account from a new one.
	for i := range 4 {
		for range 5 {
			signIn("wrong password!", fmt.Sprintf("203.0.113.%d", i+1))
		}
	}
	if code := signIn(testPassword, "192.0.2.99"); code != chorus.ETOOMANY {
		t.Errorf("from a new address after guesses from five: %q, want %q", code, chorus.ETOOMANY)
	}
	if code := signIn(testPassword, "192.0.2.10"); code != "" {
		t.Errorf("from the officer's known address after guesses from five: %q, want a sign-in", code)
	}
	// An admin's new password ends the locks: the officer may sign in from
	// the new address, and the guesser's, with it.
	users, _ := h.app.Auth.Users(t.Context())
	for _, u := range users {
		if u.Email == email {
			if _, err := h.app.Auth.SetUserPassword(t.Context(), adminActor, u.ID, "a new long password", false); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, addr := range []string{"192.0.2.99", "198.51.100.7"} {
		if code := signIn("a new long password", addr); code != "" {
			t.Errorf("from %s after the new password: %q, want a sign-in", addr, code)
		}
	}
}

func TestRateLimit(t *testing.T) {
	old := rateLimit
	rateLimit = "5"
	defer func() { rateLimit = old }()
	h := start(t, "testdata/forms-roles", "")
	post := func() reply {
		return h.postJSON(t, "/api/v1/forms/public/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": true}})
	}
	for i := range 5 {
		if r := post(); r.status != 201 {
			t.Fatalf("post %d: %d %s", i+1, r.status, r.raw)
		}
	}
	r := post()
	wantProblem(t, r, 429)
	if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Errorf("Retry-After = %q", ra)
	}
	// Reading is not limited.
	if g := h.get(t, "/api/v1/forms"); g.status != 200 {
		t.Errorf("GET after the limit: %d", g.status)
	}
}

func TestHoneypot(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	r := h.postJSON(t, "/api/v1/forms/public/responses", map[string]any{"id": newID(), "formVersion": "1",
		"answers": map[string]any{"happy": true}, "website": "http://spam.example"})
	if r.status != 201 || !receiptPattern.MatchString(r.body["receipt"].(string)) {
		t.Fatalf("a bot must see success: %d %s", r.status, r.raw)
	}
	s := h.postJSON(t, "/api/v1/sync", map[string]any{"responses": []any{map[string]any{"id": newID(), "formId": "public",
		"formVersion": "1", "answers": map[string]any{"happy": true}, "website": "buy now"}}})
	if s.status != 200 || s.body["responses"].([]any)[0].(map[string]any)["status"] != float64(201) {
		t.Fatalf("sync: %d %s", s.status, s.raw)
	}
	if n := h.count(t, "public"); n != 0 {
		t.Fatalf("%d bot responses stored", n)
	}
}

func TestSignInCodesAreOneTimeAndExpire(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	r := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Uma"})
	code := r.body["code"].(string)
	redeem := func(code string) reply { return h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code}) }
	// Typed in lower case, without the dash: still the code.
	if d := redeem(strings.ToLower(strings.ReplaceAll(code, "-", ""))); d.status != 201 || d.body["token"] == "" {
		t.Fatalf("first use: %d %s", d.status, d.raw)
	}
	wantProblem(t, redeem(code), 401)

	id := r.body["volunteer"].(map[string]any)["id"].(string)
	late := h.postAs(t, officer, "/api/v1/volunteers/"+id+"/codes", nil).body["code"].(string)
	// A newer code replaces it; signing the phones out ends the newer one.
	newer := h.postAs(t, officer, "/api/v1/volunteers/"+id+"/codes", nil).body["code"].(string)
	wantProblem(t, redeem(late), 401)
	h.as(t, officer, "DELETE", "/api/v1/volunteers/"+id+"/devices", "", nil)
	wantProblem(t, redeem(newer), 401)

	expiring := h.postAs(t, officer, "/api/v1/volunteers/"+id+"/codes", nil).body["code"].(string)
	h.app.Auth.SetClock(func() time.Time { return time.Now().Add(h.cfg.Security.CodeTTL + time.Minute) })
	wantProblem(t, redeem(expiring), 401)
	wantProblem(t, redeem("ZZZZ-ZZZZ"), 401)
}

// The same code typed on several phones at the same moment signs in one.
func TestCodeRedeemedOnceUnderConcurrency(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	for round := range 3 {
		code := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Ana"}).body["code"]
		var wg sync.WaitGroup
		statuses := make([]int, 8)
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code}).status
			}()
		}
		wg.Wait()
		ok := 0
		for _, st := range statuses {
			if st == 201 {
				ok++
			}
		}
		if ok != 1 {
			t.Fatalf("round %d: %d phones signed in with one code (%v)", round, ok, statuses)
		}
	}
}

// Wrong passwords sent all at once are counted all the same.
func TestSignInBurstIsThrottled(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	email := "burst@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	statuses := make([]int, 15)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i] = h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": "wrong password!"}).status
		}()
	}
	wg.Wait()
	wrong := 0
	for _, st := range statuses {
		if st == 401 {
			wrong++
		}
	}
	if wrong > 5 {
		t.Fatalf("%d of 15 simultaneous guesses were tried, want at most 5 (%v)", wrong, statuses)
	}
	wantProblem(t, h.postJSON(t, "/api/v1/session", map[string]any{"email": email, "password": testPassword}), 429)
}

// With no trusted proxies, headers that a client can write change nothing:
// not its address for the limits, nor the address in sign-in links.
func TestForwardedHeadersAreNotBelieved(t *testing.T) {
	old := rateLimit
	rateLimit = "3"
	defer func() { rateLimit = old }()
	h := start(t, "testdata/forms-roles", "")
	statuses := []int{}
	for i := range 5 {
		body, _ := json.Marshal(map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": true}})
		req, _ := http.NewRequest("POST", h.url+"/api/v1/forms/public/responses", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", "203.0.113."+string(rune('1'+i)))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		statuses = append(statuses, readReply(resp).status)
	}
	if statuses[3] != 429 || statuses[4] != 429 {
		t.Errorf("a made-up X-Forwarded-For escaped the rate limit: %v", statuses)
	}
	rateLimit = "0"
	h2 := start(t, "testdata/forms-roles", "")
	officer := h2.signIn(t, "officer")
	body, _ := json.Marshal(map[string]any{"name": "Lee"})
	req, _ := http.NewRequest("POST", h2.url+"/api/v1/volunteers", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Cookie", officer.cookie)
	req.Header.Set("X-CSRF-Token", officer.csrf)
	req.Header.Set("X-Forwarded-Host", "evil.example")
	req.Header.Set("X-Forwarded-Proto", "https")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r := readReply(resp)
	if link, _ := r.body["link"].(string); !strings.HasPrefix(link, h2.url+"/#signin=") {
		t.Errorf("sign-in link = %q, want it on %s", link, h2.url)
	}
	if r.header.Get("Strict-Transport-Security") != "" {
		t.Error("HSTS sent because a client said https")
	}
}

// Signing a phone out ends its session on the server too.
func TestPhoneSignOutEndsTheDeviceSession(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	phone, _ := h.volunteer(t, h.signIn(t, "officer"), "Bo")
	if r := h.as(t, phone, "DELETE", "/api/v1/device-sessions/current", "", nil); r.status != 204 {
		t.Fatalf("sign-out: %d %s", r.status, r.raw)
	}
	wantProblem(t, h.getAs(t, phone, "/api/v1/forms/visit"), 401)
}

func TestAuditLog(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	admin := h.signIn(t, "admin")
	officer := h.signIn(t, "officer")
	h.postJSON(t, "/api/v1/session", map[string]any{"email": "nobody@example.org", "password": "wrong password!"})
	v := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Ivy"})
	vid := v.body["volunteer"].(map[string]any)["id"].(string)
	code := v.body["code"].(string)
	h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code})
	h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code}) // used already
	h.as(t, officer, "DELETE", "/api/v1/volunteers/"+vid+"/devices", "", nil)
	u := h.postAs(t, admin, "/api/v1/users", map[string]any{"email": "new@example.org", "role": "officer", "password": testPassword})
	h.as(t, admin, "DELETE", "/api/v1/users/"+u.body["id"].(string), "", nil)
	h.getAs(t, officer, "/api/v1/forms/public/export.csv?from=2026-01-01")
	h.as(t, officer, "DELETE", "/api/v1/session", "", nil)

	log := h.getAs(t, admin, "/api/v1/audit")
	if log.status != 200 {
		t.Fatalf("audit: %d", log.status)
	}
	var page struct {
		Entries []map[string]any `json:"entries"`
		Next    string           `json:"next"`
	}
	if err := json.Unmarshal(log.raw, &page); err != nil {
		t.Fatal(err)
	}
	entries := page.Entries
	seen := map[string]bool{}
	for _, e := range entries {
		seen[e["action"].(string)+" "+e["outcome"].(string)] = true
		if e["action"] == "export" {
			d := e["details"].(map[string]any)
			if d["rows"] != float64(0) || d["format"] != "csv" || d["filters"].(map[string]any)["from"] != "2026-01-01" || e["target"] != "form:public" {
				t.Errorf("export entry: %v", e)
			}
		}
	}
	for _, want := range []string{"sign-in ok", "sign-in failed", "sign-out ok", "volunteer-added ok", "code-issued ok",
		"code-used ok", "code-used failed", "devices-revoked ok", "user-added ok", "user-disabled ok", "export ok"} {
		if !seen[want] {
			t.Errorf("no audit entry %q in %s", want, log.raw)
		}
	}
	// No emails, names or codes in the audit log: references only.
	for _, secret := range []string{"nobody@example.org", "new@example.org", "Ivy", code} {
		if strings.Contains(string(log.raw), secret) {
			t.Errorf("the audit log holds %q", secret)
		}
	}
	// Paged: a page of 3, then the rest after it, oldest first, nothing lost.
	first := h.getAs(t, admin, "/api/v1/audit?limit=3")
	next, _ := first.body["next"].(string)
	rest := h.getAs(t, admin, "/api/v1/audit?after="+next)
	if n := len(first.body["entries"].([]any)) + len(rest.body["entries"].([]any)); next == "" || n < len(entries) {
		t.Errorf("pages: next %q, %d entries in two pages, %d in one", next, n, len(entries))
	}
	// Text officers type (an erasure's reason) cannot become a formula in
	// the CSV, whatever separator it is opened with.
	if err := h.app.Store.InsertAudit(t.Context(), &chorus.AuditEntry{ID: "typed-" + newID(), At: time.Now().UTC(), Actor: "user:x", Action: chorus.AuditErase,
		Outcome: "ok", Details: map[string]any{"reason": "x;=1+1"}}); err != nil {
		t.Fatal(err)
	}
	csv := h.getAs(t, admin, "/api/v1/audit.csv")
	if csv.status != 200 || !strings.Contains(string(csv.raw), "At (UTC),Actor,Action,Target,Outcome,Details") {
		t.Errorf("audit CSV: %d %.200s", csv.status, csv.raw)
	}
	if !strings.Contains(string(csv.raw), `x;'=1+1`) || strings.Contains(string(csv.raw), `x;=1+1`) {
		t.Errorf("a typed formula in the audit CSV is not disarmed: %.300s", csv.raw[len(csv.raw)-300:])
	}
	wantProblem(t, h.getAs(t, officer, "/api/v1/audit"), 401) // signed out above
}

// Entries written in the same millisecond straddle a page boundary: the
// next page starts inside that millisecond, so none is lost or given twice.
func TestAuditPagesKeepEntriesOfTheSameMoment(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	admin := h.signIn(t, "admin")
	moment := time.Now().UTC().Add(time.Hour).Truncate(time.Millisecond)
	var want []string
	for i := range 7 {
		at := moment
		if i == 6 {
			at = moment.Add(time.Millisecond)
		}
		e := &chorus.AuditEntry{ID: fmt.Sprintf("same-moment-%d", i), At: at, Actor: "test", Action: "test", Outcome: "ok"}
		if err := h.app.Store.InsertAudit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
		want = append(want, e.ID)
	}
	seen := map[string]int{}
	var got []string
	next, pages := moment.Add(-time.Millisecond).Format(time.RFC3339Nano), 0
	for next != "" && pages < 20 {
		r := h.getAs(t, admin, "/api/v1/audit?limit=2&after="+url.QueryEscape(next))
		if r.status != 200 {
			t.Fatalf("page after %s: %d %s", next, r.status, r.raw)
		}
		for _, e := range r.body["entries"].([]any) {
			id := e.(map[string]any)["id"].(string)
			seen[id]++
			got = append(got, id)
		}
		next, _ = r.body["next"].(string)
		pages++
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Errorf("entry %s given %d times over %d pages: %v", id, seen[id], pages, got)
		}
	}
	if len(got) != len(want) || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("pages gave %v, want the %d entries with the later one last", got, len(want))
	}
	wantProblem(t, h.getAs(t, admin, "/api/v1/audit?after="+url.QueryEscape(moment.Format(time.RFC3339Nano))+"~x"), 422)
}

func TestSecurityHeaders(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	for _, path := range []string{"/", "/officer", "/api/v1/forms", "/api/v1/nope"} {
		r := h.get(t, path)
		csp := r.header.Get("Content-Security-Policy")
		for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: CSP %q lacks %s", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
			t.Errorf("%s: CSP allows inline code: %q", path, csp)
		}
		if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("Referrer-Policy") == "" {
			t.Errorf("%s: headers %v", path, r.header)
		}
		if r.header.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS over plain HTTP", path)
		}
	}
	// The pages themselves hold no inline script or style for the policy to block.
	for _, path := range []string{"/", "/officer"} {
		page := string(h.get(t, path).raw)
		if strings.Contains(page, "<script>") || strings.Contains(page, "style=") || strings.Contains(page, "<style") || strings.Contains(page, " on") && strings.Contains(page, "onclick=") {
			t.Errorf("%s has inline script or style", path)
		}
	}
}

// Nothing personal reaches the server's log: not answers, emails,
// passwords, codes or tokens, at any level, in success or failure.
func TestNoPersonalDataInLogs(t *testing.T) {
	var logs syncBuffer
	h := startLogged(t, "127.0.0.1:0", "testdata/forms-roles", "", &logs)
	officer := h.signIn(t, "officer")
	h.postJSON(t, "/api/v1/session", map[string]any{"email": "secret-person@example.org", "password": "hunter2-secret-password"})
	v := h.postAs(t, officer, "/api/v1/volunteers", map[string]any{"name": "Secretname"})
	code := v.body["code"].(string)
	d := h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code})
	token := d.body["token"].(string)
	h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code})
	h.postAs(t, creds{bearer: token}, "/api/v1/forms/visit/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"good": "secret answer text"}})
	h.postJSON(t, "/api/v1/forms/public/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": "secret-free-text"}})
	h.getAs(t, officer, "/api/v1/forms/public/export.csv")
	h.stop()
	out := logs.String()
	if out == "" {
		t.Fatal("no log at all: the test would prove nothing")
	}
	// With no admin yet, start-up says how to make one.
	if !strings.Contains(out, "chorus users add --email you@example.org --role admin") {
		t.Errorf("no hint about the first admin in:\n%s", out)
	}
	for _, secret := range []string{"secret-person@example.org", "hunter2-secret-password", testPassword, "Secretname", code, token,
		"secret answer text", "secret-free-text", strings.TrimPrefix(officer.cookie, "__Host-chorus-session="), officer.csrf} {
		if strings.Contains(out, secret) {
			t.Errorf("the log holds %q:\n%s", secret, out)
		}
	}
}

// A sign-in that checked the old password while it was being replaced saves
// its session after the reset deleted the others: that session is over too.
func TestSessionBegunBeforeANewPasswordIsOver(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	email := "reset@example.org"
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, email, "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	token, sess, err := h.app.Auth.SignIn(t.Context(), email, testPassword, "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := h.app.Auth.Session(t.Context(), token); err != nil || a.Role != chorus.RoleOfficer {
		t.Fatalf("the session before the reset: %+v %v", a, err)
	}
	h.app.Auth.SetClock(func() time.Time { return time.Now().Add(time.Second) })
	if _, err := h.app.Auth.SetPassword(t.Context(), adminActor, email, "a new long password", false); err != nil {
		t.Fatal(err)
	}
	if err := h.app.Store.InsertSession(t.Context(), sess); err != nil { // saved late
		t.Fatal(err)
	}
	if a, err := h.app.Auth.Session(t.Context(), token); err != nil || a.Role != chorus.RolePublic {
		t.Errorf("a session begun before the new password: %+v %v, want the public", a, err)
	}
	h.app.Auth.SetClock(func() time.Time { return time.Now().Add(2 * time.Second) })
	token, _, err = h.app.Auth.SignIn(t.Context(), email, "a new long password", "192.0.2.1")
	if err != nil {
		t.Fatal(err)
	}
	if a, err := h.app.Auth.Session(t.Context(), token); err != nil || a.Role != chorus.RoleOfficer {
		t.Errorf("a session begun after the new password: %+v %v", a, err)
	}
}

// Behind a reverse proxy that does not pass the Host on (nginx's default),
// CHORUS_PUBLIC_URL names the site: its pages may change data and no other
// origin, even the address the server was reached at; sign-in links use it;
// a https one makes cookies Secure and sends HSTS.
func TestBehindAProxyWithAPublicURL(t *testing.T) {
	old := publicURL
	publicURL = "https://Chorus.Example.org/"
	defer func() { publicURL = old }()
	h := start(t, "testdata/forms-roles", "")
	if _, err := h.app.Auth.AddUser(t.Context(), adminActor, "proxied@example.org", "officer", testPassword); err != nil {
		t.Fatal(err)
	}
	send := func(origin string, c creds, path string, v any) reply {
		b, _ := json.Marshal(v)
		req, _ := http.NewRequest("POST", h.url+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", origin)
		if c.cookie != "" {
			req.Header.Set("Cookie", c.cookie)
			req.Header.Set("X-CSRF-Token", c.csrf)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return readReply(resp)
	}
	r := send("https://chorus.example.org", nobody, "/api/v1/session", map[string]any{"email": "proxied@example.org", "password": testPassword})
	if r.status != 201 {
		t.Fatalf("sign-in from the public site: %d %s", r.status, r.raw)
	}
	var officer creds
	for _, c := range r.header.Values("Set-Cookie") {
		if strings.HasPrefix(c, "__Host-chorus-session=") && strings.Contains(c, "; secure") {
			officer = creds{cookie: strings.SplitN(c, ";", 2)[0], csrf: r.body["csrfToken"].(string)}
		}
	}
	if officer.cookie == "" {
		t.Fatalf("no Secure __Host- cookie: %q", r.header.Values("Set-Cookie"))
	}
	v := send("https://chorus.example.org", officer, "/api/v1/volunteers", map[string]any{"name": "Pat"})
	if v.status != 201 || !strings.HasPrefix(v.body["link"].(string), "https://chorus.example.org/#signin=") {
		t.Errorf("a Quality Checker added from the public site: %d, link %v", v.status, v.body["link"])
	}
	for _, origin := range []string{h.url, "https://evil.example", "http://chorus.example.org"} {
		wantProblem(t, send(origin, officer, "/api/v1/volunteers", map[string]any{"name": "Pat"}), 403)
	}
	if hsts := h.get(t, "/").header.Get("Strict-Transport-Security"); hsts == "" {
		t.Error("no HSTS with a https public address")
	}
}

// Changing one's password checks the current one, so wrong guesses count
// against the sign-in locks: a stolen session cannot try passwords freely.
func TestChangePasswordGuessesAreLocked(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	change := func(current string) reply {
		b, _ := json.Marshal(map[string]any{"current": current, "password": "a brand new password"})
		return h.as(t, officer, "PUT", "/api/v1/session/password", "application/json", b)
	}
	for range 5 {
		wantProblem(t, change("a wrong guess at it"), 422)
	}
	r := change(testPassword)
	wantProblem(t, r, 429)
	if r.header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
}

// An admin cannot give themselves a new password without the current one
// (a stolen session could lock them out), nor can the last admin who can
// sign in be disabled; and guessers elsewhere do not stop an officer
// changing their password from where they work.
func TestAccountSelfServiceRules(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	ctx := t.Context()
	only, err := h.app.Auth.AddUser(ctx, adminActor, "only-admin@example.org", "admin", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := h.app.Auth.SetUserPassword(ctx, chorus.Actor{Role: chorus.RoleAdmin, ID: only.ID}, only.ID, "a new long password", false); chorus.ErrorCode(err) != chorus.EINVALID {
		t.Errorf("an admin set their own password without the current one: %v", err)
	}
	if err := h.app.Auth.DisableUser(ctx, adminActor, only.ID); chorus.ErrorCode(err) != chorus.EINVALID {
		t.Errorf("the last admin was disabled: %v", err)
	}

	officer, err := h.app.Auth.AddUser(ctx, adminActor, "desk@example.org", "officer", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := h.app.Auth.SignIn(ctx, officer.Email, testPassword, "192.0.2.40"); err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		for range 5 {
			h.app.Auth.SignIn(ctx, officer.Email, "a wrong guess at it", fmt.Sprintf("203.0.113.%d", 50+i))
		}
	}
	me := chorus.Actor{Role: chorus.RoleOfficer, ID: officer.ID}
	if err := h.app.Auth.ChangePassword(ctx, me, testPassword, "a brand new password", "192.0.2.40"); err != nil {
		t.Errorf("changing the password from the officer's own desk after guesses elsewhere: %v", err)
	}
}

package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"chorus/internal/cli"
)

// An officer who forgot their password gets a new one from the server's
// machine while the server runs: the old password and the old sessions stop
// working, the new password works, and a disabled account opens again only
// with --enable.
func TestUsersPasswordCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CHORUS_DATA_DIR", dir)
	users := func(password string, args ...string) (int, string, string) {
		var out, errs bytes.Buffer
		code := cli.MainWithInput(context.Background(), append([]string{"users"}, args...), strings.NewReader(password+"\n"), &out, &errs)
		return code, out.String(), errs.String()
	}
	if code, _, errs := users("the first long password", "add", "--email", "ann@example.org", "--role", "officer"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := users("the admin's long password", "add", "--email", "boss@example.org", "--role", "admin"); code != 0 {
		t.Fatal(errs)
	}
	a := serve(t, dir, 0)
	defer a.Shutdown(context.Background())
	call := func(method, path, cookie, csrf string, body any) (int, map[string]any, string) {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, a.URL()+path, bytes.NewReader(b))
		req.Header.Set("Content-Type", "application/json")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
			req.Header.Set("X-CSRF-Token", csrf)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&out)
		c := ""
		if cs := resp.Cookies(); len(cs) > 0 {
			c = cs[0].Name + "=" + cs[0].Value
		}
		return resp.StatusCode, out, c
	}
	signIn := func(email, password string) (int, string, string, string) {
		status, body, cookie := call("POST", "/api/v1/session", "", "", map[string]string{"email": email, "password": password})
		csrf, _ := body["csrfToken"].(string)
		id, _ := body["id"].(string)
		return status, cookie, csrf, id
	}
	status, annCookie, annCSRF, annID := signIn("ann@example.org", "the first long password")
	if status != 201 {
		t.Fatalf("first sign-in: %d", status)
	}
	if status, _, _ := call("GET", "/api/v1/officer/forms", annCookie, annCSRF, nil); status != 200 {
		t.Fatalf("the first session: %d, want 200", status)
	}

	code, out, errs := users("the second long password", "password", "--email", "Ann@Example.org")
	if code != 0 || !strings.Contains(out, "New password set for ann@example.org") {
		t.Fatalf("password: exit %d, %q %q", code, out, errs)
	}
	if status, _, _ := call("GET", "/api/v1/officer/forms", annCookie, annCSRF, nil); status != 401 {
		t.Errorf("the session from before the new password: %d, want 401", status)
	}
	if status, _, _, _ := signIn("ann@example.org", "the first long password"); status != 401 {
		t.Errorf("sign-in with the old password: %d, want 401", status)
	}
	if status, _, _, _ := signIn("ann@example.org", "the second long password"); status != 201 {
		t.Errorf("sign-in with the new password: %d, want 201", status)
	}
	if code, _, errs := users("a third long password", "password", "--email", "nobody@example.org"); code != 1 || !strings.Contains(errs, "No user has the email address") {
		t.Errorf("unknown email: exit %d, %q", code, errs)
	}
	if code, _, errs := users("short", "password", "--email", "ann@example.org"); code != 1 || !strings.Contains(errs, "at least 12 characters") {
		t.Errorf("short password: exit %d, %q", code, errs)
	}

	// Disabled by an admin: a new password alone does not open the account.
	_, bossCookie, bossCSRF, _ := signIn("boss@example.org", "the admin's long password")
	if status, _, _ := call("DELETE", "/api/v1/users/"+annID, bossCookie, bossCSRF, nil); status != 204 {
		t.Fatalf("disable: %d", status)
	}
	if code, out, _ := users("the third long password", "password", "--email", "ann@example.org"); code != 0 || !strings.Contains(out, "add --enable") {
		t.Errorf("password for a disabled user: exit %d, %q", code, out)
	}
	if status, _, _, _ := signIn("ann@example.org", "the third long password"); status != 401 {
		t.Errorf("a disabled user signed in: %d", status)
	}
	if code, out, _ := users("the fourth long password", "password", "--email", "ann@example.org", "--enable"); code != 0 || !strings.Contains(out, "They can sign in") {
		t.Errorf("--enable: exit %d, %q", code, out)
	}
	if status, _, _, _ := signIn("ann@example.org", "the fourth long password"); status != 201 {
		t.Errorf("sign-in after --enable: %d, want 201", status)
	}
	_, log, _ := call("GET", "/api/v1/audit", bossCookie, bossCSRF, nil)
	var set []any
	for _, e := range log["entries"].([]any) {
		if e := e.(map[string]any); e["action"] == "password-set" && e["target"] == "user:"+annID {
			set = append(set, e["details"])
		}
	}
	if len(set) != 3 || !strings.Contains(fmt.Sprint(set[2]), "enabled:true") {
		t.Errorf("password-set audit entries: %v", set)
	}
}

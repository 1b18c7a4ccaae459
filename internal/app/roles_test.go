package app_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"chorus/internal/chorus"
	"chorus/internal/web"
)

// role is one kind of client in the role matrix.
type role struct {
	name   string
	access chorus.Access // what the role reaches; -1 for a revoked phone
	creds  func() creds  // a sign-in, fresh where a request may end it
}

// sample is a request that succeeds on a route for a role allowed to use
// it: its path, its body (made fresh each time) and its status.
type sample struct {
	least chorus.Access // written here, not taken from the route table
	path  string
	body  func() any
	ok    int
}

// TestRoleMatrix sends every route of the API, as every role, and checks
// the status: the route's success for a role it allows, 401 without a
// valid sign-in (a revoked phone is refused everywhere, so it knows to
// sign in again), 403 for a role that is not enough. The routes come from
// the server's own table: a new route without a row here fails the test.
func TestRoleMatrix(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	admin := h.signIn(t, "admin")
	revoked, revokedID := h.volunteer(t, admin, "Rex")
	if r := h.as(t, admin, "DELETE", "/api/v1/volunteers/"+revokedID+"/devices", "", nil); r.status != 200 {
		t.Fatalf("revoke: %d %s", r.status, r.raw)
	}
	// A volunteer whose codes and phones the officer routes act on.
	target := h.postAs(t, admin, "/api/v1/volunteers", map[string]any{"name": "Tia"}).body["volunteer"].(map[string]any)["id"].(string)

	newUser := func(role string) (string, string) {
		email := role + "-" + newID()[:8] + "@example.org"
		u, err := h.app.Auth.AddUser(t.Context(), chorus.Actor{Role: chorus.RoleAdmin, ID: "test"}, email, role, testPassword)
		if err != nil {
			t.Fatal(err)
		}
		return email, u.ID
	}
	response := func(version string) func() any {
		return func() any {
			return map[string]any{"id": newID(), "formVersion": version, "answers": map[string]any{"happy": true}}
		}
	}
	_, resetID := newUser("officer")
	pub, vol, off, adm := chorus.AccessPublic, chorus.AccessVolunteer, chorus.AccessOfficer, chorus.AccessAdmin
	stored := h.postJSON(t, "/api/v1/forms/public/responses", response("1")()).body["id"].(string)
	toErase := h.postJSON(t, "/api/v1/forms/public/responses", response("1")()).body["id"].(string)
	// A form of the Forms area's own, so that its changes touch no other row.
	matrixForm := []byte("id: matrix\nversion: \"1\"\ntitle: Matrix\nkind: survey\naudience: public\nsections:\n  - title: One\n    questions:\n      - {id: a, type: shortText, label: A}\n")
	draft := func() { upload(t, h, admin, "matrix.yaml", matrixForm) }
	act := func(what string) { h.postAs(t, admin, "/api/v1/officer/catalog/matrix/"+what, nil) }
	draft()
	act("publish")
	samples := map[string]sample{
		"GET /api/v1/officer/catalog":                {off, "/api/v1/officer/catalog", nil, 200},
		"POST /api/v1/officer/catalog/upload":        {off, "/api/v1/officer/catalog/upload?name=matrix.yaml", func() any { return matrixForm }, 200},
		"GET /api/v1/officer/catalog-template.xlsx":  {off, "/api/v1/officer/catalog-template.xlsx", nil, 200},
		"GET /api/v1/officer/catalog/:id":            {off, "/api/v1/officer/catalog/public", nil, 200},
		"GET /api/v1/officer/catalog/:id/definition": {off, "/api/v1/officer/catalog/public/definition", nil, 200},
		"GET /api/v1/officer/catalog/:id/form.xlsx":  {off, "/api/v1/officer/catalog/public/form.xlsx", nil, 200},
		"POST /api/v1/officer/catalog/:id/publish":   {off, "/api/v1/officer/catalog/matrix/publish", func() any { draft(); return map[string]any{} }, 200},
		"POST /api/v1/officer/catalog/:id/schedule":  {off, "/api/v1/officer/catalog/matrix/schedule", func() any { return map[string]any{"opens": "", "closes": "2099-01-01"} }, 200},
		"POST /api/v1/officer/catalog/:id/close":     {off, "/api/v1/officer/catalog/matrix/close", func() any { act("restore"); act("reopen"); return map[string]any{} }, 200},
		"POST /api/v1/officer/catalog/:id/reopen":    {off, "/api/v1/officer/catalog/matrix/reopen", func() any { act("restore"); act("close"); return map[string]any{} }, 200},
		"POST /api/v1/officer/catalog/:id/duplicate": {off, "/api/v1/officer/catalog/matrix/duplicate", func() any { return map[string]any{"id": "copy-" + newID()[:8]} }, 200},
		"POST /api/v1/officer/catalog/:id/archive":   {off, "/api/v1/officer/catalog/matrix/archive", func() any { act("close"); return map[string]any{} }, 200},
		"POST /api/v1/officer/catalog/:id/restore":   {off, "/api/v1/officer/catalog/matrix/restore", func() any { act("archive"); return map[string]any{} }, 200},
		"PUT /api/v1/officer/catalog/:id/words": {off, "/api/v1/officer/catalog/matrix/words", func() any {
			act("restore")
			var def map[string]any
			json.Unmarshal(h.getAs(t, admin, "/api/v1/officer/catalog/matrix/definition").raw, &def)
			def["title"] = "Matrix " + newID()[:4]
			return def
		}, 200},
		"POST /api/v1/services/:id/retire":        {off, "/api/v1/services/svc-cedar-respite/retire", nil, 204},
		"POST /api/v1/services/import":            {off, "/api/v1/services/import", func() any { return []byte("id,name\nsvc-imported,Imported Place\n") }, 200},
		"GET /api/v1/officer/services":            {off, "/api/v1/officer/services", nil, 200},
		"GET /api/v1/officer/services/:id":        {off, "/api/v1/officer/services/svc-the-maples", nil, 200},
		"GET /api/v1/officer/dashboard":           {off, "/api/v1/officer/dashboard", nil, 200},
		"GET /api/v1/officer/forms/:id/results":   {off, "/api/v1/officer/forms/public/results?from=2026-01-01", nil, 200},
		"GET /api/v1/officer/forms/:id/responses": {off, "/api/v1/officer/forms/public/responses?status=new", nil, 200},
		"GET /api/v1/responses/:id":               {off, "/api/v1/responses/" + stored, nil, 200},
		"PUT /api/v1/responses/:id/review":        {off, "/api/v1/responses/" + stored + "/review", func() any { return map[string]any{"status": "reviewed", "note": "seen"} }, 200},
		"POST /api/v1/responses/:id/erase":        {off, "/api/v1/responses/" + toErase + "/erase", func() any { return map[string]any{"reason": "Request 2026-7"} }, 200},
		"DELETE /api/v1/device-sessions/current":  {vol, "/api/v1/device-sessions/current", nil, 204},
		"GET /api/v1/forms":                       {pub, "/api/v1/forms", nil, 200},
		"GET /api/v1/forms/:id":                   {pub, "/api/v1/forms/public", nil, 200},
		"GET /api/v1/forms/:id/versions/:version": {pub, "/api/v1/forms/public/versions/1", nil, 200},
		"POST /api/v1/forms/:id/responses":        {pub, "/api/v1/forms/public/responses", response("1"), 201},
		"GET /api/v1/services":                    {pub, "/api/v1/services", nil, 200},
		"PUT /api/v1/services/:id":                {off, "/api/v1/services/svc-new-place", func() any { return map[string]any{"name": "New Place", "type": "Care home"} }, 200},
		"GET /api/v1/me":                          {pub, "/api/v1/me", nil, 200},
		"DELETE /api/v1/session":                  {off, "/api/v1/session", nil, 204},
		"PUT /api/v1/session/password":            {off, "/api/v1/session/password", func() any { return map[string]any{"current": testPassword, "password": "another long password"} }, 204},
		"GET /api/v1/officer/forms":               {off, "/api/v1/officer/forms", nil, 200},
		"GET /api/v1/forms/:id/export.:format":    {off, "/api/v1/forms/public/export.csv", nil, 200},
		"GET /api/v1/volunteers":                  {off, "/api/v1/volunteers", nil, 200},
		"POST /api/v1/volunteers":                 {off, "/api/v1/volunteers", func() any { return map[string]any{"name": "Nia"} }, 201},
		"POST /api/v1/volunteers/:id/codes":       {off, "/api/v1/volunteers/" + target + "/codes", nil, 201},
		"DELETE /api/v1/volunteers/:id/devices":   {off, "/api/v1/volunteers/" + target + "/devices", nil, 200},
		"GET /api/v1/users":                       {adm, "/api/v1/users", nil, 200},
		"PUT /api/v1/users/:id/password":          {adm, "/api/v1/users/" + resetID + "/password", func() any { return map[string]any{"password": "a new long password"} }, 200},
		"GET /api/v1/audit":                       {adm, "/api/v1/audit", nil, 200},
		"GET /api/v1/audit.csv":                   {adm, "/api/v1/audit.csv", nil, 200},
		"GET /healthz":                            {pub, "/healthz", nil, 200},
		"POST /api/v1/users": {adm, "/api/v1/users", func() any {
			return map[string]any{"email": "u-" + newID()[:8] + "@example.org", "role": "officer", "password": testPassword}
		}, 201},
		"POST /api/v1/sync":    {pub, "/api/v1/sync", func() any { return map[string]any{"responses": []any{withForm(response("1")(), "public")}} }, 200},
		"POST /api/v1/session": {pub, "/api/v1/session", func() any { e, _ := newUser("officer"); return map[string]any{"email": e, "password": testPassword} }, 201},
		"POST /api/v1/device-sessions": {pub, "/api/v1/device-sessions", func() any {
			return map[string]any{"code": h.postAs(t, admin, "/api/v1/volunteers/"+target+"/codes", nil).body["code"]}
		}, 201},
	}
	// Routes whose path is made per request.
	dynamic := map[string]struct {
		least chorus.Access
		path  func() string
	}{
		"DELETE /api/v1/officer/catalog/:id/draft": {off, func() string { draft(); return "/api/v1/officer/catalog/matrix/draft" }},
		"DELETE /api/v1/users/:id":                 {adm, func() string { _, id := newUser("officer"); return "/api/v1/users/" + id }},
		"DELETE /api/v1/volunteers/:id": {off, func() string {
			return "/api/v1/volunteers/" + h.postAs(t, admin, "/api/v1/volunteers", map[string]any{"name": "Lee"}).body["volunteer"].(map[string]any)["id"].(string)
		}},
	}
	// Forms for volunteers need a volunteer (or an officer) whatever the route allows.
	perForm := []struct {
		method string
		sample
	}{
		{"GET", sample{vol, "/api/v1/forms/visit", nil, 200}},
		{"GET", sample{vol, "/api/v1/forms/visit/versions/1", nil, 200}},
		{"POST", sample{vol, "/api/v1/forms/visit/responses", func() any {
			return map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"good": true}}
		}, 201}},
	}

	roles := []role{
		{"public", chorus.AccessPublic, func() creds { return nobody }},
		{"volunteer", chorus.AccessVolunteer, func() creds { p, _ := h.volunteer(t, admin, "Val"); return p }},
		{"revoked volunteer", -1, func() creds { return revoked }},
		{"officer", chorus.AccessOfficer, func() creds { return h.signIn(t, "officer") }},
		{"admin", chorus.AccessAdmin, func() creds { return h.signIn(t, "admin") }},
	}
	check := func(name, method string, s sample, path func() string) {
		access := s.least
		for _, r := range roles {
			want := s.ok
			switch {
			case r.access < 0:
				want = http.StatusUnauthorized
			case r.access < access && r.access == chorus.AccessPublic:
				want = http.StatusUnauthorized
			case r.access < access:
				want = http.StatusForbidden
			}
			var body []byte
			ctype := ""
			if s.body != nil {
				if raw, ok := s.body().([]byte); ok {
					body, ctype = raw, "text/csv"
				} else {
					body, _ = json.Marshal(s.body())
					ctype = "application/json"
				}
			}
			got := h.as(t, r.creds(), method, path(), ctype, body)
			if got.status != want {
				t.Errorf("%s as %s: %d, want %d (%s)", name, r.name, got.status, want, got.raw)
			}
		}
	}
	for _, rt := range web.Routes() {
		key := rt.Method + " " + rt.Path
		if d, ok := dynamic[key]; ok {
			if rt.Access != d.least {
				t.Errorf("%s is open to %s in the route table, but to %s here", key, rt.Access, d.least)
			}
			check(key, rt.Method, sample{least: d.least, ok: 204}, d.path)
			continue
		}
		s, ok := samples[key]
		if !ok {
			t.Errorf("route %s has no row in the role matrix: add one", key)
			continue
		}
		if rt.Access != s.least {
			t.Errorf("%s is open to %s in the route table, but to %s here", key, rt.Access, s.least)
		}
		check(key, rt.Method, s, func() string { return s.path })
	}
	for _, f := range perForm {
		check(fmt.Sprintf("%s %s (a form for volunteers)", f.method, f.path), f.method, f.sample, func() string { return f.path })
	}
}

func withForm(m any, formID string) any {
	m.(map[string]any)["formId"] = formID
	return m
}

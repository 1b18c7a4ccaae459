package app_test

import (
	"strings"
	"testing"
)

// A Quality Checker leaves the scheme: their phone is signed out, their
// code and name are gone, and the visits they sent stay in the downloads.
func TestRemoveVolunteer(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, id := h.volunteer(t, officer, "Robin Leaving")
	postVisit(t, h, phone, visitAnswers("svc-the-maples", "2026-03-01", "green"))
	code := h.postAs(t, officer, "/api/v1/volunteers/"+id+"/codes", nil).body["code"]

	if r := h.as(t, officer, "DELETE", "/api/v1/volunteers/"+id, "", nil); r.status != 204 {
		t.Fatalf("remove: %d %s", r.status, r.raw)
	}
	wantProblem(t, h.as(t, officer, "DELETE", "/api/v1/volunteers/"+newID(), "", nil), 404)

	if r := h.getAs(t, phone, "/api/v1/forms"); r.status != 401 {
		t.Errorf("the removed volunteer's phone: %d, want 401", r.status)
	}
	if r := h.postJSON(t, "/api/v1/device-sessions", map[string]any{"code": code}); r.status == 201 {
		t.Error("the removed volunteer's unused code still signs a phone in")
	}
	if list := h.getAs(t, officer, "/api/v1/volunteers"); strings.Contains(string(list.raw), id) {
		t.Errorf("the removed volunteer is listed: %s", list.raw)
	}
	doc := h.rawDoc(t, "volunteers", id)
	if doc["name"] != "" || doc["retiredAt"] == nil {
		t.Errorf("stored after removal: %v", doc)
	}
	rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx", "Visits")
	if len(rows) != 2 || !strings.Contains(strings.Join(rows[1], "|"), "|former Quality Checker|") || strings.Contains(strings.Join(rows[1], "|"), "Robin") {
		t.Errorf("the visit sent before: %q", rows)
	}
	log := h.getAs(t, h.signIn(t, "admin"), "/api/v1/audit.csv")
	if !strings.Contains(string(log.raw), "volunteer-removed") || strings.Contains(string(log.raw), "Robin Leaving") {
		t.Errorf("audit log: %s", log.raw)
	}
}

package app_test

import (
	"strings"
	"testing"
	"time"
)

// The officers' page shows each form's number of responses and the time
// of the latest, from counters kept as responses arrive: a replay does not
// count twice, a refused response not at all.
func TestOfficerFormsShowCounts(t *testing.T) {
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	body := map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": true}}
	for range 2 {
		h.postJSON(t, "/api/v1/forms/public/responses", body) // the second is a replay
	}
	h.postJSON(t, "/api/v1/forms/public/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": "maybe"}})
	h.postJSON(t, "/api/v1/sync", map[string]any{"responses": []any{
		map[string]any{"id": newID(), "formId": "public", "formVersion": "1", "answers": map[string]any{"happy": false}}}})

	var public map[string]any
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		r := h.getAs(t, officer, "/api/v1/officer/forms")
		if r.status != 200 {
			t.Fatalf("%d %s", r.status, r.raw)
		}
		var rows []map[string]any
		if err := jsonUnmarshal(r.raw, &rows); err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if row["id"] == "public" {
				public = row
			}
		}
		if public["responses"] == float64(2) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if public["responses"] != float64(2) || public["latestAt"] == nil || public["layouts"].([]any)[0] != "responses" {
		t.Fatalf("public form row: %v", public)
	}
}

// An officer adds a service to the register; visits may name it at once.
func TestOfficerAddsAService(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Mo")
	visit := map[string]any{"id": newID(), "formVersion": "3", "answers": visitAnswers("svc-brand-new", "2026-03-01", "green")}
	wantProblem(t, h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", visit), 422)
	if r := h.as(t, officer, "PUT", "/api/v1/services/svc-brand-new", "application/json", []byte(`{"name":"Brand New House","type":"Care home"}`)); r.status != 200 {
		t.Fatalf("save service: %d %s", r.status, r.raw)
	}
	wantProblem(t, h.as(t, officer, "PUT", "/api/v1/services/Bad_ID", "application/json", []byte(`{"name":"X"}`)), 422)
	visit["id"] = newID()
	if r := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", visit); r.status != 201 {
		t.Fatalf("visit to the new service: %d %s", r.status, r.raw)
	}
	if s := h.get(t, "/api/v1/services"); !strings.Contains(string(s.raw), `"name":"Brand New House"`) {
		t.Errorf("register: %s", s.raw)
	}
}

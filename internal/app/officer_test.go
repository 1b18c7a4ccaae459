package app_test

import (
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

package app_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// An officer erases a visit at the request of someone it names: its
// answers, sender and review are gone from the store, the exports, the
// results, the service's page and the safeguarding flags; asking twice
// erases once; the phone sending it again is told it arrived and nothing
// comes back; a recount agrees.
func TestEraseOnRequest(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	worry := visitAnswers("svc-the-maples", "2026-03-01", "red")
	worry["safeguardingConcern"], worry["safeguardingDetails"], worry["safeguardingReported"] = true, "Ann Example was shouted at.", true
	worry["workingWell"] = "Ann Example told us about her room."
	body := map[string]any{"id": newID(), "formVersion": "3", "answers": worry}
	first := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", body)
	if first.status != 201 {
		t.Fatalf("visit: %d %s", first.status, first.raw)
	}
	id, receipt := first.body["id"].(string), first.body["receipt"].(string)
	postVisit(t, h, phone, visitAnswers("svc-the-maples", "2026-03-02", "green"))
	postVisit(t, h, phone, visitAnswers("svc-oakwood-lodge", "2026-03-03", "amber"))
	ctx := context.Background()
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		t.Fatal(err)
	}
	if _, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results")); n != 3 {
		t.Fatalf("%d visits counted before", n)
	}

	erase := func() reply {
		return h.postAs(t, officer, "/api/v1/responses/"+id+"/erase", map[string]any{"reason": "Erasure request ER-2026-14"})
	}
	wantProblem(t, h.postAs(t, officer, "/api/v1/responses/"+id+"/erase", map[string]any{"reason": "  "}), 422)
	for range 2 { // asking twice erases once
		if r := erase(); r.status != 200 || r.body["receipt"] != receipt {
			t.Fatalf("erase: %d %s", r.status, r.raw)
		}
	}
	wantProblem(t, h.postAs(t, officer, "/api/v1/responses/"+newID()+"/erase", map[string]any{"reason": "x"}), 404)

	// The stored document keeps only what recognises a copy sent again.
	doc := h.rawDoc(t, "responses", id)
	if len(doc["answers"].(bson.D)) != 0 || doc["sentBy"] != nil || doc["review"] != nil || doc["erasedAt"] == nil || doc["receipt"] != receipt {
		t.Errorf("stored after erasure: %v", doc)
	}
	if strings.Contains(fmt.Sprint(doc), "Ann Example") {
		t.Errorf("the name is still stored: %v", doc)
	}

	// The phone sends it again (its reply was lost): taken as arrived, not stored.
	if again := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", body); again.status != 200 || again.body["receipt"] != receipt {
		t.Errorf("a copy of the erased visit: %d %s", again.status, again.raw)
	}
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		t.Fatal(err)
	}

	check := func(when string) {
		t.Helper()
		if r := h.getAs(t, officer, "/api/v1/responses/"+id); r.status != 404 || !strings.Contains(r.body["detail"].(string), "erased on request") {
			t.Errorf("%s: the erased response: %d %s", when, r.status, r.raw)
		}
		wantProblem(t, h.as(t, officer, "PUT", "/api/v1/responses/"+id+"/review", "application/json", []byte(`{"status":"reviewed"}`)), 404)
		if d := h.getAs(t, officer, "/api/v1/officer/dashboard"); len(d.body["safeguarding"].([]any)) != 0 {
			t.Errorf("%s: safeguarding flags: %v", when, d.body["safeguarding"])
		}
		if s := h.getAs(t, officer, "/api/v1/officer/services/svc-the-maples"); len(s.body["visits"].([]any)) != 1 {
			t.Errorf("%s: The Maples' visits: %v", when, s.body["visits"])
		}
		csv := h.getAs(t, officer, "/api/v1/forms/quality-checker-visit/export.csv")
		if csv.status != 200 || strings.Contains(string(csv.raw), "Ann Example") || strings.Contains(string(csv.raw), receipt) {
			t.Errorf("%s: the export holds the erased visit: %s", when, csv.raw)
		}
		for _, query := range []string{"", "service=svc-the-maples"} {
			resultsMatchSummary(t, h, officer, "quality-checker-visit", query)
		}
		if _, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results")); n != 2 {
			t.Errorf("%s: %d visits counted, want 2", when, n)
		}
	}
	check("after erasure")

	// The audit log says who erased what and why.
	log := h.getAs(t, h.signIn(t, "admin"), "/api/v1/audit")
	found := false
	for _, e := range log.body["entries"].([]any) {
		e := e.(map[string]any)
		if e["action"] == chorus.AuditErase && e["target"] == "response:"+id {
			found = found || strings.Contains(fmt.Sprint(e["details"]), "ER-2026-14")
		}
	}
	if !found {
		t.Errorf("no audit entry of the erasure: %s", log.raw)
	}

	// A recount from the responses agrees.
	if err := h.app.Store.ClearCounters(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.app.Intake.Recount(ctx); err != nil {
		t.Fatal(err)
	}
	check("after a recount")
}

// Eight requests to erase the same response at once (a double click, a
// retry) take it out of the counters once; an erasure repeated after one
// that failed part-way finishes it; and a resent copy's service-page entry
// or flag, written just after the erasure, does not come back.
func TestEraseTwiceAtOnceAndLateWrites(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	worry := visitAnswers("svc-the-maples", "2026-03-01", "red")
	worry["safeguardingConcern"], worry["safeguardingDetails"], worry["safeguardingReported"] = true, "A door was locked.", true
	first := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", map[string]any{"id": newID(), "formVersion": "3", "answers": worry})
	if first.status != 201 {
		t.Fatalf("visit: %d %s", first.status, first.raw)
	}
	id := first.body["id"].(string)
	for range 2 {
		postVisit(t, h, phone, visitAnswers("svc-the-maples", "2026-03-02", "green"))
	}
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = h.postAs(t, officer, "/api/v1/responses/"+id+"/erase", map[string]any{"reason": "Request 9"}).status
		})
	}
	wg.Wait()
	for _, s := range statuses {
		if s != 200 {
			t.Fatalf("erasures at once: %v", statuses)
		}
	}
	ctx := context.Background()
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		t.Fatal(err)
	}
	if _, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results")); n != 2 {
		t.Errorf("%d visits counted after eight erasures of one of three, want 2", n)
	}

	// Entries written after the erasure: by a resent copy that was read
	// before it, or left by an erasure that failed part-way.
	if err := h.app.Store.SaveServiceVisit(ctx, chorus.ServiceVisit{ResponseID: id, FormID: "quality-checker-visit", Service: "svc-the-maples", VisitDate: "2026-03-01"}); err != nil {
		t.Fatal(err)
	}
	if err := h.app.Store.Flag(ctx, chorus.Flag{ResponseID: id, FormID: "quality-checker-visit", Service: "svc-the-maples", Open: true}); err != nil {
		t.Fatal(err)
	}
	visitsAndFlags := func() (int, int) {
		s := h.getAs(t, officer, "/api/v1/officer/services/svc-the-maples")
		d := h.getAs(t, officer, "/api/v1/officer/dashboard")
		return len(s.body["visits"].([]any)), len(d.body["safeguarding"].([]any))
	}
	if v, f := visitsAndFlags(); v != 2 || f != 0 {
		t.Errorf("after late writes: %d visits on the service page (want 2), %d flags (want 0)", v, f)
	}
	// Left behind by a failed erasure (simulated by writing the entries
	// over the markers): erasing again clears them.
	for c, v := range map[string]any{
		"service_visits": chorus.ServiceVisit{ResponseID: id, FormID: "quality-checker-visit", Service: "svc-the-maples", VisitDate: "2026-03-01"},
		"flags":          chorus.Flag{ResponseID: id, FormID: "quality-checker-visit", Service: "svc-the-maples", Open: true},
	} {
		doc, err := bson.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.app.Store.PutDocs(ctx, c, []bson.Raw{doc}); err != nil {
			t.Fatal(err)
		}
	}
	if v, f := visitsAndFlags(); v != 3 || f != 1 {
		t.Fatalf("the simulated leftovers: %d visits, %d flags", v, f)
	}
	if r := h.postAs(t, officer, "/api/v1/responses/"+id+"/erase", map[string]any{"reason": "Request 9, again"}); r.status != 200 {
		t.Fatalf("erase again: %d %s", r.status, r.raw)
	}
	if v, f := visitsAndFlags(); v != 2 || f != 0 {
		t.Errorf("after erasing again: %d visits (want 2), %d flags (want 0)", v, f)
	}
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		t.Fatal(err)
	}
	if _, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results")); n != 2 {
		t.Errorf("%d visits counted after erasing again, want 2", n)
	}
}

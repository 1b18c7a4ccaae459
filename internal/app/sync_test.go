package app_test

import (
	"context"
	"strings"
	"testing"
)

func TestSyncBatchSettlesEachItemOnItsOwn(t *testing.T) {
	h := start(t, "testdata/forms", "")
	replayed := surveyResponse(newID())
	conflicting := surveyResponse(newID())
	for _, b := range []map[string]any{replayed, conflicting} {
		if r := h.postJSON(t, surveyPath, b); r.status != 201 {
			t.Fatal(r.status, string(r.raw))
		}
	}
	withForm := func(m map[string]any) map[string]any { m["formId"] = "survey"; return m }
	fresh := withForm(surveyResponse(newID()))
	changed := withForm(surveyResponse(conflicting["id"].(string)))
	changed["answers"].(map[string]any)["name"] = "Someone else"
	invalid := withForm(surveyResponse(newID()))
	invalid["answers"] = map[string]any{"happy": "maybe"}
	closed := map[string]any{"id": newID(), "formId": "closed", "formVersion": "1", "answers": map[string]any{"a": true}}
	noForm := surveyResponse(newID())
	badTypes := withForm(surveyResponse(newID()))
	badTypes["startedAt"] = 12
	fresh2 := withForm(surveyResponse(newID()))
	huge := withForm(surveyResponse(newID()))
	huge["answers"].(map[string]any)["name"] = strings.Repeat("x", 1<<20)

	r := h.postJSON(t, "/api/v1/sync", map[string]any{"responses": []any{
		fresh, withForm(replayed), changed, invalid, closed, noForm, "not an object", fresh2, fresh2, huge, badTypes,
	}})
	if r.status != 200 {
		t.Fatalf("sync: %d %s", r.status, r.raw)
	}
	items := r.body["responses"].([]any)
	want := []struct {
		status int
		id     string
	}{
		{201, fresh["id"].(string)}, {200, replayed["id"].(string)}, {409, conflicting["id"].(string)},
		{422, invalid["id"].(string)}, {403, closed["id"].(string)}, {400, noForm["id"].(string)}, {400, ""},
		{201, fresh2["id"].(string)}, {200, fresh2["id"].(string)}, {413, huge["id"].(string)}, {400, badTypes["id"].(string)},
	}
	if len(items) != len(want) {
		t.Fatalf("%d results for %d items: %s", len(items), len(want), r.raw)
	}
	for i, w := range want {
		item := items[i].(map[string]any)
		if int(item["status"].(float64)) != w.status || item["id"] != w.id {
			t.Errorf("item %d = %v, want status %d id %q", i, item, w.status, w.id)
		}
		receipt, _ := item["receipt"].(string)
		if ok := w.status < 300; ok != receiptPattern.MatchString(receipt) {
			t.Errorf("item %d receipt = %q", i, receipt)
		}
		if w.status >= 300 && item["detail"] == "" {
			t.Errorf("item %d has no detail", i)
		}
	}
	if !strings.Contains(string(r.raw), `"question":"happy"`) {
		t.Errorf("the invalid item does not say which question: %s", r.raw)
	}
	if items[1].(map[string]any)["receipt"] == "" {
		t.Error("a replayed item must carry its first receipt")
	}
	if items[7].(map[string]any)["receipt"] != items[8].(map[string]any)["receipt"] {
		t.Error("the same response twice in one batch must get one receipt")
	}
	// replayed, conflicting (first copy), fresh, fresh2.
	if n := h.count(t, "survey"); n != 4 {
		t.Errorf("%d responses stored, want 4", n)
	}
	stored, _ := h.app.Store.Response(context.Background(), conflicting["id"].(string))
	if stored.Answers["name"] != "Sam" {
		t.Error("a conflicting item changed the stored response")
	}
}

func TestSyncThenSinglePostIsAReplay(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())
	body["formId"] = "survey"
	r := h.postJSON(t, "/api/v1/sync", map[string]any{"responses": []any{body}})
	first := r.body["responses"].([]any)[0].(map[string]any)
	delete(body, "formId")
	again := h.postJSON(t, surveyPath, body)
	if again.status != 200 || again.body["receipt"] != first["receipt"] {
		t.Fatalf("single post after sync: %d %s, first %v", again.status, again.raw, first)
	}
}

func TestSyncLimits(t *testing.T) {
	h := start(t, "testdata/forms", "")
	items := make([]any, 501)
	for i := range items {
		m := surveyResponse(newID())
		m["formId"] = "survey"
		items[i] = m
	}
	wantProblem(t, h.postJSON(t, "/api/v1/sync", map[string]any{"responses": items}), 413)
	wantProblem(t, h.postJSON(t, "/api/v1/sync", map[string]any{"items": items[:1]}), 400)
	wantProblem(t, h.postJSON(t, "/api/v1/sync", map[string]any{}), 400)
	if n := h.count(t, "survey"); n != 0 {
		t.Errorf("%d responses stored from refused batches", n)
	}
	r := h.postJSON(t, "/api/v1/sync", map[string]any{"responses": items[:500]})
	if r.status != 200 || h.count(t, "survey") != 500 {
		t.Fatalf("a full batch: %d, %d stored", r.status, h.count(t, "survey"))
	}
}

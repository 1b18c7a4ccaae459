package app_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
)

const surveyPath = "/api/v1/forms/survey/responses"

var receiptPattern = regexp.MustCompile(`^CH-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{2}$`)

func TestResponseIsStoredOnceAndReplaysSucceed(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())

	first := h.postJSON(t, surveyPath, body)
	if first.status != 201 {
		t.Fatalf("first post: %d %s", first.status, first.raw)
	}
	receipt, _ := first.body["receipt"].(string)
	if !receiptPattern.MatchString(receipt) || first.body["id"] != body["id"] {
		t.Fatalf("first body = %s", first.raw)
	}
	for range 3 {
		again := h.postJSON(t, surveyPath, body)
		if again.status != 200 || string(again.raw) != string(first.raw) {
			t.Fatalf("replay: %d %s, want 200 %s", again.status, again.raw, first.raw)
		}
	}
	if n := h.count(t, "survey"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
	stored, err := h.app.Store.Response(context.Background(), body["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if stored.FormVersion != "1" || stored.Answers["name"] != "Sam" || stored.Answers["score"] != int64(7) ||
		stored.StartedAt == nil || stored.CompletedAt == nil || stored.ReceivedAt.IsZero() {
		t.Errorf("stored = %+v", stored)
	}
}

func TestConcurrentCopiesStoreOneDocument(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[int]int{}
		receipts = map[string]bool{}
	)
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := h.postJSON(t, surveyPath, body)
			mu.Lock()
			defer mu.Unlock()
			statuses[r.status]++
			receipts[r.body["receipt"].(string)] = true
		}()
	}
	wg.Wait()
	if statuses[201] != 1 || statuses[200] != 49 {
		t.Errorf("statuses = %v, want one 201 and 49 200", statuses)
	}
	if len(receipts) != 1 {
		t.Errorf("receipts = %v, want one", receipts)
	}
	if n := h.count(t, "survey"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
}

func TestSameIDWithOtherContentConflicts(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())
	if r := h.postJSON(t, surveyPath, body); r.status != 201 {
		t.Fatal(r.status, string(r.raw))
	}
	body["answers"].(map[string]any)["name"] = "Alex"
	wantProblem(t, h.postJSON(t, surveyPath, body), 409)
	stored, _ := h.app.Store.Response(context.Background(), body["id"].(string))
	if stored.Answers["name"] != "Sam" {
		t.Errorf("the first response was changed: %v", stored.Answers)
	}
}

func TestRejectedRequests(t *testing.T) {
	h := start(t, "testdata/forms", "")
	valid, _ := json.Marshal(surveyResponse(newID()))
	tests := []struct {
		name, path, ctype, body string
		status                  int
		detail                  string
	}{
		{"malformed JSON", surveyPath, "application/json", `{"id": `, 400, "not valid JSON"},
		{"empty body", surveyPath, "application/json", ``, 400, "empty"},
		{"answers of the wrong type", surveyPath, "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":"yes"}`, 400, `"answers" must be an object`},
		{"id that is not a UUID", surveyPath, "application/json", `{"id":"abc","formVersion":"1","answers":{}}`, 400, "UUID"},
		{"missing version", surveyPath, "application/json", `{"id":"` + newID() + `","answers":{}}`, 400, `"formVersion" is missing`},
		{"unknown field", surveyPath, "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":{},"ip":"1.2.3.4"}`, 400, `"ip"`},
		{"bad timestamp", surveyPath, "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":{},"startedAt":"yesterday"}`, 400, "2026-03-31T14:05:00Z"},
		{"two JSON values", surveyPath, "application/json", string(valid) + string(valid), 400, "more than one"},
		{"not JSON at all", surveyPath, "text/plain", string(valid), 415, "Content-Type: application/json"},
		{"unknown form", "/api/v1/forms/nope/responses", "application/json", string(valid), 404, `no form with the id "nope"`},
		{"unknown version", surveyPath, "application/json", strings.Replace(string(valid), `"formVersion":"1"`, `"formVersion":"9"`, 1), 404, `no version "9"`},
		{"closed consultation", "/api/v1/forms/closed/responses", "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":{"a":true}}`, 403, "closed at 23:59 on Saturday 1 February 2020"},
		{"consultation not open yet", "/api/v1/forms/future/responses", "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":{"a":true}}`, 403, "opens at 00:00 on Thursday 1 January 2099"},
		{"too large", surveyPath, "application/json", `{"id":"` + newID() + `","formVersion":"1","answers":{"name":"` + strings.Repeat("x", 1<<20) + `"}}`, 413, "at most 1024 KiB"},
		{"unknown address", "/api/v1/nothing", "", "", 404, "nothing at this address"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := "POST"
			if tt.ctype == "" {
				method = "GET"
			}
			r := h.do(t, method, tt.path, tt.ctype, []byte(tt.body))
			wantProblem(t, r, tt.status)
			if d, _ := r.body["detail"].(string); !strings.Contains(d, tt.detail) {
				t.Errorf("detail %q does not say %q", d, tt.detail)
			}
		})
	}
	if n := h.count(t, "survey") + h.count(t, "closed") + h.count(t, "future"); n != 0 {
		t.Errorf("%d rejected responses were stored", n)
	}
}

func TestBrokenRulesListEveryProblem(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())
	body["answers"] = map[string]any{"happy": false, "score": 11, "service": "svc-nowhere", "extra": 1}
	r := h.postJSON(t, surveyPath, body)
	wantProblem(t, r, 422)
	got := map[string]string{}
	for _, e := range r.body["errors"].([]any) {
		m := e.(map[string]any)
		got[m["question"].(string)] = m["message"].(string)
	}
	for _, q := range []string{"name", "why", "score", "service", "extra"} {
		if got[q] == "" {
			t.Errorf("no problem reported for %s: %s", q, r.raw)
		}
	}
	if len(got) != 5 {
		t.Errorf("problems = %v, want 5", got)
	}
}

func TestHiddenAnswersAreDropped(t *testing.T) {
	h := start(t, "testdata/forms", "")
	body := surveyResponse(newID())
	body["answers"] = map[string]any{"name": "Sam", "happy": true, "why": "no reason", "service": "svc-elmfield-house"}
	if r := h.postJSON(t, surveyPath, body); r.status != 201 {
		t.Fatal(r.status, string(r.raw))
	}
	stored, _ := h.app.Store.Response(context.Background(), body["id"].(string))
	if _, kept := stored.Answers["why"]; kept {
		t.Errorf("the hidden question's answer was stored: %v", stored.Answers)
	}
	if stored.Answers["service"] != "svc-elmfield-house" {
		t.Errorf("service answer = %v", stored.Answers["service"])
	}
	body = surveyResponse(newID())
	body["answers"] = map[string]any{"name": "Sam", "happy": false}
	if r := h.postJSON(t, surveyPath, body); r.status != 422 || !strings.Contains(string(r.raw), `"why"`) {
		t.Errorf("a shown required question was not required: %d %s", r.status, r.raw)
	}
}

// A body larger than any request may be is refused from its Content-Length,
// before it is read. A raw connection shows the answer that a client still
// sending would otherwise miss.
func TestOversizedBodyRefusedBeforeReading(t *testing.T) {
	h := start(t, "testdata/forms", "")
	conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{", 17<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantProblem(t, readReply(resp), 413)
}

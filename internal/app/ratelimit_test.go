package app_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"chorus/internal/config"
)

// withLimits sets the rate limits of the test servers that one test starts
// (CHORUS_RATE_LIMIT, CHORUS_DEVICE_RATE_LIMIT, CHORUS_SIGNIN_RATE_LIMIT),
// and puts them back after it.
func withLimits(t *testing.T, responses, devices, signIns string) {
	t.Helper()
	old := [3]string{rateLimit, deviceRateLimit, signInRateLimit}
	rateLimit, deviceRateLimit, signInRateLimit = responses, devices, signIns
	t.Cleanup(func() { rateLimit, deviceRateLimit, signInRateLimit = old[0], old[1], old[2] })
}

// documented is the documented default of an environment variable.
func documented(t *testing.T, name string) string {
	t.Helper()
	for _, v := range config.Variables {
		if v.Name == name {
			return v.Default
		}
	}
	t.Fatalf("%s is not documented", name)
	return ""
}

// withDefaultLimits runs a test's servers with the documented limits.
func withDefaultLimits(t *testing.T) {
	t.Helper()
	withLimits(t, documented(t, "CHORUS_RATE_LIMIT"), documented(t, "CHORUS_DEVICE_RATE_LIMIT"), documented(t, "CHORUS_SIGNIN_RATE_LIMIT"))
}

// batchFor is a sync body of n new responses to a form of testdata/forms-roles
// with one yes/no question.
func batchFor(formID, question string, n int) map[string]any {
	items := make([]any, n)
	for i := range items {
		items[i] = map[string]any{"id": newID(), "formId": formID, "formVersion": "1", "answers": map[string]any{question: true}}
	}
	return map[string]any{"responses": items}
}

// wantAllStored checks that a sync answer stored every item of its batch.
func wantAllStored(t *testing.T, what string, r reply, n int) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("%s: %d %s", what, r.status, r.raw)
	}
	items, _ := r.body["responses"].([]any)
	if len(items) != n {
		t.Fatalf("%s: %d results for %d responses", what, len(items), n)
	}
	for i, it := range items {
		if s := it.(map[string]any)["status"]; s != float64(201) {
			t.Fatalf("%s: item %d has status %v: %v", what, i, s, it)
		}
	}
}

// wantRetryLater checks a 429 that says how long to wait.
func wantRetryLater(t *testing.T, what string, r reply) {
	t.Helper()
	if r.status != 429 {
		t.Fatalf("%s: %d, want 429: %s", what, r.status, r.raw)
	}
	wantProblem(t, r, 429)
	if s, err := strconv.Atoi(r.header.Get("Retry-After")); err != nil || s < 1 || s > 60 {
		t.Errorf("%s: Retry-After = %q, want 1 to 60 seconds", what, r.header.Get("Retry-After"))
	}
}

// A flood of sync batches from one address is counted in responses, not
// requests: refused whole once over the allowance, with nothing of the
// refused batches stored, while officers at the same address sign in as
// usual, during the flood and after the address's allowance is spent.
func TestFloodIsCountedInResponses(t *testing.T) {
	withDefaultLimits(t) // 120 responses a minute per address
	h := start(t, "testdata/forms-roles", "")
	began := time.Now()
	for i := range 2 {
		wantAllStored(t, "batch "+strconv.Itoa(i+1), h.postJSON(t, "/api/v1/sync", batchFor("public", "happy", 50)), 50)
	}

	// Ten batches of 500 at once, as the review sent, while an officer
	// signs in from the same address.
	body, _ := json.Marshal(batchFor("public", "happy", 500))
	statuses := make(chan reply, 10)
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			resp, err := client.Post(h.url+"/api/v1/sync", "application/json", bytes.NewReader(body))
			if err != nil {
				statuses <- reply{status: -1, raw: []byte(err.Error())}
				return
			}
			statuses <- readReply(resp)
		})
	}
	h.signIn(t, "officer")
	wg.Wait()
	close(statuses)
	for r := range statuses {
		wantRetryLater(t, "a batch of 500 over the allowance", r)
	}
	if n := h.count(t, "public"); n != 100 {
		t.Fatalf("%d responses stored after the flood, want the 100 within the allowance", n)
	}

	// A batch larger than what is left is refused whole: nothing half-stored.
	wantRetryLater(t, "a batch of 50 with 20 left", h.postJSON(t, "/api/v1/sync", batchFor("public", "happy", 50)))
	if n := h.count(t, "public"); n != 100 {
		t.Fatalf("%d responses stored, want 100: a refused batch was partly stored", n)
	}

	// A single post counts one: about 20 more fit (and what a second
	// brings back, 2 a second).
	singles := 0
	for singles < 200 {
		r := h.postJSON(t, "/api/v1/forms/public/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": map[string]any{"happy": true}})
		if r.status == 429 {
			wantRetryLater(t, "a single post over the allowance", r)
			break
		}
		if r.status != 201 {
			t.Fatalf("single post: %d %s", r.status, r.raw)
		}
		singles++
	}
	if most := 20 + 2*int(time.Since(began).Seconds()+1); singles < 20 || singles > most {
		t.Errorf("%d single posts fitted after 100 responses of 120, want 20 to %d", singles, most)
	}
	if n := h.count(t, "public"); n != int64(100+singles) {
		t.Errorf("%d responses stored, want %d", n, 100+singles)
	}
	// The address has spent its responses; its officers still sign in.
	for range 3 {
		h.signIn(t, "officer")
	}
}

// A Quality Checker's phone that has been offline for a week sends its
// visits (5 a day) in one batch, with the documented limits.
func TestWeekOfVisitsInOneBatch(t *testing.T) {
	withDefaultLimits(t)
	h := start(t, "testdata/forms-roles", "")
	phone, _ := h.volunteer(t, h.signIn(t, "officer"), "Ann")
	wantAllStored(t, "a week of visits", h.postAs(t, phone, "/api/v1/sync", batchFor("visit", "good", 5*7)), 35)
	// And a month's (more than an address without a sign-in may send in a
	// minute): a phone has its own allowance.
	wantAllStored(t, "a month of visits", h.postAs(t, phone, "/api/v1/sync", batchFor("visit", "good", 5*31)), 155)
	if n := h.count(t, "visit"); n != 35+155 {
		t.Errorf("%d visits stored, want %d", n, 35+155)
	}
}

// Phones behind one address (a council office's Wi-Fi) are counted each on
// its own, and apart from the address's residents.
func TestPhonesBehindOneAddressHaveTheirOwnAllowance(t *testing.T) {
	withLimits(t, "20", "40", "0")
	h := start(t, "testdata/forms-roles", "")
	officer := h.signIn(t, "officer")
	a, _ := h.volunteer(t, officer, "Ann")
	b, _ := h.volunteer(t, officer, "Bo")
	wantAllStored(t, "phone A", h.postAs(t, a, "/api/v1/sync", batchFor("visit", "good", 35)), 35)
	wantAllStored(t, "phone B", h.postAs(t, b, "/api/v1/sync", batchFor("visit", "good", 35)), 35)
	// A has spent its own allowance; B has 5 left of its own.
	wantRetryLater(t, "phone A over its allowance", h.postAs(t, a, "/api/v1/sync", batchFor("visit", "good", 20)))
	wantAllStored(t, "phone B within its allowance", h.postAs(t, b, "/api/v1/sync", batchFor("visit", "good", 5)), 5)
	if n := h.count(t, "visit"); n != 75 {
		t.Errorf("%d visits stored, want 75", n)
	}
	// Residents at the same address have all of theirs, and no more.
	wantAllStored(t, "residents", h.postJSON(t, "/api/v1/sync", batchFor("public", "happy", 20)), 20)
	wantRetryLater(t, "residents over the allowance", h.postJSON(t, "/api/v1/sync", batchFor("public", "happy", 5)))
	// A phone's sign-in is checked before its allowance: one that is
	// stopped hears 401, not to wait.
	if r := h.postAs(t, creds{bearer: "not-a-token"}, "/api/v1/sync", batchFor("visit", "good", 1)); r.status != http.StatusUnauthorized {
		t.Errorf("a bad token: %d, want 401", r.status)
	}
}

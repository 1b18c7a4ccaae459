package storetest

import (
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func responseCases() []testCase {
	return []testCase{
		one("InsertOnceByID", testInsertOnceByID),
		one("InsertReusedIDConflicts", testInsertReusedIDConflicts),
		one("ReceiptCollisionGetsNewReceipt", testReceiptCollision),
		one("InsertBatchMixed", testInsertBatchMixed),
		one("InsertBatchRepeatingAnID", testInsertBatchRepeatingAnID),
		one("ResponseLookups", testResponseLookups),
		one("AnswersRoundTrip", testAnswersRoundTrip),
		one("SetReview", testSetReview),
		one("Erase", testErase),
		one("EraseLeavesMarkersWithoutVisitOrFlag", testEraseMarkersOnly),
		one("Flags", testFlags),
		one("ServiceVisits", testServiceVisits),
	}
}

func testInsertOnceByID(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Ann"})
	first, err := s.InsertResponse(ctx, r)
	must(t, err, "first insert")
	check(t, "first result", first, chorus.Result{ID: r.ID, Receipt: r.Receipt, Created: true})
	again, err := s.InsertResponse(ctx, resend(r))
	must(t, err, "second copy")
	check(t, "second copy's result", again, chorus.Result{ID: r.ID, Receipt: first.Receipt})
	got, err := s.Response(ctx, r.ID)
	must(t, err, "Response")
	check(t, "stored response", got, r)
	n, err := s.CountResponses(ctx, "survey")
	must(t, err, "CountResponses")
	if n != 1 {
		t.Errorf("CountResponses = %d after two copies, want 1", n)
	}
}

func testInsertReusedIDConflicts(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Ann"})
	insert(t, s, r)
	other := newResponse(uuid(1), "survey", at(time.Minute), map[string]any{"name": "Bea"})
	other.Fingerprint = "fp-other"
	_, err := s.InsertResponse(ctx, other)
	wantCode(t, err, chorus.ECONFLICT, "a different response reusing the id")
	got, err := s.Response(ctx, r.ID)
	must(t, err, "Response")
	check(t, "the first response, left as it was", got, r)
}

func testReceiptCollision(t *testing.T, s store.Store) {
	ctx := t.Context()
	mk := func(n int) *chorus.Response {
		r := newResponse(uuid(n), "survey", at(time.Duration(n)*time.Second), map[string]any{"n": int64(n)})
		r.Receipt = "CH-AAAA-AA"
		return r
	}
	insert(t, s, mk(1))
	res, err := s.InsertResponse(ctx, mk(2))
	if err != nil || !res.Created || res.Receipt == "CH-AAAA-AA" || res.Receipt == "" {
		t.Fatalf("single insert after a receipt collision: %+v %v", res, err)
	}
	results, errs, err := s.InsertResponses(ctx, []*chorus.Response{mk(3)})
	if err != nil || errs[0] != nil || !results[0].Created || results[0].Receipt == "CH-AAAA-AA" || results[0].Receipt == "" {
		t.Fatalf("batch insert after a receipt collision: %+v %v %v", results, errs, err)
	}
	for id, receipt := range map[string]string{uuid(1): "CH-AAAA-AA", uuid(2): res.Receipt, uuid(3): results[0].Receipt} {
		got, err := s.ResponseByReceipt(ctx, receipt)
		if err != nil || got == nil || got.ID != id {
			t.Errorf("ResponseByReceipt(%s) = %+v, %v; want %s", receipt, got, err, id)
		}
	}
	if results[0].Receipt == res.Receipt {
		t.Errorf("two responses were given the receipt %s", res.Receipt)
	}
	if n, _ := s.CountResponses(ctx, "survey"); n != 3 {
		t.Errorf("%d stored, want 3", n)
	}
}

func testInsertBatchMixed(t *testing.T, s store.Store) {
	ctx := t.Context()
	x := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Xena"})
	y := newResponse(uuid(2), "survey", at(time.Second), map[string]any{"name": "Yan"})
	insert(t, s, x, y)
	a := newResponse(uuid(3), "survey", at(2*time.Second), map[string]any{"name": "Abe"})
	conflict := newResponse(uuid(2), "survey", at(3*time.Second), map[string]any{"name": "Not Yan"})
	conflict.Fingerprint = "fp-not-yan"
	b := newResponse(uuid(4), "survey", at(4*time.Second), map[string]any{"name": "Bo"})
	b.Receipt = x.Receipt
	c := newResponse(uuid(5), "survey", at(5*time.Second), map[string]any{"name": "Cy"})
	batch := []*chorus.Response{a, resend(x), conflict, b, c}
	results, errs, err := s.InsertResponses(ctx, batch)
	must(t, err, "InsertResponses")
	if len(results) != len(batch) || len(errs) != len(batch) {
		t.Fatalf("%d results and %d errors for %d items", len(results), len(errs), len(batch))
	}
	for _, i := range []int{0, 1, 3, 4} {
		if errs[i] != nil {
			t.Errorf("item %d: %v", i, errs[i])
		}
	}
	check(t, "new item", results[0], chorus.Result{ID: a.ID, Receipt: a.Receipt, Created: true})
	check(t, "replayed item", results[1], chorus.Result{ID: x.ID, Receipt: x.Receipt})
	wantCode(t, errs[2], chorus.ECONFLICT, "item reusing an id for other answers")
	if results[3].ID != b.ID || !results[3].Created || results[3].Receipt == x.Receipt || results[3].Receipt == "" {
		t.Errorf("item whose receipt collided: %+v", results[3])
	}
	check(t, "last new item", results[4], chorus.Result{ID: c.ID, Receipt: c.Receipt, Created: true})
	for _, want := range []*chorus.Response{x, y, a, c} {
		got, err := s.Response(ctx, want.ID)
		must(t, err, "Response "+want.ID)
		check(t, "stored "+want.ID, got, want)
	}
	if got, err := s.Response(ctx, b.ID); err != nil || got.Receipt != results[3].Receipt {
		t.Errorf("item whose receipt collided is stored as %+v, %v; want receipt %s", got, err, results[3].Receipt)
	}
	if n, _ := s.CountResponses(ctx, "survey"); n != 5 {
		t.Errorf("%d stored, want 5", n)
	}
	results, errs, err = s.InsertResponses(ctx, nil)
	if err != nil || len(results) != 0 || len(errs) != 0 {
		t.Errorf("empty batch: %v %v %v", results, errs, err)
	}
}

// A phone may send the same response twice in one batch.
func testInsertBatchRepeatingAnID(t *testing.T, s store.Store) {
	ctx := t.Context()
	a := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Abe"})
	results, errs, err := s.InsertResponses(ctx, []*chorus.Response{a, resend(a)})
	must(t, err, "InsertResponses")
	if errs[0] != nil || errs[1] != nil {
		t.Fatalf("errors %v", errs)
	}
	if results[0].Created == results[1].Created || results[0].Receipt != results[1].Receipt || results[0].ID != a.ID || results[1].ID != a.ID {
		t.Errorf("results %+v: want one created, both with the same receipt", results)
	}
	if n, _ := s.CountResponses(ctx, "survey"); n != 1 {
		t.Errorf("%d stored, want 1", n)
	}
}

func testResponseLookups(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Ann"})
	r.SentBy = "volunteer:v-17"
	r.Language = "pl"
	plain := newResponse(uuid(2), "survey", at(time.Second), map[string]any{})
	plain.StartedAt, plain.CompletedAt = nil, nil
	insert(t, s, r, plain)
	_, err := s.Response(ctx, uuid(9))
	wantCode(t, err, chorus.ENOTFOUND, "Response of an unknown id")
	got, err := s.ResponseByReceipt(ctx, "CH-2222-22")
	if got != nil || err != nil {
		t.Errorf("ResponseByReceipt of an unknown receipt = %+v, %v; want nil, nil", got, err)
	}
	for _, want := range []*chorus.Response{r, plain} {
		got, err = s.Response(ctx, want.ID)
		must(t, err, "Response")
		check(t, "Response", got, want)
		got, err = s.ResponseByReceipt(ctx, want.Receipt)
		must(t, err, "ResponseByReceipt")
		check(t, "ResponseByReceipt", got, want)
	}
}

func testAnswersRoundTrip(t *testing.T, s store.Store) {
	ctx := t.Context()
	story := strings.Repeat("Zoë said: “the staff were kind”.\nÇa va — 日本語 ✓\r\n\ttabs and 'quotes' \"too\"\n", 200)
	answers := map[string]any{
		"name":      "Ann O'Neil",
		"empty":     "",
		"choices":   []string{"a", "b.c", "$d", "50%", "Élan"},
		"one":       []string{"only"},
		"count":     int64(42),
		"negative":  int64(-7),
		"large":     int64(9007199254740993),
		"score":     2.5,
		"small":     -0.125,
		"consent":   true,
		"concern":   false,
		"story":     story,
		"visitDate": "2024-06-29",
	}
	r := newResponse(uuid(1), "survey", at(0), answers)
	insert(t, s, r)
	got, err := s.Response(ctx, r.ID)
	must(t, err, "Response")
	check(t, "answers from Response", got.Answers, answers)
	got, err = s.ResponseByReceipt(ctx, r.Receipt)
	must(t, err, "ResponseByReceipt")
	check(t, "answers from ResponseByReceipt", got.Answers, answers)
	rows := each(t, s, chorus.ResponseFilter{FormID: "survey"})
	if len(rows) != 1 {
		t.Fatalf("EachResponse gave %d responses, want 1", len(rows))
	}
	check(t, "answers from EachResponse", rows[0].Answers, answers)
	page, _, err := s.ResponsePage(ctx, store.PageQuery{Filter: chorus.ResponseFilter{FormID: "survey"}, Limit: 10})
	must(t, err, "ResponsePage")
	if len(page) != 1 {
		t.Fatalf("ResponsePage gave %d responses, want 1", len(page))
	}
	check(t, "answers from ResponsePage", page[0].Answers, answers)
}

func testSetReview(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "Ann"})
	insert(t, s, r)
	rv := chorus.Review{Status: chorus.ReviewFollowUp, Note: "Call the home — ask about\nthe garden.", By: "user:u-1", At: at(time.Hour)}
	must(t, s.SetReview(ctx, r.ID, rv), "SetReview")
	got, err := s.Response(ctx, r.ID)
	must(t, err, "Response")
	check(t, "review", got.Review, &rv)
	if got.StatusOf() != chorus.ReviewFollowUp {
		t.Errorf("status %q", got.StatusOf())
	}
	rv2 := chorus.Review{Status: chorus.ReviewClosed, By: "user:u-2", At: at(2 * time.Hour)}
	must(t, s.SetReview(ctx, r.ID, rv2), "SetReview again")
	got, err = s.Response(ctx, r.ID)
	must(t, err, "Response")
	check(t, "second review replaces the first", got.Review, &rv2)
	check(t, "answers after a review", got.Answers, r.Answers)
	wantCode(t, s.SetReview(ctx, uuid(9), rv), chorus.ENOTFOUND, "SetReview of an unknown response")
	_, _, err = s.EraseResponse(ctx, r.ID, at(3*time.Hour))
	must(t, err, "EraseResponse")
	wantCode(t, s.SetReview(ctx, r.ID, rv), chorus.ENOTFOUND, "SetReview of an erased response")
}

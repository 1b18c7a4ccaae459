package storetest

import (
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func queryCases() []testCase {
	return []testCase{
		one("EachResponseOrder", testEachResponseOrder),
		one("EachResponseFilters", testEachResponseFilters),
		one("CountResponses", testCountResponses),
	}
}

// each reads every response f selects.
func each(t *testing.T, s store.Store, f chorus.ResponseFilter) []*chorus.Response {
	t.Helper()
	rows, closeRows, err := s.EachResponse(t.Context(), f)
	must(t, err, "EachResponse")
	defer closeRows()
	var out []*chorus.Response
	for r, err := range rows {
		must(t, err, "EachResponse row")
		out = append(out, r)
	}
	return out
}

// ids lists the responses' ids in their order.
func ids(rs []*chorus.Response) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

func testEachResponseOrder(t *testing.T, s store.Store) {
	ctx := t.Context()
	mk := func(n int, formID string, d time.Duration) *chorus.Response {
		return newResponse(uuid(n), formID, at(d), map[string]any{"n": int64(n)})
	}
	// Received order, then id: 10, 25 and 40 arrived in the same millisecond.
	insert(t, s, mk(20, "survey", 3*time.Second), mk(40, "survey", time.Second), mk(5, "other", 1500*time.Millisecond),
		mk(30, "survey", 2*time.Second), mk(25, "survey", time.Second), mk(10, "survey", time.Second),
		mk(1, "survey", 4*time.Second+999*time.Millisecond))
	check(t, "survey's responses", ids(each(t, s, chorus.ResponseFilter{FormID: "survey"})),
		[]string{uuid(10), uuid(25), uuid(40), uuid(30), uuid(20), uuid(1)})
	check(t, "other's responses", ids(each(t, s, chorus.ResponseFilter{FormID: "other"})), []string{uuid(5)})
	check(t, "an unknown form's responses", ids(each(t, s, chorus.ResponseFilter{FormID: "none"})), []string(nil))

	rows, closeRows, err := s.EachResponse(ctx, chorus.ResponseFilter{FormID: "survey"})
	must(t, err, "EachResponse")
	for r, err := range rows {
		must(t, err, "first row")
		if r.ID != uuid(10) {
			t.Errorf("first row %s, want %s", r.ID, uuid(10))
		}
		break
	}
	closeRows()
	closeRows()
	_, closeRows, err = s.EachResponse(ctx, chorus.ResponseFilter{FormID: "survey"})
	must(t, err, "EachResponse")
	closeRows() // closed without reading
	closeRows()
}

// filterCase is a filter and the responses it selects, in order.
type filterCase struct {
	name string
	f    chorus.ResponseFilter
	want []string
}

// filterFixture stores responses to filter: five visits of the form
// "visit" across the turn of June in British Summer Time, an erased one,
// and one of another form. It returns the cases that select among them.
func filterFixture(t *testing.T, s store.Store) []filterCase {
	ctx := t.Context()
	bst := time.FixedZone("BST", 3600)
	visit := func(n int, received time.Time, date, service string) *chorus.Response {
		answers := map[string]any{"service": service, "visitDate": date, "rating": "good"}
		if date == "" {
			delete(answers, "visitDate")
		}
		return newResponse(uuid(n), "visit", received, answers)
	}
	r1 := visit(1, time.Date(2024, 6, 30, 22, 30, 0, 0, time.UTC), "2024-06-28", "svc-a")               // 30 June 23:30 BST
	r2 := visit(2, time.Date(2024, 6, 30, 23, 30, 0, 0, time.UTC), "2024-06-30", "svc-b")               // 1 July 00:30 BST
	r3 := visit(3, time.Date(2024, 7, 1, 22, 59, 59, 999e6, time.UTC), "2024-07-01", "svc-a")           // 1 July 23:59:59.999 BST
	r4 := visit(4, time.Date(2024, 7, 1, 23, 0, 0, 0, time.UTC), "2024-07-02", "svc-a")                 // 2 July 00:00 BST
	r5 := visit(5, time.Date(2024, 7, 3, 10, 0, 0, 0, time.UTC), "", "svc-b")                           // no visit date
	gone := visit(6, time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC), "2024-07-01", "svc-a")               // erased
	other := newResponse(uuid(7), "survey", time.Date(2024, 7, 1, 12, 0, 0, 0, time.UTC), gone.Answers) // another form
	insert(t, s, r5, r3, other, r1, gone, r4, r2)
	review := func(r *chorus.Response, status string) {
		must(t, s.SetReview(ctx, r.ID, chorus.Review{Status: status, By: "user:u-1", At: at(time.Hour)}), "SetReview")
	}
	review(r1, chorus.ReviewReviewed)
	review(r3, chorus.ReviewClosed)
	review(r3, chorus.ReviewNew) // set back to new
	review(r4, chorus.ReviewFollowUp)
	review(gone, chorus.ReviewNew)
	_, _, err := s.EraseResponse(ctx, gone.ID, at(time.Hour))
	must(t, err, "EraseResponse")

	id := func(rs ...*chorus.Response) []string { return ids(rs) }
	date := func(from, to string) chorus.ResponseFilter {
		return chorus.ResponseFilter{FormID: "visit", DateQuestion: "visitDate", From: from, To: to}
	}
	return []filterCase{
		{"all", chorus.ResponseFilter{FormID: "visit"}, id(r1, r2, r3, r4, r5)},
		{"received on a day in BST", chorus.ResponseFilter{FormID: "visit", From: "2024-07-01", To: "2024-07-01", Location: bst}, id(r2, r3)},
		{"received from a day in BST", chorus.ResponseFilter{FormID: "visit", From: "2024-07-01", Location: bst}, id(r2, r3, r4, r5)},
		{"received up to a day in BST", chorus.ResponseFilter{FormID: "visit", To: "2024-06-30", Location: bst}, id(r1)},
		{"received on a day in UTC", chorus.ResponseFilter{FormID: "visit", From: "2024-07-01", To: "2024-07-01"}, id(r3, r4)},
		{"visit date range", date("2024-06-30", "2024-07-01"), id(r2, r3)},
		{"visit date from", date("2024-07-01", ""), id(r3, r4)},
		{"visit date up to", date("", "2024-06-30"), id(r1, r2)},
		{"visit date, received-day bounds ignored", chorus.ResponseFilter{FormID: "visit", DateQuestion: "visitDate", From: "2024-07-02", Location: bst}, id(r4)},
		{"service", chorus.ResponseFilter{FormID: "visit", ServiceQuestion: "service", Service: "svc-a"}, id(r1, r3, r4)},
		{"service without visits", chorus.ResponseFilter{FormID: "visit", ServiceQuestion: "service", Service: "svc-z"}, nil},
		{"status new", chorus.ResponseFilter{FormID: "visit", Status: chorus.ReviewNew}, id(r2, r3, r5)},
		{"status reviewed", chorus.ResponseFilter{FormID: "visit", Status: chorus.ReviewReviewed}, id(r1)},
		{"status follow-up", chorus.ResponseFilter{FormID: "visit", Status: chorus.ReviewFollowUp}, id(r4)},
		{"status closed", chorus.ResponseFilter{FormID: "visit", Status: chorus.ReviewClosed}, nil},
		{"visit date, service and status", chorus.ResponseFilter{FormID: "visit", DateQuestion: "visitDate", From: "2024-07-01",
			ServiceQuestion: "service", Service: "svc-a", Status: chorus.ReviewNew}, id(r3)},
		{"another form", chorus.ResponseFilter{FormID: "survey", ServiceQuestion: "service", Service: "svc-a"}, id(other)},
	}
}

func testEachResponseFilters(t *testing.T, s store.Store) {
	for _, c := range filterFixture(t, s) {
		check(t, "EachResponse, "+c.name, ids(each(t, s, c.f)), c.want)
		if n, ok := s.CountCheaply(t.Context(), c.f); ok && n != int64(len(c.want)) {
			t.Errorf("CountCheaply, %s = %d, want %d", c.name, n, len(c.want))
		}
		check(t, "ResponsePage, "+c.name, ids(allPages(t, s, store.PageQuery{Filter: c.f, Limit: 2})), c.want)
	}
}

func testCountResponses(t *testing.T, s store.Store) {
	ctx := t.Context()
	for i := range 4 {
		insert(t, s, newResponse(uuid(i), "survey", at(time.Duration(i)*time.Second), map[string]any{}))
	}
	insert(t, s, newResponse(uuid(9), "other", at(0), map[string]any{}))
	_, _, err := s.EraseResponse(ctx, uuid(0), at(time.Hour))
	must(t, err, "EraseResponse")
	for form, want := range map[string]int64{"survey": 4, "other": 1, "none": 0} {
		n, err := s.CountResponses(ctx, form)
		must(t, err, "CountResponses")
		if n != want {
			t.Errorf("CountResponses(%s) = %d, want %d (erased ones included)", form, n, want)
		}
	}
	if n, ok := s.CountCheaply(ctx, chorus.ResponseFilter{FormID: "survey"}); ok && n != 3 {
		t.Errorf("CountCheaply(survey) = %d, want 3 (erased ones left out)", n)
	}
}

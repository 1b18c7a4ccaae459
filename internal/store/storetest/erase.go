package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

// visitOf is the service page entry intake writes for a visit.
func visitOf(r *chorus.Response, service, date string) chorus.ServiceVisit {
	return chorus.ServiceVisit{ResponseID: r.ID, FormID: r.FormID, Service: service, VisitDate: date,
		ReceivedAt: r.ReceivedAt, Receipt: r.Receipt, Keys: map[string]string{"rating": "good", "room": "B.2"}}
}

// flagOf is the safeguarding flag intake writes for a visit.
func flagOf(r *chorus.Response, service, date string) chorus.Flag {
	return chorus.Flag{ResponseID: r.ID, FormID: r.FormID, Service: service, VisitDate: date,
		ReceivedAt: r.ReceivedAt, Receipt: r.Receipt, Open: true}
}

// openFlagIDs lists the ids of the open flags, sorted.
func openFlagIDs(t *testing.T, s store.Store) []string {
	t.Helper()
	flags, err := s.OpenFlags(t.Context())
	must(t, err, "OpenFlags")
	var ids []string
	for _, f := range flags {
		ids = append(ids, f.ResponseID)
	}
	slices.Sort(ids)
	return ids
}

// visitIDs lists the ids of a service's visits, sorted.
func visitIDs(t *testing.T, s store.Store, service string) []string {
	t.Helper()
	visits, _, err := s.ServiceVisits(t.Context(), service, 0)
	must(t, err, "ServiceVisits")
	var ids []string
	for _, v := range visits {
		ids = append(ids, v.ResponseID)
	}
	slices.Sort(ids)
	return ids
}

func testErase(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "visit", at(0), map[string]any{"service": "svc-a", "visitDate": "2024-06-29", "notes": "Mrs Smith, room 4", "concern": true})
	r.SentBy, r.Language = "volunteer:v-1", "ar"
	keep := newResponse(uuid(2), "visit", at(time.Second), map[string]any{"service": "svc-a", "visitDate": "2024-06-29"})
	insert(t, s, r, keep)
	rv := chorus.Review{Status: chorus.ReviewNew, Note: "seen", By: "user:u-1", At: at(time.Minute)}
	must(t, s.SetReview(ctx, r.ID, rv), "SetReview")
	for _, x := range []*chorus.Response{r, keep} {
		must(t, s.SaveServiceVisit(ctx, visitOf(x, "svc-a", "2024-06-29")), "SaveServiceVisit")
		must(t, s.Flag(ctx, flagOf(x, "svc-a", "2024-06-29")), "Flag")
	}
	check(t, "open flags before", openFlagIDs(t, s), []string{r.ID, keep.ID})

	erasedAt := at(time.Hour)
	was, erasedNow, err := s.EraseResponse(ctx, r.ID, erasedAt)
	must(t, err, "EraseResponse")
	if !erasedNow {
		t.Error("the first EraseResponse says it did not erase")
	}
	want := *r
	want.Review = &rv
	check(t, "the response as it was", was, &want)

	_, err = s.Response(ctx, r.ID)
	wantCode(t, err, chorus.ENOTFOUND, "Response of an erased response")
	left, err := s.ResponseByReceipt(ctx, r.Receipt)
	must(t, err, "ResponseByReceipt")
	if left == nil {
		t.Fatal("the erased response's receipt is gone")
	}
	check(t, "what remains of an erased response", left, &chorus.Response{ID: r.ID, FormID: r.FormID, FormVersion: r.FormVersion,
		Answers: map[string]any{}, ReceivedAt: r.ReceivedAt, Receipt: r.Receipt, Fingerprint: left.Fingerprint, ErasedAt: &erasedAt})
	if left.Fingerprint == r.Fingerprint {
		t.Errorf("an erased response keeps the fingerprint of its answers")
	}

	was, erasedNow, err = s.EraseResponse(ctx, r.ID, at(2*time.Hour))
	must(t, err, "EraseResponse again")
	if erasedNow {
		t.Error("the second EraseResponse says it erased")
	}
	if was == nil || was.ErasedAt == nil || !was.ErasedAt.Equal(erasedAt) {
		t.Errorf("the second EraseResponse returns %+v; want the erased response, erased at %v", was, erasedAt)
	}
	_, _, err = s.EraseResponse(ctx, uuid(9), erasedAt)
	wantCode(t, err, chorus.ENOTFOUND, "EraseResponse of an unknown response")

	res, err := s.InsertResponse(ctx, resend(r))
	must(t, err, "resending an erased response")
	check(t, "result of resending an erased response", res, chorus.Result{ID: r.ID, Receipt: r.Receipt, Erased: true})
	results, errs, err := s.InsertResponses(ctx, []*chorus.Response{resend(r)})
	must(t, err, "resending an erased response in a batch")
	if errs[0] != nil {
		t.Errorf("batch resend: %v", errs[0])
	}
	check(t, "batch result of resending an erased response", results[0], chorus.Result{ID: r.ID, Receipt: r.Receipt, Erased: true})
	_, err = s.Response(ctx, r.ID)
	wantCode(t, err, chorus.ENOTFOUND, "Response after a resend of an erased response")

	check(t, "service visits after erasing", visitIDs(t, s, "svc-a"), []string{keep.ID})
	check(t, "open flags after erasing", openFlagIDs(t, s), []string{keep.ID})
	must(t, s.SaveServiceVisit(ctx, visitOf(r, "svc-a", "2024-06-29")), "SaveServiceVisit of the resent copy")
	must(t, s.Flag(ctx, flagOf(r, "svc-a", "2024-06-29")), "Flag of the resent copy")
	check(t, "service visits after a resent copy", visitIDs(t, s, "svc-a"), []string{keep.ID})
	check(t, "open flags after a resent copy", openFlagIDs(t, s), []string{keep.ID})

	if n, _ := s.CountResponses(ctx, "visit"); n != 2 {
		t.Errorf("CountResponses = %d, want 2 (erased ones included)", n)
	}
	f := chorus.ResponseFilter{FormID: "visit"}
	check(t, "EachResponse after erasing", ids(each(t, s, f)), []string{keep.ID})
	check(t, "ResponsePage after erasing", ids(allPages(t, s, store.PageQuery{Filter: f, Limit: 5})), []string{keep.ID})
	check(t, "ResponsePage by the erased receipt", ids(allPages(t, s, store.PageQuery{Filter: f, Receipt: r.Receipt, Limit: 5})), []string(nil))
	if n, ok := s.CountCheaply(ctx, f); ok && n != 1 {
		t.Errorf("CountCheaply = %d, want 1", n)
	}
}

// An erasure writes its markers even when the visit had no service page
// entry or flag yet, so that a resent copy cannot add them afterwards.
func testEraseMarkersOnly(t *testing.T, s store.Store) {
	ctx := t.Context()
	r := newResponse(uuid(1), "visit", at(0), map[string]any{"service": "svc-a", "concern": true})
	insert(t, s, r)
	_, erasedNow, err := s.EraseResponse(ctx, r.ID, at(time.Hour))
	if err != nil || !erasedNow {
		t.Fatalf("EraseResponse: %v %v", erasedNow, err)
	}
	must(t, s.SaveServiceVisit(ctx, visitOf(r, "svc-a", "2024-06-29")), "SaveServiceVisit")
	must(t, s.Flag(ctx, flagOf(r, "svc-a", "2024-06-29")), "Flag")
	check(t, "service visits", visitIDs(t, s, "svc-a"), []string(nil))
	check(t, "open flags", openFlagIDs(t, s), []string(nil))
}

// A flag is open while its visit is new or needs follow-up, and closed
// once it is reviewed or closed; resent copies and decisions written
// before the flag keep it as the officers left it.
func testFlags(t *testing.T, s store.Store) {
	ctx := t.Context()
	var rs []*chorus.Response
	for i := range 6 {
		rs = append(rs, newResponse(uuid(i+1), "visit", at(time.Duration(i)*time.Minute), map[string]any{"service": "svc-a"}))
	}
	insert(t, s, rs...)
	review := func(r *chorus.Response, status string) {
		t.Helper()
		must(t, s.SetReview(ctx, r.ID, chorus.Review{Status: status, By: "user:u-1", At: at(time.Hour)}), "SetReview "+status)
	}
	sorted := func() []chorus.Flag {
		t.Helper()
		flags, err := s.OpenFlags(ctx)
		must(t, err, "OpenFlags")
		slices.SortFunc(flags, func(a, b chorus.Flag) int { return cmp.Compare(a.ResponseID, b.ResponseID) })
		return flags
	}
	phoned, notYet := true, false
	f0 := flagOf(rs[0], "svc-a", "2024-06-29")
	f0.Phoned = &phoned
	f1 := flagOf(rs[1], "svc-b", "2024-06-28")
	f1.Phoned = &notYet
	must(t, s.Flag(ctx, f0), "Flag")
	must(t, s.Flag(ctx, f1), "Flag")
	closed := flagOf(rs[2], "svc-a", "2024-06-27")
	closed.Open = false // a resent copy of a response already reviewed
	must(t, s.Flag(ctx, closed), "Flag")
	check(t, "open flags, with whether the volunteer phoned", sorted(), []chorus.Flag{f0, f1})

	review(rs[0], chorus.ReviewReviewed)
	check(t, "open flags once reviewed", openFlagIDs(t, s), []string{rs[1].ID})
	must(t, s.Flag(ctx, f0), "Flag of a resent copy")
	check(t, "a resent copy's flag reopens nothing", openFlagIDs(t, s), []string{rs[1].ID})
	review(rs[0], chorus.ReviewFollowUp)
	check(t, "a flag needing follow-up is open", openFlagIDs(t, s), []string{rs[0].ID, rs[1].ID})
	review(rs[1], chorus.ReviewFollowUp)
	check(t, "follow-up keeps an open flag", openFlagIDs(t, s), []string{rs[0].ID, rs[1].ID})
	review(rs[0], chorus.ReviewClosed)
	check(t, "open flags once closed", openFlagIDs(t, s), []string{rs[1].ID})
	review(rs[0], chorus.ReviewNew)
	check(t, "a review set back to new reopens the flag as it was", sorted(), []chorus.Flag{f0, f1})

	// Reviewed before its flag was written (a resend after a failure):
	// the flag keeps the decision.
	review(rs[3], chorus.ReviewClosed)
	must(t, s.Flag(ctx, flagOf(rs[3], "svc-a", "2024-06-26")), "Flag after the review")
	check(t, "a flag written after its review", openFlagIDs(t, s), []string{rs[0].ID, rs[1].ID})
	// Closed, then needing follow-up, before the flag was written: open.
	review(rs[5], chorus.ReviewClosed)
	review(rs[5], chorus.ReviewFollowUp)
	must(t, s.Flag(ctx, flagOf(rs[5], "svc-a", "2024-06-25")), "Flag after follow-up")
	check(t, "a flag written after a follow-up", openFlagIDs(t, s), []string{rs[0].ID, rs[1].ID, rs[5].ID})

	// A response that reported no concern is never a flag.
	review(rs[4], chorus.ReviewReviewed)
	review(rs[4], chorus.ReviewFollowUp)
	review(rs[4], chorus.ReviewNew)
	check(t, "a response without a concern, reviewed, followed up and set back to new", openFlagIDs(t, s), []string{rs[0].ID, rs[1].ID, rs[5].ID})
}

func testServiceVisits(t *testing.T, s store.Store) {
	ctx := t.Context()
	r1 := newResponse(uuid(1), "visit", at(0), nil)
	r2 := newResponse(uuid(2), "visit", at(time.Second), nil)
	r3 := newResponse(uuid(3), "visit", at(2*time.Second), nil)
	v1, v2, v3 := visitOf(r1, "svc-a", "2024-06-29"), visitOf(r2, "svc-a", "2024-06-30"), visitOf(r3, "svc-b", "2024-06-30")
	v2.Keys = map[string]string{"rating": "poor", "note": "Lift out of order.\nStairs only."}
	for _, v := range []chorus.ServiceVisit{v1, v2, v3} {
		must(t, s.SaveServiceVisit(ctx, v), "SaveServiceVisit")
	}
	changed := v1
	changed.VisitDate, changed.Keys = "2024-01-01", map[string]string{"rating": "bad"}
	must(t, s.SaveServiceVisit(ctx, changed), "SaveServiceVisit again")
	visits, _, err := s.ServiceVisits(ctx, "svc-a", 0)
	must(t, err, "ServiceVisits")
	slices.SortFunc(visits, func(a, b chorus.ServiceVisit) int { return cmp.Compare(a.ResponseID, b.ResponseID) })
	check(t, "svc-a's visits (the first copy kept)", visits, []chorus.ServiceVisit{v1, v2})
	visits, _, err = s.ServiceVisits(ctx, "svc-b", 0)
	must(t, err, "ServiceVisits")
	check(t, "svc-b's visits", visits, []chorus.ServiceVisit{v3})
	visits, _, err = s.ServiceVisits(ctx, "svc-none", 0)
	must(t, err, "ServiceVisits")
	check(t, "an unvisited service's visits", visits, []chorus.ServiceVisit(nil))

	// The latest first, a page at a time: by visit date, then time received.
	var want []chorus.ServiceVisit
	for i := range 7 {
		r := newResponse(uuid(10+i), "visit", at(time.Duration(i)*time.Second), nil)
		v := visitOf(r, "svc-c", []string{"2024-03-01", "2024-05-01", "2024-04-01"}[i%3])
		must(t, s.SaveServiceVisit(ctx, v), "SaveServiceVisit")
		want = append(want, v)
	}
	slices.SortFunc(want, func(a, b chorus.ServiceVisit) int {
		return cmp.Or(cmp.Compare(b.VisitDate, a.VisitDate), b.ReceivedAt.Compare(a.ReceivedAt))
	})
	visits, more, err := s.ServiceVisits(ctx, "svc-c", 3)
	must(t, err, "ServiceVisits with a limit")
	if !more {
		t.Error("three of seven visits: more is false")
	}
	check(t, "svc-c's latest three", visits, want[:3])
	visits, more, err = s.ServiceVisits(ctx, "svc-c", 7)
	must(t, err, "ServiceVisits with a limit")
	if more {
		t.Error("seven of seven visits: more is true")
	}
	check(t, "svc-c's seven", visits, want)
}

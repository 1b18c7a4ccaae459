package storetest

import (
	"cmp"
	"reflect"
	"slices"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

// fill stores a little of everything Chorus keeps, in every collection.
func fill(t *testing.T, s store.Store) {
	ctx := t.Context()
	filterFixture(t, s) // responses of two forms, reviewed and erased ones among them
	insert(t, s, newResponse(uuid(20), "visit", at(time.Hour), map[string]any{"notes": "Lift out of order", "choices": []string{"a", "b"}, "score": 2.5, "n": int64(3)}))
	tallyFixture(t, s)
	must(t, s.AddDaily(ctx, "visit", "2024-07-01", 3), "AddDaily")
	must(t, s.AddFormStats(ctx, "visit", 5, at(time.Hour)), "AddFormStats")
	must(t, s.AddSent(ctx, "volunteer:vol-a", 4), "AddSent")
	r := newResponse(uuid(21), "visit", at(2*time.Hour), map[string]any{"service": "svc-oak"})
	insert(t, s, r)
	must(t, s.SaveServiceVisit(ctx, visitOf(r, "svc-oak", "2024-06-29")), "SaveServiceVisit")
	must(t, s.Flag(ctx, flagOf(r, "svc-oak", "2024-06-29")), "Flag")
	must(t, s.SaveFormVersion(ctx, store.FormVersion{FormID: "visit", Version: "2", Definition: definition, Fingerprint: "sha-v2", FirstSeenAt: at(0)}), "SaveFormVersion")
	must(t, s.PutFormRecord(ctx, store.FormRecord{ID: "visit", Current: "2", Origin: "console", Revision: 1, UpdatedAt: at(0), UpdatedBy: "user-1"}), "PutFormRecord")
	must(t, s.SaveFormDraft(ctx, store.FormDraft{FormID: "visit", Definition: definition, Source: "visit.xlsx", SavedAt: at(0)}), "SaveFormDraft")
	must(t, s.SaveServices(ctx, []chorus.Service{oak, elm}), "SaveServices")
	must(t, s.RetireService(ctx, elm.ID, at(time.Hour)), "RetireService")
	ann := officer(1, "ann@council.example")
	must(t, s.InsertUser(ctx, ann), "InsertUser")
	must(t, s.InsertUser(ctx, officer(2, "bob@council.example")), "InsertUser")
	must(t, s.InsertSession(ctx, session("sess-1", ann, at(0))), "InsertSession")
	must(t, s.InsertVolunteer(ctx, &chorus.Volunteer{ID: "vol-a", Name: "Siân", CreatedAt: at(0), CreatedBy: "user:" + ann.ID}), "InsertVolunteer")
	must(t, s.InsertCode(ctx, code("code-used", "vol-a", at(0))), "InsertCode")
	must(t, s.InsertCode(ctx, code("code-free", "vol-a", at(0))), "InsertCode")
	if used, _, err := s.UseCode(ctx, "code-used", at(time.Minute)); used == nil || err != nil {
		t.Fatalf("UseCode: %v %v", used, err)
	}
	must(t, s.InsertDevice(ctx, &chorus.Device{ID: "dev-1", VolunteerID: "vol-a", CreatedAt: at(time.Minute), ExpiresAt: at(90 * 24 * time.Hour)}), "InsertDevice")
	for i, id := range []string{"e-2", "e-1", "e-3"} {
		must(t, s.InsertAudit(ctx, &chorus.AuditEntry{ID: id, At: at(time.Duration(i/2) * time.Second), Actor: "user:" + ann.ID,
			Action: chorus.AuditReview, Target: "response:" + uuid(i), Outcome: "ok", Details: map[string]any{"status": "reviewed"}}), "InsertAudit")
	}
}

// plain turns a document into maps and slices, so that documents compare
// whatever the order of their fields.
func plain(v any) any {
	switch v := v.(type) {
	case bson.D:
		m := make(map[string]any, len(v))
		for _, e := range v {
			m[e.Key] = plain(e.Value)
		}
		return m
	case bson.M:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[k] = plain(x)
		}
		return m
	case bson.A:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	}
	return v
}

func testCopy(t *testing.T, a, b store.Store) {
	ctx := t.Context()
	fill(t, a)
	// A copy that stopped part way, then went on from where it stopped.
	must(t, b.PutDocs(ctx, "responses", docs(t, a, "responses", "")[:2]), "PutDocs")
	copyAll(t, a, b, true)
	copyAll(t, a, b, false) // everything again: nothing changes
	for _, c := range store.Collections {
		na, errA := a.CountDocs(ctx, c)
		nb, errB := b.CountDocs(ctx, c)
		if na != nb || errA != nil || errB != nil {
			t.Errorf("CountDocs(%s): %d in the first store, %d in the copy (%v, %v)", c, na, nb, errA, errB)
		}
		if na == 0 {
			t.Errorf("the fixture leaves %s empty", c)
		}
		la, _ := a.LastID(ctx, c)
		lb, _ := b.LastID(ctx, c)
		if la != lb {
			t.Errorf("LastID(%s): %q in the first store, %q in the copy", c, la, lb)
		}
		da, db := docs(t, a, c, ""), docs(t, b, c, "")
		for i := range min(len(da), len(db)) {
			var x, y bson.D
			must(t, bson.Unmarshal(da[i], &x), "decoding")
			must(t, bson.Unmarshal(db[i], &y), "decoding")
			if !reflect.DeepEqual(plain(x), plain(y)) {
				t.Errorf("%s: document %d differs:\n first %v\n copy  %v", c, i, x, y)
			}
		}
	}
	sameIn(t, a, b)
}

// sameIn checks that b serves what a does.
func sameIn(t *testing.T, a, b store.Store) {
	ctx := t.Context()
	for _, f := range []chorus.ResponseFilter{{FormID: "visit"}, {FormID: "survey"}, {FormID: "visit", Status: chorus.ReviewNew, ServiceQuestion: "service", Service: "svc-a"}} {
		ra, rb := each(t, a, f), each(t, b, f)
		check(t, "EachResponse in the copy", rb, ra)
		if n, ok := b.CountCheaply(ctx, f); ok && n != int64(len(ra)) {
			t.Errorf("CountCheaply in the copy = %d, want %d", n, len(ra))
		}
	}
	q := store.PageQuery{Filter: chorus.ResponseFilter{FormID: "visit"}, Text: "LIFT", TextQuestions: []string{"notes"}, Limit: 2}
	check(t, "a search in the copy", ids(allPages(t, b, q)), []string{uuid(20)})
	// uuid(6) is the fixture's erased response: only its receipt finds it.
	var receipt string
	for _, d := range docs(t, a, "responses", "") {
		if d.Lookup("_id").StringValue() == uuid(6) {
			receipt = d.Lookup("receipt").StringValue()
		}
	}
	gone, err := a.ResponseByReceipt(ctx, receipt)
	must(t, err, "ResponseByReceipt")
	if gone == nil || gone.ErasedAt == nil {
		t.Fatalf("the fixture's erased response is %+v", gone)
	}
	got, err := b.ResponseByReceipt(ctx, receipt)
	must(t, err, "ResponseByReceipt in the copy")
	check(t, "an erased response in the copy", got, gone)
	res, err := b.InsertResponse(ctx, resend(gone))
	must(t, err, "resending an erased response to the copy")
	check(t, "resending an erased response to the copy", res, chorus.Result{ID: gone.ID, Receipt: gone.Receipt, Erased: true})
	live, err := b.Response(ctx, uuid(20))
	must(t, err, "Response in the copy")
	res, err = b.InsertResponse(ctx, resend(live))
	must(t, err, "resending a response to the copy")
	check(t, "resending a response to the copy", res, chorus.Result{ID: live.ID, Receipt: live.Receipt})
	clash := newResponse(uuid(30), "visit", at(3*time.Hour), map[string]any{})
	clash.Receipt = live.Receipt
	if res, err := b.InsertResponse(ctx, clash); err != nil || !res.Created || res.Receipt == live.Receipt {
		t.Errorf("a receipt already used in the copy: %+v %v", res, err)
	}
	wantCode(t, b.InsertUser(ctx, officer(3, "ann@council.example")), chorus.ECONFLICT, "an email already used in the copy")

	sorted := func(ts []chorus.Tally, err error) []chorus.Tally { must(t, err, "tallies"); return sortTallies(ts) }
	check(t, "AllTallies in the copy", sorted(b.AllTallies(ctx)), sorted(a.AllTallies(ctx)))
	check(t, "Tallies in the copy", sorted(b.Tallies(ctx, "visit", "2024-07-01", "", "svc-a")), sorted(a.Tallies(ctx, "visit", "2024-07-01", "", "svc-a")))
	same2 := func(what string, f func(s store.Store) (any, error)) {
		t.Helper()
		x, errA := f(a)
		y, errB := f(b)
		must(t, errA, what)
		must(t, errB, what+" in the copy")
		check(t, what+" in the copy", y, x)
	}
	same2("Daily", func(s store.Store) (any, error) { return s.Daily(ctx, "2000-01-01") })
	same2("FormStats", func(s store.Store) (any, error) { return s.FormStats(ctx) })
	same2("VisitsBy", func(s store.Store) (any, error) { return s.VisitsBy(ctx) })
	same2("OpenFlags", func(s store.Store) (any, error) { return s.OpenFlags(ctx) })
	same2("ServiceVisits", func(s store.Store) (any, error) { v, _, err := s.ServiceVisits(ctx, "svc-oak", 0); return v, err })
	same2("FormVersions", func(s store.Store) (any, error) { return formVersions(t, s), nil })
	same2("Services", func(s store.Store) (any, error) { return services(t, s), nil })
	same2("Users", func(s store.Store) (any, error) {
		us, err := s.Users(ctx)
		slices.SortFunc(us, func(x, y chorus.User) int { return cmp.Compare(x.ID, y.ID) })
		return us, err
	})
	same2("UserByEmail", func(s store.Store) (any, error) { return s.UserByEmail(ctx, "bob@council.example") })
	same2("Session", func(s store.Store) (any, error) { return s.Session(ctx, "sess-1") })
	same2("Volunteers", func(s store.Store) (any, error) { return s.Volunteers(ctx) })
	same2("Device", func(s store.Store) (any, error) { return s.Device(ctx, "dev-1") })
	same2("Audit", func(s store.Store) (any, error) { return s.Audit(ctx, time.Time{}, false, 0, 0) })
	if used, was, err := b.UseCode(ctx, "code-used", at(2*time.Minute)); used != nil || was == nil || was.UsedAt == nil || err != nil {
		t.Errorf("a used code in the copy: %+v %+v %v; want it used already", used, was, err)
	}
	if used, _, err := b.UseCode(ctx, "code-free", at(2*time.Minute)); used == nil || err != nil {
		t.Errorf("an unused code in the copy: %+v %v; want it usable", used, err)
	}
}

package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
	"chorus/internal/store"
	"chorus/internal/store/ferrettest"
)

// copySize is how many responses the copy tests make: several batches.
const copySize = 250

// copyTestBatch is the batch size of the copy tests.
const copyTestBatch = 100

// store.Copy from the embedded store into MongoDB (FerretDB standing in),
// stopped part way and run again, run once more, and back.
func TestCopyOnFerretDB(t *testing.T) {
	if testing.Short() {
		t.Skip("copies 250 responses through FerretDB")
	}
	uri, _ := ferrettest.Start(t, t.TempDir(), quiet())
	copyBetweenStores(t, uri, nil)
}

// The same against a real MongoDB server, when CHORUS_TEST_MONGODB_URI
// gives one; the test's databases are dropped at its end.
func TestCopyOnRealMongoDB(t *testing.T) {
	uri := os.Getenv("CHORUS_TEST_MONGODB_URI")
	if uri == "" {
		t.Skip("CHORUS_TEST_MONGODB_URI is not set: set it to a MongoDB server's address (mongodb://…) to copy to and from real MongoDB")
	}
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatalf("connecting to CHORUS_TEST_MONGODB_URI: %v", err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	copyBetweenStores(t, uri, client)
}

// copyBetweenStores runs the copy tests on the MongoDB server at uri;
// drop, when set, removes each database made at the test's end.
func copyBetweenStores(t *testing.T, uri string, drop *mongo.Client) {
	defer store.SetCopyBatch(copyTestBatch)()
	ctx := context.Background()
	prefix := fmt.Sprintf("chorus_copy_%d_%d_", os.Getpid(), time.Now().UnixNano()%1e6)
	openMongo := func(name string) store.Store {
		name = prefix + name
		if drop != nil {
			t.Cleanup(func() { _ = drop.Database(name).Drop(context.Background()) })
		}
		s, err := store.OpenMongo(ctx, uri, name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close(context.Background()) })
		return s
	}
	src := openCopyStore(t)
	ids := fillCopySource(t, src)

	// The copy is stopped after its first batch of responses, then run
	// again, then once more: FerretDB's upserts are slow, so one
	// destination serves the three.
	dst := openMongo("a")
	t.Run("embedded to MongoDB, stopped part way", func(t *testing.T) {
		stopCtx, cancel := context.WithCancel(ctx)
		defer cancel()
		calls := recordProgress()
		_, err := store.Copy(stopCtx, src, dst, func(c string, copied, total int64) {
			calls.add(c, copied, total)
			if c == "responses" && copied == 100 {
				cancel()
			}
		})
		if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "the copy of responses stopped after 100 of its 250 documents were written; run it again") {
			t.Fatalf("a cancelled copy returned %v", err)
		}
		for c, want := range map[string]int64{"users": 2, "audit": 5, "responses": 100, "tallies": 0, "flags": 0} {
			if n, err := dst.CountDocs(ctx, c); err != nil || n != want {
				t.Errorf("after the stop, %s holds %d (%v), want %d", c, n, err, want)
			}
		}
	})
	t.Run("run again, it goes on where it stopped", func(t *testing.T) {
		calls := recordProgress()
		counts, err := store.Copy(ctx, src, dst, calls.add)
		if err != nil {
			t.Fatal(err)
		}
		checkCopyCounts(t, counts)
		if got, want := calls.of("responses"), "0/250 100/250 200/250 250/250"; got != want {
			t.Errorf("progress of responses run again: %s, want %s", got, want)
		}
		if w := written(counts); w["responses"] != 150 || w["tallies"] != 3 || w["users"] != 0 {
			t.Errorf("written when run again: %v; want the 150 responses and 3 tallies left, and no user again", w)
		}
		sameThroughContract(t, src, dst, ids)
	})
	t.Run("run once more, nothing changes", func(t *testing.T) {
		calls := recordProgress()
		counts, err := store.Copy(ctx, src, dst, calls.add)
		if err != nil {
			t.Fatal(err)
		}
		checkCopyCounts(t, counts)
		for c, n := range written(counts) {
			if n != 0 {
				t.Errorf("%d %s written again, want none", n, c)
			}
		}
		sameThroughContract(t, src, dst, ids)
	})
	t.Run("run after the source changed, it writes what changed", func(t *testing.T) {
		rv := chorus.Review{Status: chorus.ReviewClosed, Note: "changed after the first copy", By: "user:u1", At: time.Now().UTC().Truncate(time.Millisecond)}
		if err := src.SetReview(ctx, ids[7], rv); err != nil {
			t.Fatal(err)
		}
		counts, err := store.Copy(ctx, src, dst, nil)
		if err != nil {
			t.Fatal(err)
		}
		if w := written(counts); w["responses"] != 1 {
			t.Errorf("written after one review: %v, want 1 response", w)
		}
		got, err := dst.Response(ctx, ids[7])
		if err != nil || got.Review == nil || got.Review.Note != rv.Note {
			t.Errorf("the review did not reach the copy: %+v, %v", got, err)
		}
		sameThroughContract(t, src, dst, ids)
	})

	t.Run("MongoDB to embedded", func(t *testing.T) {
		back := openCopyStore(t)
		counts, err := store.Copy(ctx, dst, back, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkCopyCounts(t, counts)
		sameThroughContract(t, src, back, ids)
	})
}

// A destination that holds other data is named in the error: before
// anything is written when it holds more, after the copy otherwise.
func TestCopyRefusesADestinationWithOtherData(t *testing.T) {
	ctx := context.Background()
	src := openCopyStore(t)
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	for _, id := range []string{"u-a", "u-b"} {
		if err := src.InsertUser(ctx, &chorus.User{ID: id, Email: id + "@example.org", Role: chorus.RoleOfficer, CreatedAt: at}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := src.InsertResponse(ctx, copyResponse(1, at)); err != nil {
		t.Fatal(err)
	}
	withUsers := func(ids ...string) store.Store {
		s := openCopyStore(t)
		for _, id := range ids {
			if err := s.InsertUser(ctx, &chorus.User{ID: id, Email: id + "@example.org", Role: chorus.RoleOfficer, CreatedAt: at}); err != nil {
				t.Fatal(err)
			}
		}
		return s
	}

	more := withUsers("x-1", "x-2", "x-3")
	counts, err := store.Copy(ctx, src, more, nil)
	if !errors.Is(err, store.ErrCopyMismatch) || !strings.Contains(err.Error(), "already holds other data") ||
		!strings.Contains(err.Error(), "users (3 documents, against 2 in the source)") || !strings.Contains(err.Error(), "Nothing was copied") {
		t.Fatalf("a destination with more users: %v", err)
	}
	if len(counts) != len(store.Collections) {
		t.Errorf("counts: %+v", counts)
	}
	if n, _ := more.CountDocs(ctx, "responses"); n != 0 {
		t.Errorf("%d responses written into a destination with other data", n)
	}

	for name, dst := range map[string]store.Store{
		// Users after the source's: the copy goes on after them.
		"fewer": withUsers("zz"),
		// As many, but others.
		"as many": withUsers("zy", "zz"),
	} {
		counts, err := store.Copy(ctx, src, dst, nil)
		if !errors.Is(err, store.ErrCopyMismatch) || !strings.Contains(err.Error(), "users: the destination holds") ||
			!strings.Contains(err.Error(), "already held other data") || strings.Contains(err.Error(), "responses:") {
			t.Errorf("%s users in the destination: %v", name, err)
		}
		if i := slices.IndexFunc(counts, func(c store.CopyCount) bool { return c.Collection == "responses" }); i < 0 || counts[i].Destination != 1 {
			t.Errorf("%s users in the destination: counts %+v", name, counts)
		}
	}
}

func openCopyStore(t *testing.T) store.Store {
	t.Helper()
	s, err := store.OpenSQLite(context.Background(), store.Options{DataDir: t.TempDir(), Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

func copyResponse(i int, at time.Time) *chorus.Response {
	received := at.Add(time.Duration(i) * time.Minute)
	started := received.Add(-5 * time.Minute)
	answers := map[string]any{
		"barriers": []string{"Hard to get there", "Nothing", "Ça va"}[i%3], "connection": [][]string{{"carer"}, {}, {"carer", "friend"}}[i%3],
		"rating": int64(i%5 + 1), "score": []float64{2.5, 3, -0.125}[i%3], "keepInTouch": i%2 == 0,
		"visitDate": received.Format("2006-01-02"), "service": "svc-1",
	}
	if i%10 == 0 {
		answers["story"] = "We waited a long time.\nThe staff were kind – très bien 👍" + strings.Repeat(" more", i%50)
	}
	r := &chorus.Response{ID: fmt.Sprintf("%08x-2222-4c3b-9e7f-%012x", (i*7919)%100000, i), FormID: []string{"visit", "feedback"}[i%2],
		FormVersion: "1", Answers: answers, StartedAt: &started, CompletedAt: &received, ReceivedAt: received,
		Receipt: chorus.NewReceipt(), Fingerprint: fmt.Sprintf("fp-%d", i)}
	if i%7 == 0 {
		r.SentBy = "volunteer:v1"
	}
	return r
}

// fillCopySource stores copySize responses (ids not in the order
// received), a review and an erasure, and something in every other
// collection; it returns the responses' ids.
func fillCopySource(t *testing.T, s store.Store) []string {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 30, 15, 123_000_000, time.UTC)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	var rs []*chorus.Response
	var ids []string
	for i := range copySize {
		rs = append(rs, copyResponse(i, at))
		ids = append(ids, rs[i].ID)
	}
	for batch := range slices.Chunk(rs, 500) {
		_, errs, err := s.InsertResponses(ctx, batch)
		must(err)
		must(errors.Join(errs...))
	}
	must(s.SetReview(ctx, ids[1], chorus.Review{Status: chorus.ReviewFollowUp, Note: "Call back – Tuesday", By: "user:u1", At: at}))
	if _, erased, err := s.EraseResponse(ctx, ids[2], at.Add(time.Hour)); err != nil || !erased {
		t.Fatalf("erasing: %v %v", erased, err)
	}
	must(s.SaveFormVersion(ctx, store.FormVersion{Key: "visit@1", FormID: "visit", Version: "1", Definition: `{"id":"visit","version":"1"}`, Fingerprint: "fp1", FirstSeenAt: at}))
	if _, err := s.SeedServices(ctx, []chorus.Service{{ID: "svc-1", Name: "Oak House"}, {ID: "svc-2", Name: "Elm Day Centre"}}); err != nil {
		t.Fatal(err)
	}
	must(s.InsertUser(ctx, &chorus.User{ID: "u1", Email: "officer@example.org", Role: chorus.RoleOfficer, PasswordHash: "$argon2id$hash", CreatedAt: at}))
	must(s.InsertUser(ctx, &chorus.User{ID: "u2", Email: "admin@example.org", Role: chorus.RoleAdmin, PasswordHash: "$argon2id$other", CreatedAt: at}))
	must(s.InsertSession(ctx, &chorus.Session{ID: "sess-hash", UserID: "u1", Role: chorus.RoleOfficer, CSRF: "csrf", CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(12 * time.Hour)}))
	must(s.InsertVolunteer(ctx, &chorus.Volunteer{ID: "v1", Name: "Ann", CreatedAt: at, CreatedBy: "user:u1"}))
	must(s.InsertDevice(ctx, &chorus.Device{ID: "dev-hash", VolunteerID: "v1", CreatedAt: at, ExpiresAt: at.Add(90 * 24 * time.Hour)}))
	for i := range 5 {
		must(s.InsertAudit(ctx, &chorus.AuditEntry{ID: fmt.Sprintf("audit-%d", 5-i), At: at.Add(time.Duration(i/2) * time.Second),
			Actor: "user:u1", Action: chorus.AuditReview, Target: "response:" + ids[i], Outcome: "ok", Details: map[string]any{"n": int64(i)}}))
	}
	must(s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2026-03-01", Service: "svc-1", N: 3,
		Counts: map[string]map[string]int64{"rating": {"1": 2, "5": 1, chorus.TallySeen: 3}, "barriers": {"a.b$c%d": 2}}}))
	must(s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2026-03-02", N: 1, Counts: map[string]map[string]int64{}}))
	must(s.AddTally(ctx, chorus.Tally{FormID: "feedback", Day: "2026-03-02", N: 1, Counts: map[string]map[string]int64{"rating": {"4": 1}}}))
	must(s.AddDaily(ctx, "visit", "2026-03-01", copySize/2))
	must(s.AddFormStats(ctx, "visit", copySize/2, at))
	must(s.AddSent(ctx, "volunteer:v1", 358))
	must(s.Flag(ctx, chorus.Flag{ResponseID: ids[3], FormID: "feedback", Service: "svc-1", VisitDate: "2026-03-01", ReceivedAt: at, Receipt: rs[3].Receipt, Open: true}))
	must(s.SaveServiceVisit(ctx, chorus.ServiceVisit{ResponseID: ids[3], FormID: "feedback", Service: "svc-1", VisitDate: "2026-03-01",
		ReceivedAt: at, Receipt: rs[3].Receipt, Keys: map[string]string{"rating": "4"}}))
	return ids
}

// checkCopyCounts checks the counts a copy of fillCopySource's store
// returns.
func checkCopyCounts(t *testing.T, counts []store.CopyCount) {
	t.Helper()
	want := map[string]int64{"responses": copySize, "users": 2, "audit": 5, "tallies": 3, "services": 2}
	if len(counts) != len(store.Collections) {
		t.Fatalf("counts of %d collections, want %d", len(counts), len(store.Collections))
	}
	for i, c := range counts {
		if c.Collection != store.Collections[i] || c.Source != c.Destination || (want[c.Collection] != 0 && c.Source != want[c.Collection]) {
			t.Errorf("counts: %+v", c)
		}
	}
}

// sameThroughContract checks that got serves what want does: every
// response (one cursor per form, and a sample by id), the accounts, the
// audit log and the counters.
func sameThroughContract(t *testing.T, want, got store.Store, ids []string) {
	t.Helper()
	ctx := context.Background()
	asJSON := func(v any, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	each := func(s store.Store, form string) []string {
		rows, closeRows, err := s.EachResponse(ctx, chorus.ResponseFilter{FormID: form})
		if err != nil {
			t.Fatal(err)
		}
		defer closeRows()
		var out []string
		for r, err := range rows {
			out = append(out, asJSON(r, err))
		}
		return out
	}
	for _, form := range []string{"visit", "feedback"} {
		w, g := each(want, form), each(got, form)
		if len(w) < copySize/2-1 || len(g) != len(w) {
			t.Fatalf("EachResponse(%s): %d responses, want %d", form, len(g), len(w))
		}
		for i := range w {
			if g[i] != w[i] {
				t.Fatalf("EachResponse(%s): response %d differs:\n got %s\nwant %s", form, i, g[i], w[i])
			}
		}
	}
	for i, id := range ids {
		if i%25 != 0 && i > 3 {
			continue
		}
		w, errW := want.Response(ctx, id)
		g, errG := got.Response(ctx, id)
		if chorus.ErrorCode(errW) != chorus.ErrorCode(errG) || asJSON(w, nil) != asJSON(g, nil) {
			t.Errorf("Response(%s):\n got %+v, %v\nwant %+v, %v", id, g, errG, w, errW)
		}
	}
	if r, err := got.Response(ctx, ids[2]); chorus.ErrorCode(err) != chorus.ENOTFOUND {
		t.Errorf("the erased response reads as %+v, %v", r, err)
	}
	read := func(s store.Store) map[string]string {
		out := map[string]string{}
		users, err := s.Users(ctx)
		out["users"] = asJSON(users, err)
		u, err := s.UserByEmail(ctx, "officer@example.org")
		out["password hash"] = asJSON(u.PasswordHash, err)
		audit, err := s.Audit(ctx, time.Time{}, false, 0, 0)
		out["audit"] = asJSON(audit, err)
		tallies, err := s.AllTallies(ctx)
		slices.SortFunc(tallies, func(a, b chorus.Tally) int {
			return strings.Compare(a.FormID+a.Day+a.Service, b.FormID+b.Day+b.Service)
		})
		out["tallies"] = asJSON(tallies, err)
		daily, err := s.Daily(ctx, "")
		out["daily"] = asJSON(daily, err)
		stats, err := s.FormStats(ctx)
		out["form stats"] = asJSON(stats, err)
		sent, err := s.VisitsBy(ctx)
		out["visits by"] = asJSON(sent, err)
		flags, err := s.OpenFlags(ctx)
		out["flags"] = asJSON(flags, err)
		visits, _, err := s.ServiceVisits(ctx, "svc-1", 0)
		out["service visits"] = asJSON(visits, err)
		services, err := s.Services(ctx)
		slices.SortFunc(services, func(a, b chorus.Service) int { return strings.Compare(a.ID, b.ID) })
		out["services"] = asJSON(services, err)
		versions, err := s.FormVersions(ctx)
		out["form versions"] = asJSON(versions, err)
		sess, err := s.Session(ctx, "sess-hash")
		out["session"] = asJSON(sess, err)
		dev, err := s.Device(ctx, "dev-hash")
		out["device"] = asJSON(dev, err)
		return out
	}
	w, g := read(want), read(got)
	for k := range w {
		if w[k] != g[k] {
			t.Errorf("%s differ:\n got %s\nwant %s", k, g[k], w[k])
		}
	}
}

// progressCalls records a copy's progress, per collection.
type progressCalls map[string][]string

func recordProgress() progressCalls { return progressCalls{} }

func (p progressCalls) add(c string, copied, total int64) {
	p[c] = append(p[c], fmt.Sprintf("%d/%d", copied, total))
}

func (p progressCalls) of(c string) string { return strings.Join(p[c], " ") }

// written maps each collection to the documents a copy wrote into it.
func written(counts []store.CopyCount) map[string]int64 {
	out := map[string]int64{}
	for _, c := range counts {
		out[c.Collection] = c.Written
	}
	return out
}

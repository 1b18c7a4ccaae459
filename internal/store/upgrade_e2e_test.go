package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
	"chorus/internal/store"
	"chorus/internal/store/ferrettest"
)

// TestUpgradeFromFerretDB makes the data directory of a Chorus that kept
// its data in the embedded FerretDB, through the MongoDB adapter as that
// Chorus did, and opens it with the SQLite store: everything is there, read
// back the same, and the old directory is kept aside.
func TestUpgradeFromFerretDB(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 3000 responses through FerretDB")
	}
	ctx := context.Background()
	dir := t.TempDir()
	uri, stop := ferrettest.Start(t, dir, quiet())
	old, err := store.OpenMongo(ctx, uri, "chorus")
	if err != nil {
		t.Fatal(err)
	}
	inserted := fillOldStore(t, old)
	want := readAll(t, old)
	counts := map[string]int64{}
	for _, c := range store.Collections {
		if counts[c], err = old.CountDocs(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	oldDocs := allDocs(t, old)
	if counts["responses"] != 3000 || counts["signin_code_uses"] != 1 || counts["flags"] != 2 { // open, and the erased one's marker (a follow-up keeps no decision)
		t.Fatalf("the old store holds %v", counts)
	}
	old.Close(ctx)
	stop()
	if _, err := os.Stat(filepath.Join(dir, "db", "chorus.sqlite")); err != nil {
		t.Fatalf("the old data directory has no database file: %v", err)
	}

	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	s, err := store.Open(ctx, store.Options{DataDir: dir, Database: "chorus", Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range store.Collections {
		if n, err := s.CountDocs(ctx, c); err != nil || n != counts[c] {
			t.Errorf("%s: %d documents (%v), want %d", c, n, err, counts[c])
		}
	}
	// Byte for byte: every key in its place, every value of its type.
	newDocs := allDocs(t, s)
	for _, c := range store.Collections {
		if len(newDocs[c]) != len(oldDocs[c]) {
			t.Errorf("%s: %d documents, want %d", c, len(newDocs[c]), len(oldDocs[c]))
			continue
		}
		for i, d := range oldDocs[c] {
			if !bytes.Equal(newDocs[c][i], d) {
				t.Errorf("%s: a document differs:\n got %s\nwant %s", c, newDocs[c][i], d)
				break
			}
		}
	}
	if got := readAll(t, s); !reflect.DeepEqual(got, want) {
		for k := range want {
			if got[k] != want[k] {
				t.Errorf("%s differs:\n got %s\nwant %s", k, got[k], want[k])
			}
		}
	}
	checkResponses(t, s, inserted)
	if !strings.Contains(logs.String(), "upgrading the old embedded database") || !strings.Contains(logs.String(), "collection=responses") {
		t.Errorf("no progress logged:\n%s", logs)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "db.ferretdb-upgraded-*"))
	if len(aside) != 1 {
		t.Fatalf("the old directory moved aside to %v", aside)
	}
	if _, err := os.Stat(filepath.Join(aside[0], "chorus.sqlite")); err != nil {
		t.Fatalf("the old database file is not kept: %v", err)
	}
	for _, gone := range []string{"db", "db.sock"} {
		if _, err := os.Lstat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s is still in the data directory (%v)", gone, err)
		}
	}
	if err := s.Close(ctx); err != nil {
		t.Fatal(err)
	}

	// Opened again, nothing is upgraded twice.
	logs.Reset()
	s, err = store.Open(ctx, store.Options{DataDir: dir, Database: "chorus", Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	if strings.Contains(logs.String(), "upgrad") {
		t.Errorf("opened again, it upgraded again:\n%s", logs)
	}
	if again, _ := filepath.Glob(filepath.Join(dir, "db.ferretdb-upgraded-*")); len(again) != 1 {
		t.Errorf("opened again, the data directory holds %v", again)
	}
	if n, err := s.CountDocs(ctx, "responses"); err != nil || n != 3000 {
		t.Errorf("opened again, %d responses (%v)", n, err)
	}
}

// fillOldStore writes something of every kind, and returns the responses
// as sent.
func fillOldStore(t *testing.T, s store.Store) []*chorus.Response {
	t.Helper()
	ctx := context.Background()
	at := time.Date(2026, 3, 1, 9, 30, 15, 123_000_000, time.UTC)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for i, v := range []string{"1", "2"} {
		must(s.SaveFormVersion(ctx, store.FormVersion{Key: "visit@" + v, FormID: "visit", Version: v,
			Definition: fmt.Sprintf(`{"id":"visit","version":"%s","title":"Visit – Café ✓","questions":[%d]}`, v, i), Fingerprint: "fp" + v, FirstSeenAt: at}))
	}
	if _, err := s.SeedServices(ctx, []chorus.Service{
		{ID: "svc-1", Name: "Oak House", Type: "care home", Provider: "Oak Ltd", Address: "1 Oak Road\nLeeds"},
		{ID: "svc-2", Name: "Elm Day Centre", Type: "day centre", RegulatorID: "1-234"},
	}); err != nil {
		t.Fatal(err)
	}
	must(s.RetireService(ctx, "svc-2", at))
	must(s.InsertUser(ctx, &chorus.User{ID: "u1", Email: "officer@example.org", Role: chorus.RoleOfficer, PasswordHash: "$2a$10$hash", CreatedAt: at}))
	must(s.InsertSession(ctx, &chorus.Session{ID: "sess-hash", UserID: "u1", Role: chorus.RoleOfficer, CSRF: "csrf", CreatedAt: at, LastSeenAt: at, ExpiresAt: at.Add(12 * time.Hour)}))
	must(s.InsertVolunteer(ctx, &chorus.Volunteer{ID: "v1", Name: "Ann", CreatedAt: at, CreatedBy: "user:u1"}))
	must(s.InsertCode(ctx, &chorus.SignInCode{ID: "code-hash", VolunteerID: "v1", CreatedAt: at, ExpiresAt: at.Add(time.Hour)}))
	if used, _, err := s.UseCode(ctx, "code-hash", at.Add(time.Minute)); err != nil || used == nil {
		t.Fatalf("using the code: %v %v", used, err)
	}
	must(s.InsertDevice(ctx, &chorus.Device{ID: "dev-hash", VolunteerID: "v1", CreatedAt: at, ExpiresAt: at.Add(90 * 24 * time.Hour)}))
	for i := range 5 {
		must(s.InsertAudit(ctx, &chorus.AuditEntry{ID: fmt.Sprintf("audit-%d", 5-i), At: at.Add(time.Duration(i/2) * time.Second),
			Actor: "user:u1", Action: chorus.AuditReview, Target: "response:r", Outcome: "ok",
			Details: map[string]any{"n": int64(i), "formId": "visit"}}))
	}

	story := "We waited a long time.\nThe staff were kind – très bien 👍\n\n\t“Quotes” and \"escapes\" \\ <b>&</b>\x01"
	var rs []*chorus.Response
	for i := range 3000 {
		received := at.Add(time.Duration(i) * time.Minute)
		started := received.Add(-5 * time.Minute)
		answers := map[string]any{
			"barriers":    []string{"Hard to get there", "Nothing", "Ça va"}[i%3],
			"connection":  [][]string{{"carer"}, {}, {"carer", "family member", "friend"}}[i%3],
			"rating":      int64(i%5 + 1),
			"score":       []float64{2.5, 3, -0.125}[i%3],
			"keepInTouch": i%2 == 0,
			"visitDate":   received.Format("2006-01-02"),
			"service":     "svc-1",
		}
		if i%10 == 0 {
			answers["story"] = story + strings.Repeat(" more", i%50)
		}
		r := &chorus.Response{ID: fmt.Sprintf("%08x-1111-4c3b-9e7f-%012x", i, i), FormID: []string{"visit", "feedback"}[i%2],
			FormVersion: "1", Answers: answers, StartedAt: &started, CompletedAt: &received, ReceivedAt: received,
			Receipt: chorus.NewReceipt(), Fingerprint: fmt.Sprintf("fp-%d", i)}
		if i%7 == 0 {
			r.SentBy = "volunteer:v1"
		}
		rs = append(rs, r)
	}
	for batch := range slices.Chunk(rs, 500) {
		_, errs, err := s.InsertResponses(ctx, batch)
		must(err)
		for _, err := range errs {
			must(err)
		}
	}
	must(s.SetReview(ctx, rs[1].ID, chorus.Review{Status: chorus.ReviewFollowUp, Note: "Call back – Tuesday", By: "user:u1", At: at}))
	if _, erased, err := s.EraseResponse(ctx, rs[2].ID, at.Add(time.Hour)); err != nil || !erased {
		t.Fatalf("erasing: %v %v", erased, err)
	}
	must(s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2026-03-01", Service: "svc-1", N: 3,
		Counts: map[string]map[string]int64{"rating": {"1": 2, "5": 1, "": 1, chorus.TallySeen: 3}, "barriers": {"Hard to get there": 1, "a.b$c%d": 2}}}))
	must(s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2026-03-01", Service: "svc-1", N: 1, Counts: map[string]map[string]int64{"rating": {"1": 1}}}))
	must(s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2026-03-02", N: 1, Counts: map[string]map[string]int64{}}))
	must(s.AddDaily(ctx, "visit", "2026-03-01", 1500))
	must(s.AddDaily(ctx, "feedback", "2026-03-02", 1500))
	must(s.AddFormStats(ctx, "visit", 1500, at))
	must(s.AddFormStats(ctx, "feedback", 1500, at.Add(time.Hour)))
	must(s.AddSent(ctx, "volunteer:v1", 429))
	must(s.Flag(ctx, chorus.Flag{ResponseID: rs[3].ID, FormID: "visit", Service: "svc-1", VisitDate: "2026-03-01", ReceivedAt: at, Receipt: rs[3].Receipt, Open: true}))
	must(s.Flag(ctx, chorus.Flag{ResponseID: rs[2].ID, FormID: "visit", Service: "svc-1", VisitDate: "2026-03-01", ReceivedAt: at, Receipt: rs[2].Receipt, Open: true}))
	must(s.SaveServiceVisit(ctx, chorus.ServiceVisit{ResponseID: rs[3].ID, FormID: "visit", Service: "svc-1", VisitDate: "2026-03-01",
		ReceivedAt: at, Receipt: rs[3].Receipt, Keys: map[string]string{"rating": "5", "barriers": "Nothing"}}))
	return rs
}

// allDocs reads every document of every collection, in _id order.
func allDocs(t *testing.T, s store.Store) map[string][]bson.Raw {
	t.Helper()
	out := map[string][]bson.Raw{}
	for _, c := range store.Collections {
		docs, err := s.Docs(context.Background(), c, "")
		if err != nil {
			t.Fatal(err)
		}
		for d, err := range docs {
			if err != nil {
				t.Fatal(err)
			}
			out[c] = append(out[c], d)
		}
	}
	return out
}

// readAll reads everything a store shows of what fillOldStore wrote, as
// JSON by kind, lists sorted where the store gives no order.
func readAll(t *testing.T, s store.Store) map[string]string {
	t.Helper()
	ctx := context.Background()
	out := map[string]string{}
	put := func(name string, v any, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = string(b)
	}
	versions, err := s.FormVersions(ctx)
	slices.SortFunc(versions, func(a, b store.FormVersion) int { return strings.Compare(a.Key, b.Key) })
	put("form versions", versions, err)
	services, err := s.Services(ctx)
	slices.SortFunc(services, func(a, b chorus.Service) int { return strings.Compare(a.ID, b.ID) })
	put("services", services, err)
	u, err := s.User(ctx, "u1")
	put("user", u, err)
	u, err = s.UserByEmail(ctx, "officer@example.org")
	put("user by email", u, err)
	users, err := s.Users(ctx)
	put("users", users, err)
	sess, err := s.Session(ctx, "sess-hash")
	put("session", sess, err)
	v, err := s.Volunteer(ctx, "v1")
	put("volunteer", v, err)
	d, err := s.Device(ctx, "dev-hash")
	put("device", d, err)
	audit, err := s.Audit(ctx, time.Time{}, false, 0, 0)
	put("audit", audit, err)
	tallies, err := s.AllTallies(ctx)
	slices.SortFunc(tallies, func(a, b chorus.Tally) int {
		return strings.Compare(a.FormID+"|"+a.Day+"|"+a.Service, b.FormID+"|"+b.Day+"|"+b.Service)
	})
	put("all tallies", tallies, err)
	tallies, err = s.Tallies(ctx, "visit", "2026-03-01", "2026-03-01", "svc-1")
	put("tallies", tallies, err)
	daily, err := s.Daily(ctx, "")
	slices.SortFunc(daily, func(a, b chorus.DayCount) int { return strings.Compare(a.FormID+a.Day, b.FormID+b.Day) })
	put("daily", daily, err)
	stats, err := s.FormStats(ctx)
	slices.SortFunc(stats, func(a, b chorus.FormStats) int { return strings.Compare(a.FormID, b.FormID) })
	put("form stats", stats, err)
	sent, err := s.VisitsBy(ctx)
	put("visits by", sent, err)
	flags, err := s.OpenFlags(ctx)
	put("open flags", flags, err)
	visits, _, err := s.ServiceVisits(ctx, "svc-1", 0)
	slices.SortFunc(visits, func(a, b chorus.ServiceVisit) int { return strings.Compare(a.ResponseID, b.ResponseID) })
	put("service visits", visits, err)
	for _, form := range []string{"visit", "feedback"} {
		n, err := s.CountResponses(ctx, form)
		put("count of "+form, n, err)
	}
	return out
}

// checkResponses reads every response back from the new store.
func checkResponses(t *testing.T, s store.Store, sent []*chorus.Response) {
	t.Helper()
	ctx := context.Background()
	for i, r := range sent {
		got, err := s.Response(ctx, r.ID)
		if i == 2 { // erased
			if chorus.ErrorCode(err) != chorus.ENOTFOUND {
				t.Errorf("the erased response reads as %+v, %v", got, err)
			}
			// Sent again, as intake would, with a new receipt drawn: the
			// stored one is given back.
			again := *r
			again.Receipt = chorus.NewReceipt()
			res, err := s.InsertResponse(ctx, &again)
			if err != nil || !res.Erased || res.Receipt != r.Receipt {
				t.Errorf("the erased response sent again: %+v, %v (its receipt %s)", res, err, r.Receipt)
			}
			continue
		}
		if err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
		if !reflect.DeepEqual(normalised(got.Answers), normalised(r.Answers)) {
			t.Fatalf("response %d's answers:\n got %#v\nwant %#v", i, got.Answers, r.Answers)
		}
		if got.Receipt != r.Receipt || got.FormID != r.FormID || got.Fingerprint != r.Fingerprint || got.SentBy != r.SentBy ||
			!got.ReceivedAt.Equal(r.ReceivedAt) || got.StartedAt == nil || !got.StartedAt.Equal(*r.StartedAt) {
			t.Fatalf("response %d:\n got %+v\nwant %+v", i, got, r)
		}
		if i == 1 && (got.Review == nil || got.Review.Status != chorus.ReviewFollowUp || got.Review.Note != "Call back – Tuesday") {
			t.Errorf("the review is lost: %+v", got.Review)
		}
		if i%500 == 0 {
			if byReceipt, err := s.ResponseByReceipt(ctx, r.Receipt); err != nil || byReceipt == nil || byReceipt.ID != r.ID {
				t.Errorf("response %d by its receipt: %+v, %v", i, byReceipt, err)
			}
		}
	}
	if used, was, err := s.UseCode(ctx, "code-hash", sent[0].ReceivedAt.Add(2*time.Minute)); err != nil || used != nil || was == nil || was.UsedAt == nil {
		t.Errorf("the used sign-in code is usable again: %+v %+v %v", used, was, err)
	}
}

// normalised gives answers the types they are compared in: whole numbers
// as int64, lists as []string. A double stays a double.
func normalised(answers map[string]any) map[string]any {
	out := make(map[string]any, len(answers))
	for k, v := range answers {
		switch v := v.(type) {
		case int32:
			out[k] = int64(v)
		case bson.A:
			out[k] = normalised(map[string]any{k: []any(v)})[k]
		case []any:
			ss := make([]string, len(v))
			for i, s := range v {
				ss[i], _ = s.(string)
			}
			out[k] = ss
		default:
			out[k] = v
		}
	}
	return out
}

// syncBuffer is a log that the store may write to from any goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func (b *syncBuffer) Reset() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.b.Reset()
}

package storetest

import (
	"fmt"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

// auditIDs lists the entries' ids in their order.
func auditIDs(es []chorus.AuditEntry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return out
}

// testAudit pages through seven entries, six of them in one millisecond,
// as the audit page of the console does: each page goes on from the time
// of the last entry it showed, skipping the entries of that moment already
// shown.
func testAudit(t *testing.T, s store.Store) {
	ctx := t.Context()
	first := at(0)
	burst := at(time.Second) // six entries in this millisecond
	entries := []*chorus.AuditEntry{{ID: "e-7", At: first, Actor: "user:" + uuid(1), Action: chorus.AuditSignIn, Outcome: "ok"}}
	for i, id := range []string{"e-3", "e-6", "e-1", "e-5", "e-2", "e-4"} {
		entries = append(entries, &chorus.AuditEntry{ID: id, At: burst, Actor: "user:" + uuid(i), Action: chorus.AuditExport,
			Target: "form:visit", Outcome: "ok", Details: map[string]any{"format": "xlsx", "filters": "Service: Oak House (svc-oak)"}})
	}
	// Stored out of time order.
	for _, i := range []int{3, 1, 0, 6, 2, 5, 4} {
		must(t, s.InsertAudit(ctx, entries[i]), "InsertAudit")
	}
	all, err := s.Audit(ctx, time.Time{}, false, 0, 0)
	must(t, err, "Audit")
	if len(all) != 7 {
		t.Fatalf("Audit gave %d entries, want 7: %v", len(all), auditIDs(all))
	}
	check(t, "the oldest entry", all[0], *entries[0])
	byID := map[string]*chorus.AuditEntry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	seen := map[string]bool{}
	for _, e := range all {
		if seen[e.ID] {
			t.Errorf("entry %s given twice", e.ID)
		}
		seen[e.ID] = true
		check(t, "entry "+e.ID, e, *byID[e.ID])
	}
	again, err := s.Audit(ctx, time.Time{}, false, 0, 0)
	must(t, err, "Audit")
	check(t, "the order of entries of one moment, asked again", auditIDs(again), auditIDs(all))

	// Pages of two, each from the last page's cursor.
	var paged []chorus.AuditEntry
	since, after, skip := time.Time{}, false, int64(0)
	for n := 0; ; n++ {
		if n > 10 {
			t.Fatal("the audit pages do not end")
		}
		page, err := s.Audit(ctx, since, after, skip, 2)
		must(t, err, fmt.Sprintf("Audit page %d", n+1))
		paged = append(paged, page...)
		if len(page) < 2 {
			break
		}
		last := page[len(page)-1].At
		var k int64
		for _, e := range page {
			if e.At.Equal(last) {
				k++
			}
		}
		if !after && since.Equal(last) {
			k += skip
		}
		since, after, skip = last, false, k
	}
	check(t, "the entries paged two at a time", auditIDs(paged), auditIDs(all))

	for _, c := range []struct {
		name  string
		since time.Time
		after bool
		skip  int64
		limit int64
		want  []string
	}{
		{"from the first moment", first, false, 0, 0, auditIDs(all)},
		{"after the first moment", first, true, 0, 0, auditIDs(all[1:])},
		{"from between the moments", first.Add(time.Millisecond), false, 0, 0, auditIDs(all[1:])},
		{"from the burst", burst, false, 0, 0, auditIDs(all[1:])},
		{"after the burst", burst, true, 0, 0, nil},
		{"from the burst, skipping 2, at most 3", burst, false, 2, 3, auditIDs(all[3:6])},
		{"skipping 5, at most 10", time.Time{}, false, 5, 10, auditIDs(all[5:])},
		{"at most 1", time.Time{}, false, 0, 1, auditIDs(all[:1])},
		{"skipping them all", time.Time{}, false, 7, 0, nil},
	} {
		got, err := s.Audit(ctx, c.since, c.after, c.skip, c.limit)
		must(t, err, "Audit "+c.name)
		check(t, "Audit "+c.name, auditIDs(got), c.want)
	}
}

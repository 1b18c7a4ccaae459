package storetest

import (
	"cmp"
	"slices"
	"testing"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func catalogCases() []testCase {
	return []testCase{
		one("FormRecords", testFormRecords),
		one("FormDrafts", testFormDrafts),
	}
}

func formRecords(t *testing.T, s store.Store) []store.FormRecord {
	t.Helper()
	got, err := s.FormRecords(t.Context())
	must(t, err, "FormRecords")
	slices.SortFunc(got, func(a, b store.FormRecord) int { return cmp.Compare(a.ID, b.ID) })
	return got
}

// testFormRecords: a record is created at revision 1 once, and then
// changed only from the revision before, so that of two officers' changes
// made at once one wins and the other is told.
func testFormRecords(t *testing.T, s store.Store) {
	ctx := t.Context()
	check(t, "FormRecords of a new store", formRecords(t, s), []store.FormRecord{})
	visit := store.FormRecord{ID: "visit", Current: "3", Origin: "built-in", Revision: 1, UpdatedAt: at(0)}
	draft := store.FormRecord{ID: "charging", Origin: "console", Revision: 1, UpdatedAt: at(1), UpdatedBy: "user-1"}
	must(t, s.PutFormRecord(ctx, visit), "PutFormRecord visit r1")
	must(t, s.PutFormRecord(ctx, draft), "PutFormRecord charging r1")
	wantCode(t, s.PutFormRecord(ctx, visit), chorus.ECONFLICT, "PutFormRecord r1 again")

	next := visit
	next.Current, next.Revision, next.UpdatedAt, next.UpdatedBy = "4", 2, at(60_000_000_000), "user-2"
	must(t, s.PutFormRecord(ctx, next), "PutFormRecord visit r2")
	lost := visit
	lost.Archived, lost.Revision = true, 2 // made from revision 1 too
	wantCode(t, s.PutFormRecord(ctx, lost), chorus.ECONFLICT, "PutFormRecord r2 made from r1 after another r2")
	skip := next
	skip.Revision = 4
	wantCode(t, s.PutFormRecord(ctx, skip), chorus.ECONFLICT, "PutFormRecord r4 over r2")
	archived := next
	archived.Archived, archived.Revision = true, 3
	must(t, s.PutFormRecord(ctx, archived), "PutFormRecord visit r3")
	check(t, "FormRecords", formRecords(t, s), []store.FormRecord{draft, archived})
}

// testFormDrafts: one draft per form, replaced by the next, gone once
// deleted; a form without one is ENOTFOUND.
func testFormDrafts(t *testing.T, s store.Store) {
	ctx := t.Context()
	_, err := s.FormDraft(ctx, "visit")
	wantCode(t, err, chorus.ENOTFOUND, "FormDraft of a form without one")
	must(t, s.DeleteFormDraft(ctx, "visit"), "DeleteFormDraft of a form without one")
	first := store.FormDraft{FormID: "visit", Definition: definition, Source: "visit.xlsx", SavedAt: at(0), SavedBy: "user-1"}
	second := store.FormDraft{FormID: "visit", Definition: `{"id":"visit","version":"5"}`, Source: "console", SavedAt: at(1000)}
	other := store.FormDraft{FormID: "charging", Definition: `{"id":"charging"}`, Source: "charging.yaml", SavedAt: at(2000)}
	must(t, s.SaveFormDraft(ctx, first), "SaveFormDraft")
	got, err := s.FormDraft(ctx, "visit")
	must(t, err, "FormDraft")
	check(t, "FormDraft", *got, first)
	must(t, s.SaveFormDraft(ctx, second), "SaveFormDraft again")
	must(t, s.SaveFormDraft(ctx, other), "SaveFormDraft another form")
	got, err = s.FormDraft(ctx, "visit")
	must(t, err, "FormDraft")
	check(t, "FormDraft after a second", *got, second)
	all, err := s.FormDrafts(ctx)
	must(t, err, "FormDrafts")
	slices.SortFunc(all, func(a, b store.FormDraft) int { return cmp.Compare(a.FormID, b.FormID) })
	check(t, "FormDrafts", all, []store.FormDraft{other, second})
	must(t, s.DeleteFormDraft(ctx, "visit"), "DeleteFormDraft")
	_, err = s.FormDraft(ctx, "visit")
	wantCode(t, err, chorus.ENOTFOUND, "FormDraft once deleted")
}

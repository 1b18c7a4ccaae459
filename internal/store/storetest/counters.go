package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func counterCases() []testCase {
	return []testCase{
		one("Tallies", testTallies),
		one("Daily", testDaily),
		one("FormStats", testFormStats),
		one("SentBy", testSentBy),
		one("ClearCounters", testClearCounters),
	}
}

// sortTallies orders tallies by form, day and service.
func sortTallies(ts []chorus.Tally) []chorus.Tally {
	slices.SortFunc(ts, func(a, b chorus.Tally) int {
		return cmp.Or(cmp.Compare(a.FormID, b.FormID), cmp.Compare(a.Day, b.Day), cmp.Compare(a.Service, b.Service))
	})
	return ts
}

// tallyFixture adds tallies and returns every tally as it should then be
// stored, sorted: visit's on 30 June, 1 and 2 July and of no day (a visit
// without its date), and one of survey.
func tallyFixture(t *testing.T, s store.Store) []chorus.Tally {
	ctx := t.Context()
	// Answer keys that a document store cannot take as they are, and the
	// keys of a grid's statement and a ranking's place.
	odd := map[string]int64{"good": 1, "a.b": 2, "$x": 3, "50%": 4, "": 5, chorus.TallySeen: 9, chorus.TallyAsked: 8, "%none": 6, "%seen": 7, "%asked": 2, "%2E": 8, "Élan ✓": 1}
	adds := []chorus.Tally{
		{FormID: "visit", Day: "2024-07-01", Service: "svc-a", N: 2, Counts: map[string]map[string]int64{"rating": odd, "food": {"hot": 2, chorus.TallySeen: 2}, "aims:fair": {"agree": 2, chorus.TallyAsked: 2}, "rank#1": {"a.b": 1}}},
		{FormID: "visit", Day: "2024-07-01", Service: "svc-a", N: 1, Counts: map[string]map[string]int64{"rating": {"good": 1, "": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "2024-07-01", Service: "svc-b", N: 1, Counts: map[string]map[string]int64{"rating": {"poor": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "2024-07-02", Service: "svc-a", N: 3, Counts: map[string]map[string]int64{"rating": {"poor": 3, chorus.TallySeen: 3}}},
		{FormID: "visit", Day: "2024-06-30", Service: "svc-a", N: 1, Counts: map[string]map[string]int64{"rating": {"good": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "", Service: "svc-a", N: 1, Counts: map[string]map[string]int64{"rating": {"": 1, chorus.TallySeen: 1}}},
		{FormID: "survey", Day: "2024-07-01", Service: "", N: 4, Counts: map[string]map[string]int64{"q1": {"yes": 3, "no": 1, chorus.TallySeen: 4}}},
		// An erased response taken out again.
		{FormID: "visit", Day: "2024-07-02", Service: "svc-a", N: -1, Counts: map[string]map[string]int64{"rating": {"poor": -1, chorus.TallySeen: -1}}},
	}
	for _, a := range adds {
		must(t, s.AddTally(ctx, a), "AddTally")
	}
	sum := map[string]int64{}
	for k, n := range odd {
		sum[k] = n
	}
	sum["good"]++
	sum[""]++
	sum[chorus.TallySeen]++
	return sortTallies([]chorus.Tally{
		{FormID: "survey", Day: "2024-07-01", Service: "", N: 4, Counts: map[string]map[string]int64{"q1": {"yes": 3, "no": 1, chorus.TallySeen: 4}}},
		{FormID: "visit", Day: "", Service: "svc-a", N: 1, Counts: map[string]map[string]int64{"rating": {"": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "2024-06-30", Service: "svc-a", N: 1, Counts: map[string]map[string]int64{"rating": {"good": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "2024-07-01", Service: "svc-a", N: 3, Counts: map[string]map[string]int64{"rating": sum, "food": {"hot": 2, chorus.TallySeen: 2}, "aims:fair": {"agree": 2, chorus.TallyAsked: 2}, "rank#1": {"a.b": 1}}},
		{FormID: "visit", Day: "2024-07-01", Service: "svc-b", N: 1, Counts: map[string]map[string]int64{"rating": {"poor": 1, chorus.TallySeen: 1}}},
		{FormID: "visit", Day: "2024-07-02", Service: "svc-a", N: 2, Counts: map[string]map[string]int64{"rating": {"poor": 2, chorus.TallySeen: 2}}},
	})
}

func testTallies(t *testing.T, s store.Store) {
	ctx := t.Context()
	all := tallyFixture(t, s)
	got, err := s.AllTallies(ctx)
	must(t, err, "AllTallies")
	check(t, "AllTallies", sortTallies(got), all)
	survey, noDay, june30, july1a, july1b, july2 := all[0], all[1], all[2], all[3], all[4], all[5]
	for _, c := range []struct {
		name                string
		form, from, to, svc string
		want                []chorus.Tally
	}{
		{"every day", "visit", "", "", "", []chorus.Tally{noDay, june30, july1a, july1b, july2}},
		{"one day", "visit", "2024-07-01", "2024-07-01", "", []chorus.Tally{july1a, july1b}},
		{"from a day", "visit", "2024-07-01", "", "", []chorus.Tally{july1a, july1b, july2}},
		{"up to a day", "visit", "", "2024-06-30", "", []chorus.Tally{june30}},
		{"range", "visit", "2024-06-30", "2024-07-01", "", []chorus.Tally{june30, july1a, july1b}},
		{"a service", "visit", "", "", "svc-a", []chorus.Tally{noDay, june30, july1a, july2}},
		{"a service on a day", "visit", "2024-07-01", "2024-07-02", "svc-b", []chorus.Tally{july1b}},
		{"another form", "survey", "", "", "", []chorus.Tally{survey}},
		{"no days in range", "visit", "2024-08-01", "2024-08-31", "", nil},
		{"an unknown form", "none", "", "", "", nil},
	} {
		got, err := s.Tallies(ctx, c.form, c.from, c.to, c.svc)
		must(t, err, "Tallies "+c.name)
		check(t, "Tallies, "+c.name, sortTallies(got), c.want)
	}
}

func testDaily(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, d := range []chorus.DayCount{
		{FormID: "visit", Day: "2024-07-01", N: 3}, {FormID: "visit", Day: "2024-07-01", N: 2},
		{FormID: "visit", Day: "2024-06-30", N: 1}, {FormID: "survey", Day: "2024-07-02", N: 4},
		{FormID: "survey", Day: "2024-07-01", N: 1}, {FormID: "survey", Day: "2024-07-01", N: -1},
	} {
		must(t, s.AddDaily(ctx, d.FormID, d.Day, d.N), "AddDaily")
	}
	sortDays := func(ds []chorus.DayCount) []chorus.DayCount {
		slices.SortFunc(ds, func(a, b chorus.DayCount) int {
			return cmp.Or(cmp.Compare(a.FormID, b.FormID), cmp.Compare(a.Day, b.Day))
		})
		return ds
	}
	got, err := s.Daily(ctx, "2024-07-01")
	must(t, err, "Daily")
	// survey's 1 July went back to 0: a count of none may be kept or not.
	got = slices.DeleteFunc(got, func(d chorus.DayCount) bool { return d.N == 0 })
	check(t, "Daily from 1 July", sortDays(got), []chorus.DayCount{
		{FormID: "survey", Day: "2024-07-02", N: 4}, {FormID: "visit", Day: "2024-07-01", N: 5}})
	got, err = s.Daily(ctx, "2000-01-01")
	must(t, err, "Daily")
	got = slices.DeleteFunc(got, func(d chorus.DayCount) bool { return d.N == 0 })
	check(t, "Daily from 2000", sortDays(got), []chorus.DayCount{
		{FormID: "survey", Day: "2024-07-02", N: 4}, {FormID: "visit", Day: "2024-06-30", N: 1}, {FormID: "visit", Day: "2024-07-01", N: 5}})
	got, err = s.Daily(ctx, "2024-07-03")
	must(t, err, "Daily")
	check(t, "Daily from a day with none after", got, []chorus.DayCount(nil))
}

func testFormStats(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.AddFormStats(ctx, "visit", 2, at(time.Hour)), "AddFormStats")
	must(t, s.AddFormStats(ctx, "visit", 1, at(time.Minute)), "AddFormStats, an earlier latest") // a batch that waited
	must(t, s.AddFormStats(ctx, "visit", -1, time.Time{}), "AddFormStats, an erasure")
	must(t, s.AddFormStats(ctx, "survey", 5, at(2*time.Hour)), "AddFormStats")
	must(t, s.AddFormStats(ctx, "survey", 1, at(3*time.Hour)), "AddFormStats")
	stats := func() []chorus.FormStats {
		t.Helper()
		got, err := s.FormStats(ctx)
		must(t, err, "FormStats")
		slices.SortFunc(got, func(a, b chorus.FormStats) int { return cmp.Compare(a.FormID, b.FormID) })
		return got
	}
	check(t, "FormStats", stats(), []chorus.FormStats{
		{FormID: "survey", Responses: 6, LatestAt: ptr(at(3 * time.Hour))},
		{FormID: "visit", Responses: 2, LatestAt: ptr(at(time.Hour))}})
	must(t, s.SetFormStats(ctx, chorus.FormStats{FormID: "visit", Responses: 10, LatestAt: ptr(at(time.Minute))}), "SetFormStats")
	must(t, s.SetFormStats(ctx, chorus.FormStats{FormID: "survey", Responses: 0}), "SetFormStats, none left")
	must(t, s.SetFormStats(ctx, chorus.FormStats{FormID: "new", Responses: 1, LatestAt: ptr(at(0))}), "SetFormStats, a form not counted yet")
	check(t, "FormStats after a recount", stats(), []chorus.FormStats{
		{FormID: "new", Responses: 1, LatestAt: ptr(at(0))},
		{FormID: "survey", Responses: 0},
		{FormID: "visit", Responses: 10, LatestAt: ptr(at(time.Minute))}})
}

func testSentBy(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, a := range []struct {
		who string
		n   int64
	}{{"volunteer:v-1", 2}, {"volunteer:v-1", 1}, {"volunteer:v-2", 1}, {"user:u-1", 4}, {"volunteer:v-2", -1}} {
		must(t, s.AddSent(ctx, a.who, a.n), "AddSent")
	}
	got, err := s.VisitsBy(ctx)
	must(t, err, "VisitsBy")
	if got["volunteer:v-1"] != 3 || got["volunteer:v-2"] != 0 || got["user:u-1"] != 4 {
		t.Errorf("VisitsBy = %v; want v-1 3, v-2 0, u-1 4", got)
	}
	for k, n := range got {
		if k != "volunteer:v-1" && k != "volunteer:v-2" && k != "user:u-1" || n < 0 {
			t.Errorf("VisitsBy holds %s: %d", k, n)
		}
	}
}

func testClearCounters(t *testing.T, s store.Store) {
	ctx := t.Context()
	tallyFixture(t, s)
	must(t, s.AddDaily(ctx, "visit", "2024-07-01", 3), "AddDaily")
	must(t, s.AddFormStats(ctx, "visit", 3, at(0)), "AddFormStats")
	must(t, s.AddSent(ctx, "volunteer:v-1", 3), "AddSent")
	insert(t, s, newResponse(uuid(1), "visit", at(0), map[string]any{"rating": "good"}))
	must(t, s.SaveService(ctx, chorus.Service{ID: "svc-a", Name: "Oak House", Type: "care-home"}), "SaveService")

	must(t, s.ClearCounters(ctx), "ClearCounters")
	tallies, err := s.AllTallies(ctx)
	must(t, err, "AllTallies")
	check(t, "tallies after clearing", tallies, []chorus.Tally(nil))
	for _, from := range []string{"2000-01-01", ""} {
		days, err := s.Daily(ctx, from)
		must(t, err, "Daily")
		check(t, "days after clearing", days, []chorus.DayCount(nil))
	}
	stats, err := s.FormStats(ctx)
	must(t, err, "FormStats")
	check(t, "form stats after clearing", stats, []chorus.FormStats(nil))
	sent, err := s.VisitsBy(ctx)
	must(t, err, "VisitsBy")
	check(t, "senders after clearing", sent, map[string]int64(nil))
	if n, _ := s.CountResponses(ctx, "visit"); n != 1 {
		t.Errorf("clearing the counters left %d responses, want 1", n)
	}
	if names, _ := s.ServiceNames(ctx); names["svc-a"] != "Oak House" {
		t.Errorf("clearing the counters left the services %v", names)
	}
	must(t, s.AddTally(ctx, chorus.Tally{FormID: "visit", Day: "2024-07-01", N: 1, Counts: map[string]map[string]int64{"rating": {"good": 1}}}), "AddTally after clearing")
	tallies, err = s.AllTallies(ctx)
	must(t, err, "AllTallies")
	check(t, "a tally counted again after clearing", tallies, []chorus.Tally{{FormID: "visit", Day: "2024-07-01", N: 1, Counts: map[string]map[string]int64{"rating": {"good": 1}}}})
}

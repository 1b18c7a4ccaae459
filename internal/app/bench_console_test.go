package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"chorus/internal/chorus"
)

// BenchmarkConsole stores 100,000 responses × 30 questions through the
// intake (so that the counters and tallies are kept as in production),
// then times the officers' dashboard and a form's results page over HTTP,
// as ratios against a plain count of the same responses in the store,
// measured in the same run. Target: both well under a second.
// CHORUS_BENCH_RESPONSES sets another number of responses.
//
// Run: go test -run '^$' -bench Console -benchtime 1x -timeout 30m ./internal/app
func BenchmarkConsole(b *testing.B) {
	n := 100_000
	if s := os.Getenv("CHORUS_BENCH_RESPONSES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	h := start(b, "testdata/forms-bench", "")
	ctx := context.Background()
	t0 := time.Now()
	// Spread over 90 days received and the 12 sample services, so that the
	// results add up about a thousand tallies, as a busy year of visits does.
	services := []string{"svc-elmfield-house", "svc-riverside-court", "svc-oakwood-lodge", "svc-willow-close", "svc-the-maples",
		"svc-harbour-view", "svc-hillside-day", "svc-meadow-hub", "svc-brightcare-home", "svc-northgate-homecare", "svc-cedar-respite", "svc-lantern-shared-lives"}
	first := time.Now().AddDate(0, 0, -89)
	for i := 0; i < n; i += 500 {
		day := first.AddDate(0, 0, (i/500)%90)
		h.app.Intake.SetClock(func() time.Time { return day })
		var items []json.RawMessage
		for j := i; j < min(i+500, n); j++ {
			r := wideResponse(j)
			r.Answers["svc"] = services[j%len(services)]
			body, _ := json.Marshal(map[string]any{"id": newUUID(j), "formId": "wide", "formVersion": "1", "answers": r.Answers})
			items = append(items, body)
		}
		_, errs, err := h.app.Intake.SubmitBatch(ctx, chorus.Public, items)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range errs {
			if e != nil {
				b.Fatal(e)
			}
		}
	}
	h.app.Intake.SetClock(time.Now)
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("stored %d responses through the intake in %s", n, time.Since(t0).Round(time.Second))
	stored, _ := h.app.Store.Tallies(ctx, "wide", "", "", "")
	officer := h.signIn(b, "officer")

	timeIt := func(path string) time.Duration {
		var ds []time.Duration
		for range 5 {
			t := time.Now()
			if r := h.getAs(b, officer, path); r.status != 200 {
				b.Fatalf("%s: %d %s", path, r.status, r.raw)
			}
			ds = append(ds, time.Since(t))
		}
		slices.Sort(ds)
		return ds[len(ds)/2]
	}
	var dash, results, filtered, count time.Duration
	for b.Loop() {
		dash = timeIt("/api/v1/officer/dashboard")
		results = timeIt("/api/v1/officer/forms/wide/results")
		month := time.Now().AddDate(0, 0, -30).In(h.cfg.Location).Format(time.DateOnly)
		filtered = timeIt("/api/v1/officer/forms/wide/results?service=svc-the-maples&from=" + month)
		t := time.Now()
		got, err := h.app.Store.CountResponses(ctx, "wide")
		count = time.Since(t)
		if err != nil || got != int64(n) {
			b.Fatalf("count = %d, %v", got, err)
		}
	}
	r := h.getAs(b, officer, "/api/v1/officer/forms/wide/results")
	if int(r.body["responses"].(float64)) != n {
		b.Fatalf("results count %v responses, want %d", r.body["responses"], n)
	}
	fmt.Printf("\nOfficers' console with %d responses × 31 questions over 90 days and 12 services (%d tallies), embedded store (median of 5):\n", n, len(stored))
	fmt.Printf("  plain count of the responses:      %8.1f ms\n", ms(count))
	fmt.Printf("  dashboard:                         %8.1f ms  (%.4f × the count)\n", ms(dash), dash.Seconds()/count.Seconds())
	fmt.Printf("  results, all responses:            %8.1f ms  (%.4f × the count)\n", ms(results), results.Seconds()/count.Seconds())
	fmt.Printf("  results, one service, last 30 days: %7.1f ms  (%.4f × the count)\n", ms(filtered), filtered.Seconds()/count.Seconds())
	b.ReportMetric(dash.Seconds()/count.Seconds(), "dashboard/count")
	b.ReportMetric(results.Seconds()/count.Seconds(), "results/count")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// newUUID is a UUID made from i, the same every time.
func newUUID(i int) string { return fmt.Sprintf("00000000-0000-4000-8000-%012d", i) }

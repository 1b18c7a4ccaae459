package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/url"
	"slices"
	"strconv"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// The operations BenchmarkScale measures, and its read of a whole form.

const scaleVisitsPath = "/api/v1/officer/forms/" + scaleVisitForm + "/responses"

// scaleOps are the operations measured, in the order they run.
func scaleOps() []scaleOp {
	statuses := []string{chorus.ReviewReviewed, chorus.ReviewFollowUp, chorus.ReviewClosed}
	return []scaleOp{
		{"open", "open a response (GET /responses/:id)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.get("/api/v1/responses/" + scaleID(s.item(rep, nil)))
			return d
		}},
		{"review", "review a response (PUT /responses/:id/review)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.timed(s.officer, "PUT", "/api/v1/responses/"+scaleID(s.item(rep, nil))+"/review",
				map[string]any{"status": statuses[rep%3], "note": "Discussed with the provider."}, 200)
			return d
		}},
		{"erase", "erase a response (POST /responses/:id/erase)", 25, func(s *scaleRun, rep int) time.Duration {
			i := s.item(rep, nil)
			s.erased[i] = true
			_, d := s.timed(s.officer, "POST", "/api/v1/responses/"+scaleID(i)+"/erase", map[string]any{"reason": "Erasure request ER-" + strconv.Itoa(i)}, 200)
			return d
		}},
		{"sync500", "sync of 500 stored visits sent again (POST /sync)", 15, (*scaleRun).resync},
		{"page-status", "page of visits, ?status= (first page)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.page("page-status", "?status="+statuses[rep%3])
			return d
		}},
		{"page-service", "page of visits, ?service= (first page)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.page("page-service", "?service="+s.busyService())
			return d
		}},
		{"page-next", "second page, by the first one's next cursor", 25, func(s *scaleRun, rep int) time.Duration {
			filter := "?status=reviewed"
			if rep%2 == 1 {
				filter = "?service=" + s.busyService()
			}
			first, _ := s.page("", filter)
			next, _ := first.body["next"].(string)
			if next == "" {
				s.b.Fatalf("no next page: %s", first.raw)
			}
			_, d := s.page("page-next", filter+"&page=1&after="+url.QueryEscape(next))
			return d
		}},
		{"page-after", "page of new visits from a random point", 25, func(s *scaleRun, rep int) time.Duration {
			i := s.item(rep, func(i int) bool { return i < s.n-150 })
			// The store's cursor (internal/store/page.go) of item i: the page
			// that an officer paging through would reach there. 150 items
			// later hold about 70 new visits: the page is full.
			after := strconv.FormatInt(s.g.receivedAt(i).UnixMilli(), 10) + "~" + scaleID(i)
			_, d := s.page("page-after", "?status=new&after="+url.QueryEscape(after))
			return d
		}},
		{"search", "search for a rare word (?q=, 3 visits hold it)", 25, func(s *scaleRun, rep int) time.Duration {
			word := scaleRareWord(s.item(rep, nil) / 1000)
			r, d := s.get(scaleVisitsPath + "?q=" + url.QueryEscape(word))
			if rows, _ := r.body["rows"].([]any); len(rows) == 0 || len(rows) > 3 {
				s.b.Logf("search for %q: %d rows", word, len(rows)) // all three erased, or a word also found elsewhere
			}
			return d
		}},
		{"search-common", "search for a common word (?q=bingo, 1 in 14 hold it)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.page("search-common", "?q=bingo")
			return d
		}},
		{"service", "a service's page (GET /officer/services/:id)", 25, func(s *scaleRun, rep int) time.Duration {
			// The service of a visit: services are asked for as often as visited.
			_, d := s.get("/api/v1/officer/services/" + s.g.serviceOf(s.item(rep, isScaleVisit)))
			return d
		}},
		{"me", "session lookup (GET /me, signed in)", 25, func(s *scaleRun, rep int) time.Duration {
			_, d := s.get("/api/v1/me")
			return d
		}},
		{"flush", "counters' flush after 3 new visits (FlushStats)", 25, (*scaleRun).flush},
	}
}

// busyService is one of the 5 services visited from the start, which have
// more than 50 visits even at 1,000 responses.
func (s *scaleRun) busyService() string { return s.g.services[s.rng.IntN(5)] }

// page times a page of visits with the query q, and keeps the fewest rows
// a page of the operation key held at this size.
func (s *scaleRun) page(key, q string) (reply, time.Duration) {
	r, d := s.get(scaleVisitsPath + q)
	rows, _ := r.body["rows"].([]any)
	if key != "" {
		if n, ok := s.rows[key]; !ok || len(rows) < n {
			s.rows[key] = len(rows)
		}
	}
	return r, d
}

// resync sends 500 stored visits again, as a phone whose replies were
// lost does: every one is a replay, answered with its receipt.
func (s *scaleRun) resync(rep int) time.Duration {
	items := make([]json.RawMessage, 0, 500)
	seen := map[int]bool{}
	for len(items) < 500 {
		i := s.item(rep, isScaleVisit)
		if !seen[i] {
			seen[i] = true
			items = append(items, s.g.body(i, s.g.receivedAt(i)))
		}
	}
	r, d := s.timed(s.phone, "POST", "/api/v1/sync", map[string]any{"responses": items}, 200)
	for _, it := range r.body["responses"].([]any) {
		if st := it.(map[string]any)["status"].(float64); st != 200 {
			s.b.Fatalf("a replay answered %v: %v", st, it)
		}
	}
	return d
}

// flush posts 3 new visits from a phone (not timed), then times the
// writing of the counters they changed.
func (s *scaleRun) flush(rep int) time.Duration {
	for range 3 {
		// Offset 500 of a block: a visit without a rare word.
		i := 90_000_500 + 1000*s.fresh
		s.fresh++
		body := s.g.body(i, time.Now())
		if r := s.h.as(s.b, s.phone, "POST", "/api/v1/forms/"+scaleVisitForm+"/responses", "application/json", body); r.status != 201 {
			s.b.Fatalf("new visit: %d %s", r.status, r.raw)
		}
	}
	t := time.Now()
	if err := s.h.app.Intake.FlushStats(context.Background()); err != nil {
		s.b.Fatal(err)
	}
	return time.Since(t)
}

// readRates reads every visit three times in each of three ways, taking
// turns, and returns the median rate of each: through the store's
// EachResponse, as the export reads them (each response decoded); with a
// bare SELECT of the same rows' documents on a second, read-only
// connection to the file; and with the same SELECT, each document decoded
// by the driver's general decoder (bson.Unmarshal into chorus.Response),
// which shows how much of the difference decoding is.
func (s *scaleRun) readRates(bare *sql.DB) (api, raw, decoded float64, rows int) {
	ctx := context.Background()
	var apis, raws, decs []float64
	for range 3 {
		t := time.Now()
		seq, closeRows, err := s.h.app.Store.EachResponse(ctx, chorus.ResponseFilter{FormID: scaleVisitForm})
		if err != nil {
			s.b.Fatal(err)
		}
		n := 0
		for _, err := range seq {
			if err != nil {
				s.b.Fatal(err)
			}
			n++
		}
		closeRows()
		apis = append(apis, float64(n)/time.Since(t).Seconds())
		rows = n
		raws = append(raws, s.bareRead(bare, func([]byte) {}))
		decs = append(decs, s.bareRead(bare, func(doc []byte) {
			var r chorus.Response
			if err := bson.Unmarshal(doc, &r); err != nil {
				s.b.Fatal(err)
			}
		}))
	}
	for _, xs := range [][]float64{apis, raws, decs} {
		slices.Sort(xs)
	}
	return apis[1], raws[1], decs[1], rows
}

// bareRead reads the visits' documents with a bare SELECT, handing each to
// use, and returns the rate in rows per second.
func (s *scaleRun) bareRead(bare *sql.DB, use func(doc []byte)) float64 {
	t := time.Now()
	rs, err := bare.QueryContext(context.Background(), "SELECT doc FROM responses WHERE form_id = ? ORDER BY received_at, id", scaleVisitForm)
	if err != nil {
		s.b.Fatal(err)
	}
	defer rs.Close()
	n := 0
	for rs.Next() {
		var doc sql.RawBytes
		if err := rs.Scan(&doc); err != nil {
			s.b.Fatal(err)
		}
		use(doc)
		n++
	}
	if err := rs.Err(); err != nil {
		s.b.Fatal(err)
	}
	return float64(n) / time.Since(t).Seconds()
}

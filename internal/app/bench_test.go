package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"chorus/internal/chorus"
)

// BenchmarkIngest measures, in one run on one embedded store:
//   - HTTP ingest of single responses as a ratio of raw driver inserts of
//     the same documents (target at least 0.8), one client at a time and
//     with 8 at once;
//   - sync batches of 500 against single posts, per response (target at
//     least 5 times faster).
//
// Run: go test -run '^$' -bench Ingest -benchtime 1x ./internal/app
func BenchmarkIngest(b *testing.B) {
	const perRound, rounds = 500, 3
	h := start(b, "testdata/forms", "")
	ctx := context.Background()
	st := h.app.Store

	raw := func(workers int) time.Duration {
		docs := make([]*chorus.Response, perRound)
		for i := range docs {
			sub := chorus.Submission{ID: newID(), FormID: "survey", FormVersion: "1", Answers: map[string]any{"name": "Sam", "happy": true, "score": int64(7)}}
			docs[i] = &chorus.Response{ID: sub.ID, FormID: "survey", FormVersion: "1", Answers: sub.Answers,
				ReceivedAt: time.Now().UTC(), Receipt: chorus.NewReceipt(), Fingerprint: sub.Fingerprint()}
		}
		return timeParallel(workers, perRound, func(i int) {
			if _, err := st.InsertResponse(ctx, docs[i]); err != nil {
				b.Error(err)
			}
		})
	}
	bodies := func(withForm bool) [][]byte {
		out := make([][]byte, perRound)
		for i := range out {
			m := surveyResponse(newID())
			if withForm {
				m["formId"] = "survey"
			}
			out[i], _ = json.Marshal(m)
		}
		return out
	}
	post := func(workers int) time.Duration {
		bs := bodies(false)
		return timeParallel(workers, perRound, func(i int) {
			if r := h.do(b, "POST", surveyPath, "application/json", bs[i]); r.status != 201 {
				b.Errorf("post: %d %s", r.status, r.raw)
			}
		})
	}
	syncBatch := func() time.Duration {
		bs := bodies(true)
		items := make([]json.RawMessage, len(bs))
		for i := range bs {
			items[i] = bs[i]
		}
		body, _ := json.Marshal(map[string]any{"responses": items})
		t0 := time.Now()
		r := h.do(b, "POST", "/api/v1/sync", "application/json", body)
		d := time.Since(t0)
		if r.status != 200 || len(r.body["responses"].([]any)) != perRound {
			b.Fatalf("sync: %d", r.status)
		}
		return d
	}

	// Warm up connections and caches, then interleave the phases so that
	// the machine's noise falls on each alike.
	raw(4)
	post(4)
	var rawSeq, postSeq, rawPar, postPar, syncs time.Duration
	for range rounds {
		rawSeq += raw(1)
		postSeq += post(1)
		rawPar += raw(8)
		postPar += post(8)
		syncs += syncBatch()
	}
	n := float64(perRound * rounds)
	rate := func(d time.Duration) float64 { return n / d.Seconds() }
	report := func(name string, v float64, unit string) {
		b.ReportMetric(v, unit)
		fmt.Printf("%-44s %10.2f %s\n", name, v, unit)
	}
	report("raw driver inserts, 1 client", rate(rawSeq), "raw1/s")
	report("HTTP single posts, 1 client", rate(postSeq), "http1/s")
	report("raw driver inserts, 8 clients", rate(rawPar), "raw8/s")
	report("HTTP single posts, 8 clients", rate(postPar), "http8/s")
	report("sync batches of 500", rate(syncs), "sync/s")
	report("HTTP / raw, 1 client (target >= 0.8)", rate(postSeq)/rate(rawSeq), "ratio1")
	report("HTTP / raw, 8 clients (target >= 0.8)", rate(postPar)/rate(rawPar), "ratio8")
	report("sync / single posts per response (target >= 5)", rate(syncs)/rate(postSeq), "sync-x")
}

// timeParallel runs f(0..n-1) on the given number of workers and returns
// the time it took.
func timeParallel(workers, n int, f func(i int)) time.Duration {
	next := make(chan int, n)
	for i := range n {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	t0 := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	wg.Wait()
	return time.Since(t0)
}

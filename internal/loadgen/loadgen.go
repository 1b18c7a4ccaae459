// Package loadgen replays a consultation's closing day against a running
// Chorus server: many residents submitting at once, and volunteers' phones
// syncing their queues in batches, at a steady rate. It measures
// throughput, latency percentiles and errors.
package loadgen

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Config says what load to make.
type Config struct {
	URL      string
	Form     string        // a public form to answer
	Rate     int           // responses a second
	Duration time.Duration // how long
	Batch    int           // responses in one volunteer sync
	Synced   float64       // share of responses sent by sync rather than single posts
	Workers  int           // requests in flight at most
}

// Report is what a run measured.
type Report struct {
	Elapsed           time.Duration
	Responses         int // responses stored (201 or 200)
	Singles, Syncs    []time.Duration
	Errors            map[string]int
	Late              int // requests that could not start on time (all workers busy)
	RequestsScheduled int
}

// Run sends load until the duration has passed and every request is done.
func Run(ctx context.Context, cfg Config) *Report {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Workers, MaxConnsPerHost: cfg.Workers}}
	defer client.CloseIdleConnections()
	rep := &Report{Errors: map[string]int{}}
	var mu sync.Mutex
	slots := make(chan struct{}, cfg.Workers)
	var wg sync.WaitGroup
	start := time.Now()
	// Every tick sends one request: a single response, or, for the synced
	// share, a batch of cfg.Batch responses every cfg.Batch ticks' worth.
	singlesPerSec := float64(cfg.Rate) * (1 - cfg.Synced)
	syncsPerSec := float64(cfg.Rate) * cfg.Synced / float64(max(cfg.Batch, 1))
	schedule := func(sync bool, every float64, send func() (int, string, time.Duration)) {
		if every <= 0 {
			return
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			interval := time.Duration(float64(time.Second) / every)
			next := start
			for time.Since(start) < cfg.Duration && ctx.Err() == nil {
				time.Sleep(time.Until(next))
				next = next.Add(interval)
				mu.Lock()
				rep.RequestsScheduled++
				mu.Unlock()
				select {
				case slots <- struct{}{}:
				default:
					mu.Lock()
					rep.Late++
					mu.Unlock()
					slots <- struct{}{}
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					defer func() { <-slots }()
					stored, failure, d := send()
					mu.Lock()
					defer mu.Unlock()
					rep.Responses += stored
					if failure != "" {
						rep.Errors[failure]++
					}
					if d > 0 {
						if sync {
							rep.Syncs = append(rep.Syncs, d)
						} else {
							rep.Singles = append(rep.Singles, d)
						}
					}
				}()
			}
		}()
	}
	post := func(path string, body []byte) (*http.Response, []byte, time.Duration, error) {
		t0 := time.Now()
		resp, err := client.Post(cfg.URL+path, "application/json", bytes.NewReader(body))
		if err != nil {
			return nil, nil, time.Since(t0), err
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		return resp, raw, time.Since(t0), err
	}
	schedule(false, singlesPerSec, func() (int, string, time.Duration) {
		b, _ := json.Marshal(resident(""))
		resp, _, d, err := post("/api/v1/forms/"+cfg.Form+"/responses", b)
		switch {
		case err != nil:
			return 0, "network: " + err.Error(), 0
		case resp.StatusCode != 201 && resp.StatusCode != 200:
			return 0, fmt.Sprintf("single: HTTP %d", resp.StatusCode), d
		}
		return 1, "", d
	})
	schedule(true, syncsPerSec, func() (int, string, time.Duration) {
		var items []any
		for range cfg.Batch {
			items = append(items, resident(cfg.Form))
		}
		b, _ := json.Marshal(map[string]any{"responses": items})
		resp, raw, d, err := post("/api/v1/sync", b)
		switch {
		case err != nil:
			return 0, "network: " + err.Error(), 0
		case resp.StatusCode != 200:
			return 0, fmt.Sprintf("sync: HTTP %d", resp.StatusCode), d
		}
		var out struct {
			Responses []struct{ Status int } `json:"responses"`
		}
		_ = json.Unmarshal(raw, &out)
		ok := 0
		for _, r := range out.Responses {
			if r.Status == 201 || r.Status == 200 {
				ok++
			}
		}
		if ok != cfg.Batch {
			return ok, fmt.Sprintf("sync: %d of %d items refused", cfg.Batch-ok, cfg.Batch), d
		}
		return ok, "", d
	})
	wg.Wait()
	rep.Elapsed = time.Since(start)
	return rep
}

// resident is one resident's answers to the sample consultation; formID
// is set for a sync item.
func resident(formID string) map[string]any {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	ways := [][]string{{"online"}, {"meetings", "phone"}, {"surveys"}}
	m := map[string]any{
		"id":          fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]),
		"formVersion": "1",
		"answers": map[string]any{"connection": []string{"resident"}, "involvedBefore": "no",
			"waysToTakePart": ways[int(b[0])%3], "keepInTouch": false, "listens": "not_sure",
			"barriers": "Buses to the meetings stop at six."},
		"startedAt": time.Now().Add(-5 * time.Minute).UTC().Format(time.RFC3339), "completedAt": time.Now().UTC().Format(time.RFC3339),
	}
	if formID != "" {
		m["formId"] = formID
	}
	return m
}

// Percentile returns the p-th percentile (0–100) of ds.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(float64(len(s)-1) * p / 100)
	return s[i]
}

// Print writes the report for people.
func (r *Report) Print(w io.Writer, cfg Config) {
	all := append(slices.Clone(r.Singles), r.Syncs...)
	fmt.Fprintf(w, "Closing-day load against %s for %s: target %d responses/s (%.0f%% by volunteers' syncs of %d)\n",
		cfg.URL, cfg.Duration, cfg.Rate, cfg.Synced*100, cfg.Batch)
	fmt.Fprintf(w, "  stored %d responses in %s: %.1f responses/s\n", r.Responses, r.Elapsed.Round(time.Millisecond), float64(r.Responses)/r.Elapsed.Seconds())
	line := func(name string, ds []time.Duration) {
		fmt.Fprintf(w, "  %-16s %6d requests  p50 %7s  p95 %7s  p99 %7s  max %7s\n", name, len(ds),
			Percentile(ds, 50).Round(100*time.Microsecond), Percentile(ds, 95).Round(100*time.Microsecond),
			Percentile(ds, 99).Round(100*time.Microsecond), Percentile(ds, 100).Round(100*time.Microsecond))
	}
	line("single posts", r.Singles)
	line("syncs", r.Syncs)
	line("all requests", all)
	errs := 0
	for _, n := range r.Errors {
		errs += n
	}
	fmt.Fprintf(w, "  errors: %d", errs)
	for k, n := range r.Errors {
		fmt.Fprintf(w, " [%s: %d]", k, n)
	}
	fmt.Fprintf(w, "\n  requests that waited for a free worker: %d of %d\n", r.Late, r.RequestsScheduled)
}

package app_test

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fullReliability runs the reliability tests at full size:
// CHORUS_RELIABILITY_FULL=1 go test -run Reliability ./internal/app
func fullReliability() bool { return os.Getenv("CHORUS_RELIABILITY_FULL") != "" }

// 10,000 responses (300 in the normal suite) through a proxy that loses 30%
// of the server's replies and cuts 5% of requests mid-body, sent by clients
// that retry as the web app does, each twice at once: every response is
// stored exactly once, with the answers it was sent with.
func TestReliabilityExactlyOnceOverALossyNetwork(t *testing.T) {
	n := 300
	if fullReliability() {
		n = 10_000
	}
	h := start(t, "testdata/forms", "")
	proxy := newLossyProxy(t, h.url, 0.30, 0.05)
	t0 := time.Now()
	sent := exactlyOnce(t, proxy.url, n, 16)
	checkStored(t, h, sent)
	t.Logf("%d responses, each sent twice at once, in %s: %d replies lost, %d requests cut, %d delivered; stored exactly once each",
		n, time.Since(t0).Round(time.Millisecond), proxy.dropped.Load(), proxy.cut.Load(), proxy.forwarded.Load())
	if proxy.dropped.Load() == 0 || proxy.cut.Load() == 0 {
		t.Fatal("the proxy lost nothing: the test proved nothing")
	}
}

// The database stops while clients send: the server answers 503 with
// Retry-After (never 500, never a hang), /healthz says so, and once the
// database is back everything sent meanwhile arrives exactly once, without
// restarting the server.
func TestReliabilityDatabaseOutageSimulatedByClosingTheFile(t *testing.T) {
	h := start(t, "testdata/forms", "")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var (
		mu       sync.Mutex
		statuses = map[int]int{}
		slowest  time.Duration
		sent     = map[string]string{}
	)
	client := &http.Client{Timeout: 30 * time.Second}
	defer client.CloseIdleConnections()
	var stored atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				body := surveyResponse(newID())
				id := body["id"].(string)
				body["answers"].(map[string]any)["name"] = fmt.Sprintf("W%d-%d", w, i)
				b, _ := jsonMarshal(body)
				mu.Lock()
				sent[id] = body["answers"].(map[string]any)["name"].(string)
				mu.Unlock()
				for ctx.Err() == nil {
					t0 := time.Now()
					r, err := client.Post(h.url+surveyPath, "application/json", bytesReader(b))
					d := time.Since(t0)
					if err != nil {
						t.Errorf("no answer: %v", err)
						return
					}
					r.Body.Close()
					mu.Lock()
					statuses[r.StatusCode]++
					slowest = max(slowest, d)
					mu.Unlock()
					if r.StatusCode == 503 {
						if r.Header.Get("Retry-After") == "" {
							t.Error("503 without Retry-After")
						}
						time.Sleep(100 * time.Millisecond)
						continue
					}
					if r.StatusCode == 201 || r.StatusCode == 200 {
						stored.Add(1)
						time.Sleep(10 * time.Millisecond)
					} else {
						t.Errorf("status %d", r.StatusCode)
					}
					break
				}
			}
		}()
	}
	// Let some through, then stop the database for two seconds.
	for stored.Load() < 40 {
		time.Sleep(10 * time.Millisecond)
	}
	stopCtx, stopCancel := context.WithTimeout(ctx, 10*time.Second)
	if err := h.outage(t).SimulateOutage(stopCtx); err != nil {
		t.Fatal(err)
	}
	stopCancel()
	if r := h.get(t, "/healthz"); r.status != 503 {
		t.Errorf("healthz during the outage: %d", r.status)
	}
	time.Sleep(2 * time.Second)
	if err := h.outage(t).EndSimulatedOutage(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(time.Second) // sending goes on after the return
	close(stop)
	wg.Wait()
	if r := h.get(t, "/healthz"); r.status != 200 {
		t.Errorf("healthz after the outage: %d", r.status)
	}
	t.Logf("statuses %v; slowest answer %s", statuses, slowest)
	if statuses[503] == 0 {
		t.Error("no 503 seen: the outage did not happen during sending")
	}
	if statuses[500] != 0 || slowest > 20*time.Second {
		t.Errorf("500s: %d, slowest answer %s", statuses[500], slowest)
	}
	checkStored(t, h, sent)
}

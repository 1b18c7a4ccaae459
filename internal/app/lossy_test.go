package app_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"

	"chorus/internal/chorus"
)

// lossyProxy stands between clients and the server on loopback and makes
// the network bad: it loses the server's answer to a share of requests
// (the request arrives and is handled; the reply never comes back), and
// cuts some connections part-way through sending a request.
type lossyProxy struct {
	srv       *http.Server
	url       string
	dropShare float64 // share of replies lost
	cutShare  float64 // share of requests cut while their body is sent
	dropped   atomic.Int64
	cut       atomic.Int64
	forwarded atomic.Int64
}

func newLossyProxy(t testing.TB, target string, dropShare, cutShare float64) *lossyProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(target)
	p := &lossyProxy{url: "http://" + ln.Addr().String(), dropShare: dropShare, cutShare: cutShare}
	rp := httputil.NewSingleHostReverseProxy(u)
	transport := &http.Transport{MaxIdleConnsPerHost: 64}
	rp.Transport = transport
	rp.ErrorHandler = func(w http.ResponseWriter, r *http.Request, err error) { hangUp(w) }
	rp.ModifyResponse = func(resp *http.Response) error {
		if rand.Float64() < p.dropShare {
			p.dropped.Add(1)
			return errLost // the reply is lost: ErrorHandler hangs up
		}
		p.forwarded.Add(1)
		return nil
	}
	p.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && rand.Float64() < p.cutShare {
			// Send part of the body to the server, then break both sides.
			p.cut.Add(1)
			body, _ := io.ReadAll(r.Body)
			half := body[:len(body)/2]
			r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(half), failingReader{}))
		}
		rp.ServeHTTP(w, r)
	})}
	go func() { _ = p.srv.Serve(ln) }()
	t.Cleanup(func() {
		_ = p.srv.Close()
		transport.CloseIdleConnections() // or they hold the server's shutdown open
	})
	return p
}

var errLost = errors.New("reply lost on the way")

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection cut") }

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if c, _, err := hj.Hijack(); err == nil {
			c.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// sendUntilAnswered posts a body until the server answers it, as the web
// app's outbox does: network errors, 5xx and 429 are tried again. It
// returns the final status.
func sendUntilAnswered(ctx context.Context, c *http.Client, url string, body []byte) (int, []byte, error) {
	for {
		if err := ctx.Err(); err != nil {
			return 0, nil, err
		}
		req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := c.Do(req)
		if err != nil {
			continue
		}
		raw, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode >= 500 || resp.StatusCode == 429 {
			continue
		}
		return resp.StatusCode, raw, nil
	}
}

// exactlyOnce sends n responses through url with the given number of
// workers; each response is sent twice at the same time (a duplicate, as
// from two tabs), and every fourth group goes as a sync batch. It returns
// the ids and the name each was sent with.
func exactlyOnce(t testing.TB, base string, n, workers int) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*60e9)
	defer cancel()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers * 2}}
	defer client.CloseIdleConnections()
	sent := map[string]string{}
	type job struct{ url, body string }
	var jobs []job
	var group []map[string]any
	flush := func(batch bool) {
		if len(group) == 0 {
			return
		}
		if batch {
			var items []any
			for _, g := range group {
				g["formId"] = "survey"
				items = append(items, g)
			}
			b, _ := jsonMarshal(map[string]any{"responses": items})
			jobs = append(jobs, job{base + "/api/v1/sync", string(b)})
		} else {
			for _, g := range group {
				b, _ := jsonMarshal(g)
				jobs = append(jobs, job{base + surveyPath, string(b)})
			}
		}
		group = nil
	}
	for i := range n {
		id := newID()
		name := "Person " + id[:8]
		sent[id] = name
		group = append(group, map[string]any{"id": id, "formVersion": "1", "answers": map[string]any{"name": name, "happy": true, "score": i % 11}})
		if len(group) == 10 {
			flush(i%40 < 10)
		}
	}
	flush(false)
	work := make(chan job)
	var wg sync.WaitGroup
	var bad atomic.Int64
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				var inner sync.WaitGroup
				for range 2 { // the same request twice at once
					inner.Add(1)
					go func() {
						defer inner.Done()
						status, raw, err := sendUntilAnswered(ctx, client, j.url, []byte(j.body))
						if err != nil || (status != 200 && status != 201) {
							bad.Add(1)
							t.Errorf("%s: %d %v %s", j.url, status, err, raw)
						}
					}()
				}
				inner.Wait()
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	return sent
}

// checkStored checks that exactly the responses sent are stored, each once
// and with the answers it was sent with.
func checkStored(t testing.TB, h *harness, sent map[string]string) {
	t.Helper()
	rows, closeRows, err := h.app.Store.EachResponse(context.Background(), chorus.ResponseFilter{FormID: "survey"})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRows()
	seen := map[string]bool{}
	for r, err := range rows {
		if err != nil {
			t.Fatal(err)
		}
		switch want, ok := sent[r.ID]; {
		case !ok:
			t.Fatalf("response %s stored but never sent", r.ID)
		case seen[r.ID]:
			t.Fatalf("response %s stored twice", r.ID)
		case r.Answers["name"] != want:
			t.Fatalf("response %s holds %q, was sent %q", r.ID, r.Answers["name"], want)
		}
		seen[r.ID] = true
	}
	if len(seen) != len(sent) {
		t.Fatalf("%d responses stored, want exactly %d", len(seen), len(sent))
	}
}

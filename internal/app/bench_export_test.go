package app_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/reports"
)

// BenchmarkExport exports 100,000 responses × 30 questions to XLSX from the
// embedded store, and compares, in the same run:
//
//	(a) only reading the same responses from the store;
//	(b) only writing the same cells with excelize, from responses in memory.
//
// Target: export time at most 1.2 × the larger of (a) and (b), because
// reading and writing overlap, and peak memory at most 250 MB.
// CHORUS_BENCH_RESPONSES sets another number of responses.
//
// Run: go test -run '^$' -bench Export -benchtime 1x -timeout 30m ./internal/app
func BenchmarkExport(b *testing.B) {
	n := 100_000
	if s := os.Getenv("CHORUS_BENCH_RESPONSES"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	h := start(b, "testdata/forms-bench", "")
	ctx := context.Background()
	t0 := time.Now()
	for i := 0; i < n; i += 1000 {
		docs := make([]*chorus.Response, 0, 1000)
		for j := i; j < min(i+1000, n); j++ {
			docs = append(docs, wideResponse(j))
		}
		if _, _, err := h.app.Store.InsertResponses(ctx, docs); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored %d responses in %s", n, time.Since(t0).Round(time.Second))
	svc := h.app.Reports

	var read, write, export phase
	for b.Loop() {
		// (b) write only: the same responses, made in memory first.
		inMemory := make([]*chorus.Response, n)
		for i := range inMemory {
			inMemory[i] = wideResponse(i)
			normaliseForExport(inMemory[i])
		}
		versions, _ := h.app.Intake.Forms().History("wide")
		write = measure(func() int {
			st, err := exports.WriteResponses(io.Discard, exports.Request{Versions: versions, Location: h.cfg.Location},
				func(yield func(*chorus.Response, error) bool) {
					for _, r := range inMemory {
						if !yield(r, nil) {
							return
						}
					}
				})
			if err != nil {
				b.Fatal(err)
			}
			return st.Rows
		})
		inMemory = nil

		// (a) and the export take turns, twice, and each keeps its best
		// run, so that neither gains from going second.
		for range 2 {
			read = best(read, measureRead(b, h))
			export = best(export, measureExport(b, svc))
		}
	}
	for name, p := range map[string]phase{"read only (a)": read, "write only (b)": write, "export": export} {
		if p.rows != n {
			b.Fatalf("%s handled %d responses, want %d", name, p.rows, n)
		}
	}
	base := max(read.time, write.time)
	ratio := export.time.Seconds() / base.Seconds()
	fmt.Printf("\nExport of %d responses × 30 questions to XLSX, embedded store (best of 2 for (a) and the export):\n", n)
	fmt.Printf("  (a) read only:   %7.1f s   peak RSS %4d MB   peak Go heap %4d MB\n", read.time.Seconds(), read.rss>>20, read.heap>>20)
	fmt.Printf("  (b) write only:  %7.1f s   peak RSS %4d MB   peak Go heap %4d MB (the responses held in memory included)\n", write.time.Seconds(), write.rss>>20, write.heap>>20)
	fmt.Printf("  export:          %7.1f s   peak RSS %4d MB   peak Go heap %4d MB\n", export.time.Seconds(), export.rss>>20, export.heap>>20)
	fmt.Printf("  export / max(a, b) = %.2f (target ≤ 1.2); export / (a + b) = %.2f; peak RSS %d MB (target ≤ 250)\n",
		ratio, export.time.Seconds()/(read.time+write.time).Seconds(), export.rss>>20)
	b.ReportMetric(ratio, "export/max(read,write)")
	b.ReportMetric(float64(export.rss>>20), "peak-RSS-MB")
}

// measureRead measures (a): one cursor over the store, as the export reads it.
func measureRead(b *testing.B, h *harness) phase {
	return measure(func() int {
		rows, closeRows, err := h.app.Store.EachResponse(context.Background(), chorus.ResponseFilter{FormID: "wide"})
		if err != nil {
			b.Fatal(err)
		}
		defer closeRows()
		count := 0
		for _, err := range rows {
			if err != nil {
				b.Fatal(err)
			}
			count++
		}
		return count
	})
}

// measureExport measures the export itself, as the endpoint and the
// command make it.
func measureExport(b *testing.B, svc *reports.Service) phase {
	return measure(func() int {
		e, err := svc.Prepare(reports.Query{FormID: "wide", Format: "xlsx"})
		if err != nil {
			b.Fatal(err)
		}
		st, err := e.Write(context.Background(), io.Discard)
		if err != nil {
			b.Fatal(err)
		}
		return st.Rows
	})
}

// best keeps the faster of two runs of a phase, with the higher peaks.
func best(a, b phase) phase {
	if a.rows == 0 {
		return b
	}
	out := a
	if b.time < a.time {
		out = b
	}
	out.rss, out.heap = max(a.rss, b.rss), max(a.heap, b.heap)
	return out
}

// phase is one measured part of the benchmark.
type phase struct {
	time      time.Duration
	rss, heap uint64 // peaks, in bytes
	rows      int
}

// measure runs fn and reports its time and the process's peak memory
// while it ran: the resident set (the embedded database included, as it
// runs in this process) and the Go heap.
func measure(fn func() int) phase {
	runtime.GC()
	debug.FreeOSMemory()
	resetPeakRSS()
	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peakHeap.Load() {
				peakHeap.Store(v)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	t0 := time.Now()
	rows := fn()
	d := time.Since(t0)
	close(stop)
	<-done
	return phase{time: d, rss: peakRSS(), heap: peakHeap.Load(), rows: rows}
}

// resetPeakRSS starts a new peak resident set measurement (Linux).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS is the process's peak resident set since the last reset (Linux).
func peakRSS() uint64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if rest, ok := strings.CutPrefix(s.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// wideResponse is response i to testdata/forms-bench/wide.yaml, the same
// every time it is made.
func wideResponse(i int) *chorus.Response {
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	letters := []string{"a", "b", "c", "d", "e"}
	a := map[string]any{}
	for q := 1; q <= 10; q++ {
		a[fmt.Sprintf("c%d", q)] = letters[rng.IntN(5)]
	}
	for q := 1; q <= 5; q++ {
		a[fmt.Sprintf("m%d", q)] = []string{letters[rng.IntN(2)], letters[2+rng.IntN(3)]}
		a[fmt.Sprintf("n%d", q)] = int64(rng.IntN(1000))
	}
	for q := 1; q <= 3; q++ {
		a[fmt.Sprintf("d%d", q)] = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(300)).Format(time.DateOnly)
	}
	for q := 1; q <= 4; q++ {
		a[fmt.Sprintf("t%d", q)] = fmt.Sprintf("Short answer %d to question %d", i, q)
	}
	for q := 1; q <= 2; q++ {
		a[fmt.Sprintf("l%d", q)] = strings.Repeat(fmt.Sprintf("A longer answer from resident %d. ", i), 1+rng.IntN(4))
	}
	a["y1"] = rng.IntN(2) == 1
	at := time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	return &chorus.Response{ID: fmt.Sprintf("bench-%08d", i), FormID: "wide", FormVersion: "1", Answers: a,
		StartedAt: &at, CompletedAt: &at, ReceivedAt: at, Receipt: fmt.Sprintf("CH-%08d", i), Fingerprint: "bench"}
}

// normaliseForExport gives an in-memory response the types that the store
// hands back, so that (b) writes exactly what the export writes.
func normaliseForExport(r *chorus.Response) {
	for k, v := range r.Answers {
		if vs, ok := v.([]string); ok {
			r.Answers[k] = append([]string(nil), vs...)
		}
	}
}

package app_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"chorus/internal/form"
	"chorus/internal/store"
)

// BenchmarkScale shows that every operation on one thing takes the same
// time however many responses are stored. It stores 1,000, then 10,000,
// then 100,000 responses to the sample forms (realistic answers, free text
// included; visits across 50 services; reviews on three in ten) in the
// embedded store, and after each size takes the median time of each
// operation of scaleOps, each repetition on a different item picked at
// random among all the responses or the most recent tenth, over real HTTP
// where the console or a phone would ask. It prints each median and its
// ratio to the same operation's median at 1,000 (target at most 1.5 at
// 100,000 for every point operation; a search for a common word is not
// one: its matches grow with the responses), and the rate at which the
// export reads the largest form as a ratio of a bare SELECT of the same
// rows on the same file (target at least 0.8). It asserts no times:
// machines are noisy.
//
// CHORUS_BENCH_SCALE sets other sizes, for a quick run ("1000,10000");
// CHORUS_BENCH_DIR, a new or empty directory, keeps the database file
// there afterwards, to look into with EXPLAIN QUERY PLAN.
//
// Run: go test -run '^$' -bench Scale -benchtime 1x -timeout 60m ./internal/app
func BenchmarkScale(b *testing.B) {
	sizes := []int{1_000, 10_000, 100_000}
	if s := os.Getenv("CHORUS_BENCH_SCALE"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 || (len(sizes) > 0 && n <= sizes[len(sizes)-1]) {
				b.Fatalf("CHORUS_BENCH_SCALE=%q: give growing numbers of responses, such as 1000,10000", s)
			}
			sizes = append(sizes, n)
		}
	}
	for b.Loop() {
		runScale(b, sizes)
	}
}

// scaleRun is one run of BenchmarkScale: a server, its data, and what the
// operations have done to it so far.
type scaleRun struct {
	b       *testing.B
	h       *harness
	g       *scaleGen
	rng     *rand.Rand
	n       int          // items 0..n-1 are stored
	erased  map[int]bool // items erased by the erase operation
	officer creds
	phone   creds
	fresh   int            // new visits posted for the counters' flush
	rows    map[string]int // the fewest rows a page held, per operation
}

// scaleOp is one operation measured: do runs it once on the repetition's
// item and returns the time it took.
type scaleOp struct {
	key, label string
	reps       int
	do         func(s *scaleRun, rep int) time.Duration
}

// scaleResults are a run's figures, per size.
type scaleResults struct {
	sizes                         []int
	medians                       map[string][]time.Duration // per operation key
	readRates, bareRates, decoded []float64                  // rows per second
}

// runScale stores each size in turn and measures after each.
func runScale(b *testing.B, sizes []int) {
	s, sq := newScaleRun(b, sizes[len(sizes)-1])
	bare, err := sql.Open("sqlite", "file:"+sq.Path()+"?mode=ro&_pragma=busy_timeout(10000)&_pragma=cache_size(-16000)")
	if err != nil {
		b.Fatal(err)
	}
	defer bare.Close()
	ops := scaleOps()
	res := scaleResults{sizes: sizes, medians: map[string][]time.Duration{}}
	for _, size := range sizes {
		t0 := time.Now()
		s.g.load(b, s.h, s.n, size)
		s.n = size
		fmt.Printf("\n%s responses stored in %s (file and its log: %s)\n", scaleCount(size), time.Since(t0).Round(time.Second), scaleFileSize(sq.Path()))
		// Sessions may have idled out during a long load: sign in again.
		s.officer = s.h.signIn(b, "officer")
		s.phone, _ = s.h.volunteer(b, s.officer, "Checker at "+scaleCount(size))
		s.rows = map[string]int{}
		for k, m := range s.medians(ops) {
			res.medians[ops[k].key] = append(res.medians[ops[k].key], m)
			rows := ""
			if n, ok := s.rows[ops[k].key]; ok {
				rows = fmt.Sprintf(", pages of %d rows or more", n)
			}
			fmt.Printf("  %-54s %9s  (median of %d%s)\n", ops[k].label, scaleDur(m), ops[k].reps, rows)
		}
		r, bb, dec, rows := s.readRates(bare)
		res.readRates, res.bareRates, res.decoded = append(res.readRates, r), append(res.bareRates, bb), append(res.decoded, dec)
		fmt.Printf("  export read of %s visits: %.0f responses/s; bare SELECT %.0f rows/s (ratio %.2f); with bson.Unmarshal %.0f rows/s (ratio %.2f)\n",
			scaleCount(rows), r, bb, r/bb, dec, r/dec)
	}
	res.print(b, ops)
}

// newScaleRun starts a server with 50 services, an officer and six
// Quality Checkers, and the generator of up to largest items.
func newScaleRun(b *testing.B, largest int) (*scaleRun, *store.SQLite) {
	ctx := context.Background()
	dir := os.Getenv("CHORUS_BENCH_DIR")
	if dir != "" {
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			b.Fatalf("CHORUS_BENCH_DIR=%s is not empty", dir)
		}
	}
	h := start(b, "", dir)
	sq, ok := h.app.Store.(*store.SQLite)
	if !ok {
		b.Skipf("the store is %s, not the embedded one", h.app.Store.Describe())
	}
	services := scaleServices()
	if err := h.app.Store.SaveServices(ctx, services[12:]); err != nil {
		b.Fatal(err)
	}
	all, err := h.app.Store.Services(ctx)
	if err != nil || len(all) != 50 {
		b.Fatalf("%d services, %v", len(all), err)
	}
	h.app.Intake.SetServices(all)
	s := &scaleRun{b: b, h: h, rng: rand.New(rand.NewPCG(1, 2)), erased: map[int]bool{}}
	s.officer = h.signIn(b, "officer")
	// Received over 340 days, the last a day before the run.
	const span = 340 * 24 * time.Hour
	s.g = &scaleGen{epoch: time.Now(), base: -span - 24*time.Hour, step: span / time.Duration(largest), forms: h.app.Intake.Forms(),
		env: form.Env{Today: time.Now().In(h.cfg.Location).Format(time.DateOnly), ServiceExists: func(string) bool { return true }}}
	for _, sv := range services {
		s.g.services = append(s.g.services, sv.ID)
	}
	for k := range 6 {
		_, id := h.volunteer(b, s.officer, fmt.Sprintf("Checker %d", k))
		s.g.senders = append(s.g.senders, id)
	}
	return s, sq
}

// print writes the table of every size's figures, and reports the ratios
// at the largest size as the benchmark's metrics.
func (res scaleResults) print(b *testing.B, ops []scaleOp) {
	row := func(label string, cells []string) {
		fmt.Printf("%-54s", label)
		for _, c := range cells {
			fmt.Printf(" %10s", c)
		}
		fmt.Println()
	}
	fmt.Printf("\nScale benchmark, embedded store (SQLite), median per operation; ×@n = time at n / time at %s:\n", scaleCount(res.sizes[0]))
	var head []string
	for _, n := range res.sizes {
		head = append(head, scaleCount(n))
	}
	for _, n := range res.sizes[1:] {
		head = append(head, "×@"+scaleShort(n))
	}
	row("operation", head)
	for _, op := range ops {
		m := res.medians[op.key]
		var cells []string
		for _, d := range m {
			cells = append(cells, scaleDur(d))
		}
		for _, d := range m[1:] {
			cells = append(cells, fmt.Sprintf("%.2f", d.Seconds()/m[0].Seconds()))
		}
		row(op.label, cells)
		b.ReportMetric(m[len(m)-1].Seconds()/m[0].Seconds(), op.key+"-x")
	}
	rates := func(label string, f func(k int) string) {
		var cells []string
		for k := range res.readRates {
			cells = append(cells, f(k))
		}
		row(label, cells)
	}
	rates("export read, EachResponse (responses/s)", func(k int) string { return fmt.Sprintf("%.0f", res.readRates[k]) })
	rates("bare SELECT doc, same rows (rows/s)", func(k int) string { return fmt.Sprintf("%.0f", res.bareRates[k]) })
	rates("bare SELECT doc + driver's bson.Unmarshal (rows/s)", func(k int) string { return fmt.Sprintf("%.0f", res.decoded[k]) })
	rates("export read / bare read (target >= 0.8)", func(k int) string { return fmt.Sprintf("%.2f", res.readRates[k]/res.bareRates[k]) })
	rates("export read / (bare read + bson.Unmarshal)", func(k int) string { return fmt.Sprintf("%.2f", res.readRates[k]/res.decoded[k]) })
	last := len(res.readRates) - 1
	b.ReportMetric(res.readRates[last], "read/s")
	b.ReportMetric(res.readRates[last]/res.bareRates[last], "read/bare")
	b.ReportMetric(res.readRates[last]/res.decoded[last], "read/bare+decode")
}

// medians runs the operations in turns, so that a spell of load from
// elsewhere on the machine falls on each alike: two warm-up rounds, then
// op.reps timed runs of each. It returns each operation's median.
func (s *scaleRun) medians(ops []scaleOp) []time.Duration {
	times := make([][]time.Duration, len(ops))
	rounds := 0
	for _, op := range ops {
		rounds = max(rounds, op.reps+2)
	}
	for rep := range rounds {
		for k, op := range ops {
			if rep >= op.reps+2 {
				continue
			}
			if d := op.do(s, rep); rep >= 2 {
				times[k] = append(times[k], d)
			}
		}
	}
	out := make([]time.Duration, len(ops))
	for k, ds := range times {
		slices.Sort(ds)
		out[k] = ds[len(ds)/2]
	}
	return out
}

// item returns a stored item that is not erased and that want accepts
// (nil for any): among all the items on even repetitions, among the most
// recent tenth (at least the last 1,000) on odd ones.
func (s *scaleRun) item(rep int, want func(i int) bool) int {
	lo := 0
	if rep%2 == 1 {
		lo = max(s.n-max(s.n/10, 1000), 0)
	}
	for range 1_000_000 {
		i := lo + s.rng.IntN(s.n-lo)
		if !s.erased[i] && (want == nil || want(i)) {
			return i
		}
	}
	s.b.Fatal("no item left to pick")
	return 0
}

func isScaleVisit(i int) bool { return scaleKind(i) == scaleVisitForm }

// timed sends a request as c and checks its status.
func (s *scaleRun) timed(c creds, method, path string, body any, want int) (reply, time.Duration) {
	var raw []byte
	if body != nil {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			s.b.Fatal(err)
		}
	}
	ctype := ""
	if raw != nil {
		ctype = "application/json"
	}
	t := time.Now()
	r := s.h.as(s.b, c, method, path, ctype, raw)
	d := time.Since(t)
	if r.status != want {
		s.b.Fatalf("%s %s: %d %s", method, path, r.status, r.raw)
	}
	return r, d
}

// get is a timed GET as the officer.
func (s *scaleRun) get(path string) (reply, time.Duration) {
	return s.timed(s.officer, "GET", path, nil, 200)
}

// scaleDur shows a time in ms with three significant figures.
func scaleDur(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	switch {
	case ms < 10:
		return fmt.Sprintf("%.2f ms", ms)
	case ms < 100:
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}

// scaleCount writes n with thousands separators.
func scaleCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// scaleShort writes n as 1k, 100k.
func scaleShort(n int) string {
	if n%1000 == 0 {
		return strconv.Itoa(n/1000) + "k"
	}
	return strconv.Itoa(n)
}

// scaleFileSize is the database file's size with its write-ahead log, in MB.
func scaleFileSize(path string) string {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	return fmt.Sprintf("%.0f MB", float64(total)/(1<<20))
}

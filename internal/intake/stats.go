package intake

import (
	"context"
	"log/slog"
	"maps"
	"sync"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// statsFlushEvery is how often the counters of new responses are written.
const statsFlushEvery = 500 * time.Millisecond

// statsBuffer gathers, per form, how many responses arrived and when the
// latest did, so that the store's counters are updated twice a second
// rather than on every response: the officer page then never counts
// responses. A crash loses at most the last half second of counts;
// `chorus stats recount` puts them right.
type statsBuffer struct {
	mu sync.Mutex
	// all mirrors every stored tally, kept up to date by count: results
	// are read from it, since reading many tallies from the embedded store
	// is slow. Loaded once at start.
	all     map[tallyKey]*chorus.Tally
	loaded  bool
	pending map[string]*pendingStats
	tallies map[tallyKey]*chorus.Tally
	daily   map[[2]string]int64 // (form, day received) → responses
	senders map[string]int64    // volunteer:… → responses sent
}

type tallyKey struct{ form, day, service string }

type pendingStats struct {
	n      int64
	latest time.Time
}

func newStatsBuffer() *statsBuffer {
	return &statsBuffer{pending: map[string]*pendingStats{}, tallies: map[tallyKey]*chorus.Tally{}, daily: map[[2]string]int64{},
		senders: map[string]int64{}, all: map[tallyKey]*chorus.Tally{}}
}

// count records a response just stored: the form's counter, its day, and
// its answers in the tally of its day and service.
func (in *Intake) count(r *chorus.Response) { in.countAs(r, 1) }

// countAs adds a response to the counters (n = 1) or takes it out of them
// (n = -1, when it is erased).
func (in *Intake) countAs(r *chorus.Response, n int64) {
	cur, err := in.forms.Current(r.FormID)
	if err != nil {
		return
	}
	dateQ, serviceQ := cur.ResultDims()
	received := r.ReceivedAt.In(in.loc).Format(time.DateOnly)
	day := received
	if dateQ != "" {
		// A visit without its date is left out of date filters, as the
		// export leaves it out: it counts under no day.
		day, _ = r.Answers[dateQ].(string)
	}
	service, _ := r.Answers[serviceQ].(string)
	b := in.stats
	latest := r.ReceivedAt
	if n < 0 {
		latest = time.Time{}
	}
	b.add(r.FormID, n, latest)
	b.mu.Lock()
	defer b.mu.Unlock()
	if r.SentBy != "" {
		b.senders[r.SentBy] += n
	}
	b.daily[[2]string{r.FormID, received}] += n
	k := tallyKey{r.FormID, day, service}
	t := b.tallies[k]
	if t == nil {
		t = &chorus.Tally{FormID: r.FormID, Day: day, Service: service, Counts: map[string]map[string]int64{}}
		b.tallies[k] = t
	}
	m := b.all[k]
	if m == nil {
		m = &chorus.Tally{FormID: r.FormID, Day: day, Service: service, Counts: map[string]map[string]int64{}}
		b.all[k] = m
	}
	// Counted against the version it was filled on, whose conditions say
	// whether each question was asked.
	version, err := in.forms.Version(r.FormID, r.FormVersion)
	if err != nil {
		version = cur
	}
	add := func(key, answer string) {
		for _, x := range []*chorus.Tally{t, m} {
			if x.Counts[key] == nil {
				x.Counts[key] = map[string]int64{}
			}
			x.Counts[key][answer] += n
		}
	}
	t.N += n
	m.N += n
	lang := r.Language
	if lang == "" {
		lang = version.MainLanguage()
	}
	add(chorus.TallyLanguage, lang)
	for _, q := range in.countedQuestions(r.FormID) {
		form.Count(version, q, r.Answers, add)
	}
}

// LoadTallies reads the stored tallies into memory, once, at start.
func (in *Intake) LoadTallies(ctx context.Context) error {
	all, err := in.store.AllTallies(ctx)
	if err != nil {
		return err
	}
	b := in.stats
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, t := range all {
		k := tallyKey{t.FormID, t.Day, t.Service}
		b.mergeInto(b.all, k, &t)
	}
	b.loaded = true
	return nil
}

// Tallies returns copies of a form's tallies for the days from..to (both
// included; "" for no limit; a tally of no day is left out of any range)
// and one service or all (""), from memory.
func (in *Intake) Tallies(formID, from, to, service string) []chorus.Tally {
	b := in.stats
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []chorus.Tally
	for k, t := range b.all {
		if k.form != formID || (service != "" && k.service != service) {
			continue
		}
		if (from != "" || to != "") && k.day == "" {
			continue
		}
		if (from != "" && k.day < from) || (to != "" && k.day > to) {
			continue
		}
		out = append(out, cloneTally(t))
	}
	return out
}

// countedQuestions are the questions, merged across every version of the
// form, whose answers results count: worked out once per version served.
func (in *Intake) countedQuestions(formID string) []*form.Merged {
	cur, err := in.forms.Current(formID)
	if err != nil {
		return nil
	}
	key := formID + "@" + cur.Version
	if qs, ok := in.counted.Load(key); ok {
		return qs.([]*form.Merged)
	}
	versions, err := in.forms.History(formID)
	if err != nil {
		return nil
	}
	var qs []*form.Merged
	for _, q := range form.Merge(versions) {
		if form.Counted(q.Type) {
			qs = append(qs, q)
		}
	}
	in.counted.Store(key, qs)
	return qs
}

func (b *statsBuffer) add(formID string, n int64, at time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.pending[formID]
	if p == nil {
		p = &pendingStats{}
		b.pending[formID] = p
	}
	p.n += n
	if at.After(p.latest) {
		p.latest = at
	}
}

// FlushStats writes the counts gathered so far. Counts it cannot write are
// kept for the next time.
func (in *Intake) FlushStats(ctx context.Context) error {
	b := in.stats
	b.mu.Lock()
	batch, tallies, daily, senders := b.pending, b.tallies, b.daily, b.senders
	b.pending, b.tallies, b.daily, b.senders = map[string]*pendingStats{}, map[tallyKey]*chorus.Tally{}, map[[2]string]int64{}, map[string]int64{}
	b.mu.Unlock()
	var firstErr error
	keep := func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}
	for k, t := range tallies {
		if err := in.store.AddTally(ctx, *t); err != nil {
			b.mu.Lock()
			b.mergeTally(k, t)
			b.mu.Unlock()
			keep(err)
		}
	}
	for k, n := range senders {
		if err := in.store.AddSent(ctx, k, n); err != nil {
			b.mu.Lock()
			b.senders[k] += n
			b.mu.Unlock()
			keep(err)
		}
	}
	for k, n := range daily {
		if err := in.store.AddDaily(ctx, k[0], k[1], n); err != nil {
			b.mu.Lock()
			b.daily[k] += n
			b.mu.Unlock()
			keep(err)
		}
	}
	for formID, p := range batch {
		if err := in.store.AddFormStats(ctx, formID, p.n, p.latest); err != nil {
			b.add(formID, p.n, p.latest)
			keep(err)
		}
	}
	return firstErr
}

// RunStats flushes the counters twice a second until ctx ends, then once more.
func (in *Intake) RunStats(ctx context.Context, logger *slog.Logger) {
	t := time.NewTicker(statsFlushEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
			if err := in.FlushStats(fctx); err != nil {
				logger.Warn("could not write the response counters", "err", err)
			}
			cancel()
			return
		case <-t.C:
			if err := in.FlushStats(ctx); err != nil {
				logger.Debug("response counters not written yet", "err", err)
			}
		}
	}
}

// mergeTally puts counts that could not be written back, for the next time.
func (b *statsBuffer) mergeTally(k tallyKey, t *chorus.Tally) { b.mergeInto(b.tallies, k, t) }

func (b *statsBuffer) mergeInto(into map[tallyKey]*chorus.Tally, k tallyKey, t *chorus.Tally) {
	cur := into[k]
	if cur == nil {
		c := cloneTally(t)
		into[k] = &c
		return
	}
	cur.N += t.N
	for q, keys := range t.Counts {
		if cur.Counts[q] == nil {
			cur.Counts[q] = map[string]int64{}
		}
		for key, n := range keys {
			cur.Counts[q][key] += n
		}
	}
}

// Recount rebuilds every counter from the stored responses: after a crash
// lost the last half second of counts. It reads every response, and must
// run while no server takes responses. It returns the count per form.
func (in *Intake) Recount(ctx context.Context) (map[string]int64, error) {
	if err := in.store.ClearCounters(ctx); err != nil {
		return nil, err
	}
	in.stats.mu.Lock()
	in.stats.all = map[tallyKey]*chorus.Tally{}
	in.stats.mu.Unlock()
	out := map[string]int64{}
	for _, f := range in.forms.Known() {
		rows, closeRows, err := in.store.EachResponse(ctx, chorus.ResponseFilter{FormID: f.ID})
		if err != nil {
			return nil, err
		}
		for r, err := range rows {
			if err != nil {
				closeRows()
				return nil, err
			}
			in.count(r)
			if err := in.flag(ctx, r, chorus.Result{ID: r.ID, Receipt: r.Receipt}); err != nil {
				closeRows()
				return nil, err
			}
			out[f.ID]++
			if out[f.ID]%5000 == 0 {
				if err := in.FlushStats(ctx); err != nil {
					closeRows()
					return nil, err
				}
			}
		}
		closeRows()
	}
	return out, in.FlushStats(ctx)
}

// cloneTally copies a tally deeply, so that the copy can change alone.
func cloneTally(t *chorus.Tally) chorus.Tally {
	c := *t
	c.Counts = make(map[string]map[string]int64, len(t.Counts))
	for q, keys := range t.Counts {
		c.Counts[q] = maps.Clone(keys)
	}
	return c
}

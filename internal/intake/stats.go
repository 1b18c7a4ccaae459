package intake

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// statsFlushEvery is how often the counters of new responses are written.
const statsFlushEvery = 500 * time.Millisecond

// statsBuffer gathers, per form, how many responses arrived and when the
// latest did, so that the store's counters are updated twice a second
// rather than on every response: the officer page then never counts
// responses. A crash loses at most the last half second of counts;
// `chorus stats recount` puts them right.
type statsBuffer struct {
	mu      sync.Mutex
	pending map[string]*pendingStats
}

type pendingStats struct {
	n      int64
	latest time.Time
}

func newStatsBuffer() *statsBuffer { return &statsBuffer{pending: map[string]*pendingStats{}} }

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
	batch := b.pending
	b.pending = map[string]*pendingStats{}
	b.mu.Unlock()
	var firstErr error
	for formID, p := range batch {
		if err := in.store.AddFormStats(ctx, formID, p.n, p.latest); err != nil {
			b.add(formID, p.n, p.latest)
			if firstErr == nil {
				firstErr = err
			}
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

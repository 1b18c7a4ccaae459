package register

import (
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"
)

// memoryUse is what previewing one file cost: the most the heap grew at
// any moment (sampled every 50 µs), and all it allocated.
type memoryUse struct {
	peak, total uint64
}

// previewMemory measures previewing data as the server does: Read, then
// Compare with an empty register.
func previewMemory(data []byte) memoryUse {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	heap := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	base := heap()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		for {
			if h := heap(); h > base && h-base > peak.Load() {
				peak.Store(h - base)
			}
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Microsecond):
			}
		}
	}()
	rows, errs, _ := Read(data)
	p := Compare(rows, errs, nil)
	close(stop)
	<-done
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(p)
	return memoryUse{peak: peak.Load(), total: after.TotalAlloc - before.TotalAlloc}
}

// TestHostileWorkbooksMemory: previewing each hostile file takes at most
// twice the memory of previewing a normal register of as many rows, and
// prints the figures (go test -v -run Memory ./internal/register).
func TestHostileWorkbooksMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("measures memory: not in -short runs")
	}
	best := func(data []byte) memoryUse { // the least of three, to leave out a stray GC
		m := previewMemory(data)
		for range 2 {
			n := previewMemory(data)
			m.peak, m.total = min(m.peak, n.peak), min(m.total, n.total)
		}
		return m
	}
	normal := best(normalRegister(t, hostileRows))
	t.Logf("a normal register of %d services: peak %.1f MB, allocated %.1f MB", hostileRows, mb(normal.peak), mb(normal.total))
	for _, f := range hostileFiles(t) {
		m := best(f.data)
		peak, total := float64(m.peak)/float64(normal.peak), float64(m.total)/float64(normal.total)
		t.Logf("%-48s peak %5.1f MB (%.2f×), allocated %5.1f MB (%.2f×)", f.name+":", mb(m.peak), peak, mb(m.total), total)
		if peak > 2 || total > 2 {
			t.Errorf("%s: %.2f× the peak and %.2f× the allocations of a normal register; want at most 2×", f.name, peak, total)
		}
	}
}

func mb(n uint64) float64 { return float64(n) / (1 << 20) }

package search_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	loader "github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/synth"
)

// benchGuides is the size of the synthetic playbook the benchmarks index:
// PLAYBOOK_BENCH_GUIDES, or 1000.
func benchGuides(b *testing.B) int {
	n := 1000
	if s := os.Getenv("PLAYBOOK_BENCH_GUIDES"); s != "" {
		if _, err := fmt.Sscan(s, &n); err != nil {
			b.Fatalf("PLAYBOOK_BENCH_GUIDES: %v", err)
		}
	}
	return n
}

// synthGraph writes a synthetic playbook of n guides and links it.
func synthGraph(tb testing.TB, n int) *link.Graph {
	tb.Helper()
	dir := tb.TempDir()
	if err := synth.Write(dir, n); err != nil {
		tb.Fatal(err)
	}
	var diags diag.List
	pb, err := loader.Load(context.Background(), os.DirFS(dir), loader.Options{}, &diags)
	if err != nil {
		tb.Fatal(err)
	}
	g := link.Link(pb, &diags)
	if diags.HasErrors() {
		tb.Fatal(diags.Items())
	}
	return g
}

// cpuTime is the processor time this process has used, in all its
// threads: the machines are shared, and the time a build takes from the
// others is what counts, not the time it waits for them.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// liveHeap is the heap still in use after a full collection.
func liveHeap() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkBuildIndex times search.Build followed by JSON, as a build
// does, on a synthetic playbook (PLAYBOOK_BENCH_GUIDES guides, default
// 1000):
//
//	once  no Cache, as a one-off build runs it
//	cold  a new Cache each time, as the dev server's first build
//	warm  the same Cache each time, as the dev server's rebuilds
//	json  JSON alone, of one index
//
// Besides time and allocations it reports the processor time a round
// takes (cpu-ns/op: it counts the garbage collector's work and that of
// every goroutine, and is steadier than ns/op on a busy machine), the heap
// the Cache keeps alive after Build (cache-B), which the garbage collector
// scans again and again while the rest of a dev-server build runs, and the
// heap of the Index itself (index-B), which lives until its file is
// written.
//
//	go test ./internal/search -run '^$' -bench BuildIndex -benchmem -count 5
func BenchmarkBuildIndex(b *testing.B) {
	g := synthGraph(b, benchGuides(b))
	// report measures what the Cache and the Index hold, with base the live
	// heap before either was made.
	report := func(b *testing.B, start time.Duration, base uint64, c *search.Cache, ix *search.Index) {
		b.StopTimer()
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		withIndex := liveHeap()
		runtime.KeepAlive(ix)
		ix = nil
		withCache := liveHeap()
		runtime.KeepAlive(c)
		b.ReportMetric(float64(withCache-base), "cache-B")
		b.ReportMetric(float64(withIndex-withCache), "index-B")
	}
	b.Run("once", func(b *testing.B) {
		base := liveHeap()
		start := cpuTime()
		var ix *search.Index
		for b.Loop() {
			ix = search.Build(g, nil)
			ix.JSON()
		}
		report(b, start, base, nil, ix)
	})
	b.Run("cold", func(b *testing.B) {
		base := liveHeap()
		start := cpuTime()
		var c *search.Cache
		var ix *search.Index
		for b.Loop() {
			c = new(search.Cache)
			ix = search.Build(g, c)
			ix.JSON()
		}
		report(b, start, base, c, ix)
	})
	b.Run("warm", func(b *testing.B) {
		base := liveHeap()
		c := new(search.Cache)
		search.Build(g, c)
		start := cpuTime()
		var ix *search.Index
		for b.Loop() {
			ix = search.Build(g, c)
			ix.JSON()
		}
		report(b, start, base, c, ix)
	})
	b.Run("json", func(b *testing.B) {
		ix := search.Build(g, nil)
		start := cpuTime()
		for b.Loop() {
			ix.JSON()
		}
		b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
	})
}

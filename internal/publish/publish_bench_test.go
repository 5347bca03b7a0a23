package publish

import (
	"context"
	"io"
	"os"
	"sync"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/synth"
)

// benchGuides is the size of the synthetic playbook the benchmarks use: a
// tenth of the 10,000 guides of the build-speed target, so each figure is
// about a tenth of that build's cost.
const benchGuides = 1000

var synthetic struct {
	once sync.Once
	g    *link.Graph
	err  string
}

// syntheticGraph returns the linked synthetic playbook of benchGuides
// guides, written and loaded once for every test and benchmark that asks;
// it skips tb when the playbook cannot be made.
func syntheticGraph(tb testing.TB) *link.Graph {
	tb.Helper()
	synthetic.once.Do(func() {
		dir, err := os.MkdirTemp("", "playbook-publish-bench")
		if err != nil {
			synthetic.err = err.Error()
			return
		}
		defer os.RemoveAll(dir)
		if err := synth.Write(dir, benchGuides); err != nil {
			synthetic.err = err.Error()
			return
		}
		var diags diag.List
		pb, err := load.Load(context.Background(), os.DirFS(dir), load.Options{}, &diags)
		if err != nil || diags.HasErrors() {
			synthetic.err = "loading the synthetic playbook failed: " + errText(err) + " " + diagText(&diags)
			return
		}
		g := link.Link(pb, &diags)
		if diags.HasErrors() {
			synthetic.err = "linking the synthetic playbook failed: " + diagText(&diags)
			return
		}
		synthetic.g = g
	})
	if synthetic.g == nil {
		tb.Skip("no synthetic playbook: " + synthetic.err)
	}
	return synthetic.g
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func diagText(diags *diag.List) string {
	var s string
	for _, d := range diags.Items() {
		s += d.String() + "; "
	}
	return s
}

func BenchmarkWriteExport(b *testing.B) {
	g := syntheticGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteExport(io.Discard, g); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCASE(b *testing.B) {
	g := syntheticGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteCASE(io.Discard, g, english); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGuideLD makes the JSON-LD of every guide of the playbook once
// per iteration, as a build does.
func BenchmarkGuideLD(b *testing.B) {
	g := syntheticGraph(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, gd := range g.Guides {
			GuideLD(g, gd)
		}
	}
}

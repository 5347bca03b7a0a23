package synth_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/synth"
)

// TestSyntheticPlaybookBuilds checks the generated playbook is valid at
// every size the benchmarks use, small ones included.
func TestSyntheticPlaybookBuilds(t *testing.T) {
	for _, n := range []int{1, 7, 120} {
		dir := t.TempDir()
		src := filepath.Join(dir, "src")
		if err := synth.Write(src, n); err != nil {
			t.Fatal(err)
		}
		ds, err := build.Build(context.Background(), build.Options{Src: src, Out: filepath.Join(dir, "out")})
		if err != nil || len(ds) > 0 {
			t.Fatalf("n=%d: %v %v", n, err, ds)
		}
		guides, _ := os.ReadDir(filepath.Join(dir, "out", "guides"))
		if len(guides) != n+1 { // one folder a guide, and the index
			t.Errorf("n=%d: %d entries in guides/", n, len(guides))
		}
	}
}

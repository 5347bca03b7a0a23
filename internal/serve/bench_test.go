package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/playbook-edu/playbook/internal/synth"
)

// BenchmarkEditToEvent measures, on a synthetic playbook, the time from a
// file being saved to the event reaching an open page's event stream: the
// "reload" after a guide edit and the "css" after a stylesheet edit. It
// reports the median and the 90th percentile; the targets are 100 ms and
// 50 ms medians for 1,000 guides.
//
//	go test ./internal/serve -run '^$' -bench EditToEvent -benchtime 40x
//
// PLAYBOOK_BENCH_GUIDES sets the size (default 1000); PLAYBOOK_BENCH_DIR
// where the playbook is written (default the system's temporary folder).
func BenchmarkEditToEvent(b *testing.B) {
	n := 1000
	if s := os.Getenv("PLAYBOOK_BENCH_GUIDES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	dir, err := os.MkdirTemp(os.Getenv("PLAYBOOK_BENCH_DIR"), "playbook-serve-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	src := filepath.Join(dir, "src")
	if err := synth.Write(src, n); err != nil {
		b.Fatal(err)
	}
	css, err := os.ReadFile("../../themes/default/static/assets/playbook.css")
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "themes/bench/static/assets"), 0o755)
	cssFile := filepath.Join(src, "themes/bench/static/assets/playbook.css")
	os.WriteFile(cssFile, css, 0o644)
	cfg := filepath.Join(src, "playbook.yaml")
	data, _ := os.ReadFile(cfg)
	os.WriteFile(cfg, append(data, "theme: bench\n"...), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := New(ctx, Options{Src: src, Addr: "127.0.0.1:0", Log: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	go s.Run(ctx)

	resp, err := http.Get(s.URL() + "_playbook/events")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	names := make(chan string, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if name, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				names <- name
			}
		}
	}()
	<-names // the current errors

	guide := filepath.Join(src, "content/guides/practice-00042.md")
	body, _ := os.ReadFile(guide)
	measure := func(b *testing.B, file string, text func(i int) []byte, want string) {
		var took []time.Duration
		for i := 0; b.Loop(); i++ {
			start := time.Now()
			if err := os.WriteFile(file, text(i), 0o644); err != nil {
				b.Fatal(err)
			}
			for name := range names {
				if name == want {
					break
				}
				b.Fatalf("event %q, want %q", name, want)
			}
			took = append(took, time.Since(start))
			b.StopTimer()
			time.Sleep(3 * quiet) // let the watcher settle before the next save
			b.StartTimer()
		}
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "p90-ms")
	}
	b.Run(fmt.Sprintf("guide/guides=%d", n), func(b *testing.B) {
		measure(b, guide, func(i int) []byte {
			return append(body, fmt.Sprintf("\nEdit number %d.\n", i)...)
		}, "reload")
	})
	b.Run(fmt.Sprintf("css/guides=%d", n), func(b *testing.B) {
		measure(b, cssFile, func(i int) []byte {
			return append(css, fmt.Sprintf("\n.edit-%d { color: inherit; }\n", i)...)
		}, "css")
	})
}

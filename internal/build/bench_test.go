package build

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"

	"github.com/playbook-edu/playbook/internal/synth"
)

// BenchmarkBuild builds a synthetic playbook and, in the same run, does
// what goldmark alone does with the same guides: read each file, convert
// its body with the same extensions and write one file each, one after
// another. It reports both times and their ratio; the target is a ratio of
// at most 1.5 for 10,000 guides. It also reports the peak memory of the
// playbook command building the same corpus in a process of its own (ns/op
// counts both sides and the setup of each iteration).
//
//	go test ./internal/build -run '^$' -bench Build -benchtime 5x
//
// Set PLAYBOOK_BENCH_GUIDES to choose the sizes (default "1000,10000") and
// PLAYBOOK_BENCH_DIR to choose where the files go (default the system's
// temporary folder; /dev/shm takes the disk out of the measurement).
func BenchmarkBuild(b *testing.B) {
	sizes := []int{1000, 10000}
	if s := os.Getenv("PLAYBOOK_BENCH_GUIDES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				b.Fatalf("PLAYBOOK_BENCH_GUIDES: %v", err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, n := range sizes {
		b.Run(fmt.Sprintf("guides=%d", n), func(b *testing.B) {
			dir, err := os.MkdirTemp(os.Getenv("PLAYBOOK_BENCH_DIR"), "playbook-bench-")
			if err != nil {
				b.Fatal(err)
			}
			defer os.RemoveAll(dir)
			src := filepath.Join(dir, "src")
			if err := synth.Write(src, n); err != nil {
				b.Fatal(err)
			}
			peak := peakMemory(b, src, filepath.Join(dir, "peak"))
			var buildTime, baseTime time.Duration
			for i := 0; b.Loop(); i++ {
				// Alternate the order so neither side always runs on a warm cache.
				// Each side starts with the other's writes on disk, not
				// still being written back while it runs.
				runBase := func() {
					syscall.Sync()
					start := time.Now()
					goldmarkAlone(b, src, filepath.Join(dir, "base"+strconv.Itoa(i)))
					baseTime += time.Since(start)
				}
				runBuild := func() {
					// As the playbook command sets it up.
					defer LimitMemory()()
					syscall.Sync()
					start := time.Now()
					ds, err := Build(context.Background(), Options{Src: src, Out: filepath.Join(dir, "out")})
					if err != nil || len(ds) > 0 {
						b.Fatalf("build: %v %v", err, ds)
					}
					buildTime += time.Since(start)
				}
				if i%2 == 0 {
					runBase()
					runBuild()
				} else {
					runBuild()
					runBase()
				}
				os.RemoveAll(filepath.Join(dir, "base"+strconv.Itoa(i)))
			}
			b.ReportMetric(float64(buildTime.Milliseconds())/float64(b.N), "build-ms/op")
			b.ReportMetric(float64(baseTime.Milliseconds())/float64(b.N), "goldmark-ms/op")
			b.ReportMetric(float64(buildTime)/float64(baseTime), "ratio")
			if peak > 0 {
				b.ReportMetric(peak, "peak-MiB")
			}
		})
	}
}

// goldmarkAlone converts every guide body under src with goldmark, set up as
// the build sets it up, and writes one file each into out.
func goldmarkAlone(b *testing.B, src, out string) {
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	)
	entries, err := os.ReadDir(filepath.Join(src, "content/guides"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, "content/guides", e.Name()))
		if err != nil {
			b.Fatal(err)
		}
		// The body is what follows the second "---" line.
		if _, rest, ok := bytes.Cut(data[4:], []byte("\n---\n")); ok {
			data = rest
		}
		buf.Reset()
		if err := md.Convert(data, &buf); err != nil {
			b.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(out, strings.TrimSuffix(e.Name(), ".md")+".html"), buf.Bytes(), 0o644); err != nil {
			b.Fatal(err)
		}
	}
}

// peakMemory builds src with the playbook command in a process of its own
// and returns its peak resident memory in MiB, or 0 when the command cannot
// be built. The command is started by a small process of its own (this
// test binary, in TestMain): a child's peak counts the memory of the
// process that started it until it execs, and this one has grown large
// by the benchmark's later rounds.
func peakMemory(b *testing.B, src, out string) float64 {
	bin := filepath.Join(b.TempDir(), "playbook")
	if err := exec.Command("go", "build", "-o", bin, "../../cmd/playbook").Run(); err != nil {
		b.Logf("peak memory not measured: %v", err)
		return 0
	}
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(self)
	cmd.Env = append(os.Environ(), peakHelper+"="+bin, "PLAYBOOK_PEAK_SRC="+src, "PLAYBOOK_PEAK_OUT="+out)
	outp, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("playbook build: %v\n%s", err, outp)
	}
	kb, err := strconv.ParseFloat(strings.TrimSpace(string(outp)), 64)
	if err != nil {
		b.Fatalf("peak memory: %q", outp)
	}
	return kb / 1024 // Linux reports kilobytes
}

// peakHelper names the environment variable that makes this test binary
// the small process peakMemory starts the command from: it runs the
// command it names and prints the command's peak memory in kilobytes.
const peakHelper = "PLAYBOOK_PEAK_HELPER"

func TestMain(m *testing.M) {
	if bin := os.Getenv(peakHelper); bin != "" {
		cmd := exec.Command(bin, "build", "-src", os.Getenv("PLAYBOOK_PEAK_SRC"), "-out", os.Getenv("PLAYBOOK_PEAK_OUT"))
		if outp, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "%v\n%s", err, outp)
			os.Exit(1)
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			fmt.Println(0)
			os.Exit(0)
		}
		fmt.Println(ru.Maxrss)
		os.Exit(0)
	}
	os.Exit(m.Run())
}

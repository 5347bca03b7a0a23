package chart

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden charts in testdata/")

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func value(v float64) *float64 { return &v }

// series are the charts the golden files hold.
var series = map[string]Series{
	"rising": {Name: "Share of K-3 students at or above benchmark", Unit: "%", Target: value(75), Baseline: value(58),
		Points: []Point{{day("2026-01-20"), 68}, {day("2025-09-15"), 61}, {day("2024-09-16"), 58}, {day("2025-05-19"), 64}}},
	"falling": {Name: "Ninth graders with a failing grade", Unit: "students", Target: value(40),
		Points: []Point{{day("2025-10-10"), 1310}, {day("2025-11-21"), 96}, {day("2026-01-16"), 71}}},
	"flat": {Name: "Meetings with a current list", Unit: "%",
		Points: []Point{{day("2025-09-01"), 80}, {day("2025-09-29"), 80}}},
	"one point": {Name: "Families at a reading evening", Unit: "%", Target: value(50),
		Points: []Point{{day("2025-10-14"), 31.5}}},
}

// TestGoldenCharts draws each series at both sizes and compares the bytes
// with testdata/NAME.svg and testdata/NAME-spark.svg; run with -update to
// accept a change, after looking at the files in a browser.
func TestGoldenCharts(t *testing.T) {
	for name, s := range series {
		for size, suffix := range map[Size]string{Full: "", Spark: "-spark"} {
			t.Run(name+suffix, func(t *testing.T) {
				got := Draw(s, size, english)
				if err := xml.Unmarshal([]byte(got), new(struct{})); err != nil {
					t.Errorf("the SVG is not well-formed XML: %v\n%s", err, got)
				}
				file := filepath.Join("testdata", strings.ReplaceAll(name, " ", "-")+suffix+".svg")
				if *update {
					if err := os.WriteFile(file, []byte(got+"\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (run with -update to write it)", err)
				}
				if got+"\n" != string(want) {
					t.Errorf("%s differs from %s (run with -update to accept):\n got %s\nwant %s", name, file, got, want)
				}
				if again := Draw(s, size, english); again != got {
					t.Error("drawing the same series twice gives different bytes")
				}
			})
		}
	}
}

// TestDrawMarks checks what a reader relies on without colour: a marker on
// every measurement, the target dashed and labelled, the baseline dotted,
// and the numbers in the accessible name.
func TestDrawMarks(t *testing.T) {
	s := series["rising"]
	svg := Draw(s, Full, english)
	for _, want := range []string{
		`role="img"`,
		`aria-label="Share of K-3 students at or above benchmark. Up from 58% in September 2024 to 68% in January 2026; target 75%."`,
		`<g class="chart-target"><line `, `stroke-dasharray="10 6"`, `>Target 75%</text>`,
		`<g class="chart-baseline"><line `, `stroke-dasharray="2 5"`, `>Baseline 58%</text>`,
		`>68%</text>`, `>September 2024</text>`, `>January 2026</text>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the chart lacks %s:\n%s", want, svg)
		}
	}
	if n := strings.Count(svg, "<circle "); n != len(s.Points) {
		t.Errorf("%d markers for %d measurements", n, len(s.Points))
	}
	if strings.Contains(svg, "style=") || strings.Contains(svg, "<script") {
		t.Error("the chart has a style attribute or a script, which the site's Content-Security-Policy forbids")
	}
	if strings.Contains(svg, `fill="#`) || strings.Contains(svg, `stroke="#`) {
		t.Error("the chart names a colour of its own, which forced colours would not change")
	}
	if Draw(Series{Name: "Nothing yet"}, Full, english) != "" || Draw(Series{}, Spark, english) != "" {
		t.Error("a series with no measurements is drawn")
	}
	if got := Draw(Series{Name: `A <b>"bold"</b> & name`, Points: []Point{{day("2025-01-01"), 1}}}, Spark, english); !strings.Contains(got,
		`aria-label="A &lt;b&gt;&#34;bold&#34;&lt;/b&gt; &amp; name. 1 in January 2025."`) {
		t.Errorf("the name is not escaped: %s", got)
	}
}

// TestOrder checks the points are drawn in date order, whatever order the
// series lists them in.
func TestOrder(t *testing.T) {
	s := series["rising"]
	reversed := s
	reversed.Points = nil
	for i := len(s.Points) - 1; i >= 0; i-- {
		reversed.Points = append(reversed.Points, s.Points[i])
	}
	if Draw(s, Full, english) != Draw(reversed, Full, english) {
		t.Error("the order of the measurements changes the chart")
	}
}

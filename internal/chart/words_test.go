package chart

import (
	"fmt"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/i18n"
	"github.com/playbook-edu/playbook/themes"
)

func TestSummary(t *testing.T) {
	for _, tc := range []struct {
		name string
		s    Series
		want string
	}{
		{"rising", series["rising"], "Up from 58% in September 2024 to 68% in January 2026; target 75%."},
		{"falling, a word for unit", series["falling"], "Down from 1,310 students in October 2025 to 71 students in January 2026; target 40 students."},
		{"flat, within one month", series["flat"], "Unchanged at 80% from September 1, 2025 to September 29, 2025."},
		{"one point", series["one point"], "31.5% in October 2025; target 50%."},
		{"no target, no unit", Series{Points: []Point{{day("2025-09-15"), 12}, {day("2026-01-20"), 15}}},
			"Up from 12 in September 2025 to 15 in January 2026."},
		{"target reached going up", Series{Unit: "%", Target: value(75), Points: []Point{{day("2025-09-15"), 61}, {day("2026-01-20"), 76}}},
			"Up from 61% in September 2025 to 76% in January 2026; target 75%, reached."},
		{"target reached going down, from the baseline", Series{Target: value(100), Baseline: value(180),
			Points: []Point{{day("2025-09-15"), 90}, {day("2026-01-20"), 95}}},
			"Up from 90 in September 2025 to 95 in January 2026; target 100, reached."},
		{"below zero", Series{Unit: "points", Points: []Point{{day("2025-09-15"), -2.5}, {day("2026-01-20"), 0}}},
			"Up from −2.5 points in September 2025 to 0 points in January 2026."},
		{"no points", Series{Name: "x", Target: value(1)}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Summary(tc.s, english); got != tc.want {
				t.Errorf("Summary:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{61, "%", "61%"}, {61.5, "%", "61.5%"}, {1200, "students", "1,200 students"}, {1234567.25, "", "1,234,567.25"},
		{999, "", "999"}, {0, "days", "0 days"}, {-1500, "", "−1,500"},
	} {
		if got := FormatValue(tc.v, tc.unit); got != tc.want {
			t.Errorf("FormatValue(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
	if got := FormatDate(day("2025-09-05"), english); got != "September 5, 2025" {
		t.Errorf("FormatDate = %q", got)
	}
	for _, tc := range []struct {
		v    float64
		d    int
		want string
	}{{62.5, 1, "62.5"}, {60, 0, "60"}, {0.30000000000000004, 1, "0.3"}, {12500, 0, "12,500"}} {
		if got := numberText(tc.v, tc.d); got != tc.want {
			t.Errorf("numberText(%v, %d) = %q, want %q", tc.v, tc.d, got, tc.want)
		}
	}
}

func TestNiceStep(t *testing.T) {
	for _, tc := range []struct{ raw, want float64 }{{4.25, 5}, {2.1, 2.5}, {0.7, 1}, {17, 20}, {300, 500}, {1, 1}, {0, 1}} {
		if got := niceStep(tc.raw); got != tc.want {
			t.Errorf("niceStep(%v) = %v, want %v", tc.raw, got, tc.want)
		}
	}
}

// english and spanish are the default theme's words.
var english, spanish = table("en"), table("es")

func table(lang string) Words {
	var diags diag.List
	t, err := i18n.Load(i18n.Source{FS: themes.Default()}, i18n.Source{}, lang, nil, diag.Diagnostic{}, &diags)
	if err != nil || diags.Len() > 0 {
		panic(fmt.Sprint(err, diags.Items()))
	}
	return t
}

// TestSpanish checks a chart's words come from the table: its summary,
// its dates and its labels, in Spanish.
func TestSpanish(t *testing.T) {
	target := 75.0
	s := Series{Name: "Lectura", Unit: "%", Target: &target, Points: []Point{{day("2025-09-15"), 61}, {day("2026-01-20"), 68}}}
	want := "Subió de 61% en septiembre de 2025 a 68% en enero de 2026; objetivo: 75%."
	if got := Summary(s, spanish); got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	svg := Draw(s, Full, spanish)
	for _, w := range []string{"Objetivo 75%", "septiembre de 2025", want} {
		if !strings.Contains(svg, w) {
			t.Errorf("the chart lacks %q:\n%s", w, svg)
		}
	}
	if got := FormatDate(day("2025-09-05"), spanish); got != "5 de septiembre de 2025" {
		t.Errorf("FormatDate = %q", got)
	}
}

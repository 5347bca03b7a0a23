// Package chart draws how a goal's leading indicator moves, as SVG made at
// build time: a page shows it with no script and prints it as it shows it.
//
// # What a chart shows
//
// Draw makes one of two sizes of chart from a Series (an indicator's
// measurements, unit, target and baseline):
//
//   - Full, for the goal's page (480×240 units, drawn as wide as the page
//     allows): the values as a solid line with a round
//     marker on each measurement, the latest labelled with its value; the
//     target as a dashed line labelled "Target" above its left end, the
//     baseline as a dotted one labelled "Baseline" below its right end; the
//     value axis with three to six round numbers, and the first
//     and last dates under the time axis. Dates are spaced by the time
//     between them.
//   - Spark, for lists: the line, a marker on the latest value and the
//     dashed target, in a small box with no text.
//
// # Readable by everyone
//
// Every mark is drawn in currentColor, so it takes the colour of the text
// around it: the stylesheet colours a chart's parts through classes
// (chart-values, chart-target, chart-baseline, chart-grid), and in forced
// colours (Windows high contrast) or on paper they fall back to the
// reader's text colour. Nothing depends on colour alone: values are a
// solid line with markers, the target a dashed line, the baseline a dotted
// one, and each line is labelled in words. The chart is an image
// (role="img") whose accessible name is the indicator's name and Summary,
// which states the numbers; pages put the same summary under the chart and
// every measurement in a table beside it.
//
// # Same bytes every time
//
// Coordinates are written with one decimal, from arithmetic whose every
// product is rounded on its own (an explicit float64 conversion stops the
// compiler fusing a multiply and an add, which some processors round
// differently), so a chart's bytes depend only on its series.
package chart

import (
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Point is a measurement: a value and the day it was measured.
type Point struct {
	Date  time.Time // a day, at midnight UTC
	Value float64
}

// Series is what a chart shows: an indicator's measurements, in any order,
// with its name, unit and, when it has them, target and baseline.
type Series struct {
	Name     string
	Unit     string // written after each value: "%", "students"
	Target   *float64
	Baseline *float64
	Points   []Point
}

// Size is the size of a chart.
type Size int

// The sizes of chart.
const (
	Full  Size = iota // 480×240, with labels, for a goal's page
	Spark             // 120×32, with no text, for lists
)

// Draw returns the SVG of s at size, with the accessible name s.Name and
// Summary(s, w), or "" when s has no points. w gives the words and dates
// of its labels, in the page's language.
func Draw(s Series, size Size, w Words) string {
	if len(s.Points) == 0 {
		return ""
	}
	pts := sorted(s.Points)
	var b strings.Builder
	if size == Spark {
		drawSpark(&b, s, pts, w)
	} else {
		drawFull(&b, s, pts, w)
	}
	return b.String()
}

// sorted returns the points by date, the order they are drawn in.
func sorted(points []Point) []Point {
	pts := slices.Clone(points)
	slices.SortStableFunc(pts, func(a, b Point) int { return a.Date.Compare(b.Date) })
	return pts
}

// frame is the area values are plotted in, and the ranges it shows.
type frame struct {
	left, right, top, bottom float64 // the plot area, in SVG units
	first, last              time.Time
	lo, hi                   float64 // the values at the bottom and top
}

// x is the horizontal position of a date: the plot's middle for a single
// date, else spaced by days.
func (f frame) x(d time.Time) float64 {
	span := f.last.Sub(f.first).Hours() / 24
	if span <= 0 {
		return float64(f.left+f.right) / 2
	}
	days := d.Sub(f.first).Hours() / 24
	return f.left + float64(float64(days/span)*(f.right-f.left))
}

// y is the vertical position of a value.
func (f frame) y(v float64) float64 {
	return f.bottom - float64(float64((v-f.lo)/(f.hi-f.lo))*(f.bottom-f.top))
}

// newFrame fits the points and the lines of refs (target, baseline) into
// the plot area. With ticks > 0 the value range widens to round numbers,
// ticks or so of them step apart, for an axis to label; with none it is
// the range of the values, for a chart with no axis.
func newFrame(pts []Point, refs []*float64, unit string, left, right, top, bottom float64, ticks int) (f frame, step float64) {
	f = frame{left: left, right: right, top: top, bottom: bottom, first: pts[0].Date, last: pts[len(pts)-1].Date}
	lo, hi := pts[0].Value, pts[0].Value
	for _, p := range pts {
		lo, hi = min(lo, p.Value), max(hi, p.Value)
	}
	for _, v := range refs {
		if v != nil {
			lo, hi = min(lo, *v), max(hi, *v)
		}
	}
	if lo == hi {
		pad := math.Max(math.Abs(lo)/10, 1)
		lo, hi = lo-pad, hi+pad
	}
	if ticks == 0 {
		f.lo, f.hi = lo, hi
		return f, 0
	}
	step = niceStep((hi - lo) / float64(ticks))
	f.lo, f.hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	if f.lo < 0 && lo >= 0 {
		f.lo = 0 // counts and shares never go below zero
	}
	if unit == "%" && f.hi > 100 && hi <= 100 {
		f.hi = 100
	}
	return f, step
}

// niceStep returns the round number (1, 2, 2.5 or 5 times a power of ten)
// nearest above raw.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsInf(raw, 0) || math.IsNaN(raw) {
		return 1
	}
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if float64(m*pow) >= raw*(1-1e-9) {
			return float64(m * pow)
		}
	}
	return 10 * pow
}

// decimals returns the decimals needed to write multiples of step.
func decimals(step float64) int {
	for d := 0; d < 6; d++ {
		scaled := float64(step * math.Pow(10, float64(d)))
		if math.Abs(scaled-math.Round(scaled)) < 1e-6 {
			return d
		}
	}
	return 6
}

// num writes a coordinate with at most one decimal.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// points writes the points attribute of a polyline through pts.
func (f frame) points(pts []Point) string {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(num(f.x(p.Date)) + "," + num(f.y(p.Value)))
	}
	return b.String()
}

// open writes the <svg> element's start: its class, size and name.
func open(b *strings.Builder, class string, w, h int, name string) {
	b.WriteString(`<svg class="` + class + `" viewBox="0 0 ` + strconv.Itoa(w) + " " + strconv.Itoa(h) +
		`" width="` + strconv.Itoa(w) + `" height="` + strconv.Itoa(h) + `" role="img" aria-label="` + html.EscapeString(name) + `">`)
}

// Full chart layout, in SVG units.
const (
	fullW, fullH = 480, 240
	plotLeft     = 56
	plotRight    = 456
	plotTop      = 24
	plotBottom   = 196
)

func drawFull(b *strings.Builder, s Series, pts []Point, w Words) {
	f, step := newFrame(pts, []*float64{s.Target, s.Baseline}, s.Unit, plotLeft, plotRight, plotTop, plotBottom, 4)
	open(b, "chart", fullW, fullH, accessibleName(s, w))

	// The value axis: a faint line and a label at each round number.
	b.WriteString(`<g class="chart-grid" font-size="15">`)
	d := decimals(step)
	for i := 0; ; i++ {
		v := f.lo + float64(float64(i)*step)
		if v > f.hi+step/1e6 {
			break
		}
		y := num(f.y(v))
		b.WriteString(`<line x1="` + num(plotLeft) + `" y1="` + y + `" x2="` + num(plotRight) + `" y2="` + y +
			`" stroke="currentColor" stroke-opacity="0.3"/>`)
		b.WriteString(`<text x="` + num(plotLeft-8) + `" y="` + y + `" dy="0.35em" text-anchor="end" fill="currentColor">` +
			html.EscapeString(tickText(v, d, s.Unit)) + `</text>`)
	}
	// The time axis: its line and the first and last dates.
	b.WriteString(`<line x1="` + num(plotLeft) + `" y1="` + num(plotBottom) + `" x2="` + num(plotRight) + `" y2="` + num(plotBottom) + `" stroke="currentColor"/>`)
	first, last := pts[0].Date, pts[len(pts)-1].Date
	withDay := first.Year() == last.Year() && first.Month() == last.Month()
	if first.Equal(last) {
		b.WriteString(dateLabel(f.x(first), "middle", first, withDay, w))
	} else {
		b.WriteString(dateLabel(f.x(first), "start", first, withDay, w))
		b.WriteString(dateLabel(f.x(last), "end", last, withDay, w))
	}
	b.WriteString(`</g>`)

	// The baseline, dotted, labelled under its right end, away from the
	// first values, which start near it; the target, dashed, labelled
	// above its left end, away from the latest values, which near it.
	if s.Baseline != nil {
		refLine(b, f, "chart-baseline", "2 5", *s.Baseline, w.T("chart.baseline", "value", FormatValue(*s.Baseline, s.Unit)), false)
	}
	if s.Target != nil {
		refLine(b, f, "chart-target", "10 6", *s.Target, w.T("chart.target", "value", FormatValue(*s.Target, s.Unit)), true)
	}

	// The values: a solid line, a marker on each, the latest labelled.
	b.WriteString(`<g class="chart-values">`)
	if len(pts) > 1 {
		b.WriteString(`<polyline points="` + f.points(pts) + `" fill="none" stroke="currentColor" stroke-width="3" stroke-linejoin="round" stroke-linecap="round"/>`)
	}
	for _, p := range pts {
		b.WriteString(`<circle cx="` + num(f.x(p.Date)) + `" cy="` + num(f.y(p.Value)) + `" r="5" fill="currentColor"/>`)
	}
	lp := pts[len(pts)-1]
	anchor := "end"
	if len(pts) == 1 {
		anchor = "middle"
	}
	b.WriteString(`<text x="` + num(f.x(lp.Date)) + `" y="` + num(f.y(lp.Value)-12) + `" text-anchor="` + anchor +
		`" font-size="17" font-weight="700" fill="currentColor">` + html.EscapeString(FormatValue(lp.Value, s.Unit)) + `</text>`)
	b.WriteString(`</g></svg>`)
}

// refLine draws a horizontal reference line at v, labelled above its left
// end or below its right end.
func refLine(b *strings.Builder, f frame, class, dashes string, v float64, label string, aboveLeft bool) {
	y := f.y(v)
	b.WriteString(`<g class="` + class + `"><line x1="` + num(f.left) + `" y1="` + num(y) + `" x2="` + num(f.right) + `" y2="` + num(y) +
		`" stroke="currentColor" stroke-width="2" stroke-dasharray="` + dashes + `"/>`)
	x, ty, anchor := f.left+6, y-7, "start"
	if !aboveLeft {
		x, ty, anchor = f.right-6, y+18, "end"
	}
	b.WriteString(`<text x="` + num(x) + `" y="` + num(ty) + `" text-anchor="` + anchor + `" font-size="15" fill="currentColor">` +
		html.EscapeString(label) + `</text></g>`)
}

// dateLabel is a date under the time axis at x.
func dateLabel(x float64, anchor string, d time.Time, withDay bool, w Words) string {
	return `<text x="` + num(x) + `" y="` + num(plotBottom+26) + `" text-anchor="` + anchor + `" fill="currentColor">` +
		html.EscapeString(dateText(d, withDay, w)) + `</text>`
}

// Spark layout, in SVG units.
const (
	sparkW, sparkH = 120, 32
	sparkPad       = 4
)

func drawSpark(b *strings.Builder, s Series, pts []Point, w Words) {
	f, _ := newFrame(pts, []*float64{s.Target}, s.Unit, sparkPad, sparkW-sparkPad, sparkPad, sparkH-sparkPad, 0)
	open(b, "chart chart-spark", sparkW, sparkH, accessibleName(s, w))
	if s.Target != nil {
		y := num(f.y(*s.Target))
		b.WriteString(`<g class="chart-target"><line x1="0" y1="` + y + `" x2="` + num(sparkW) + `" y2="` + y +
			`" stroke="currentColor" stroke-width="1.5" stroke-dasharray="4 3"/></g>`)
	}
	b.WriteString(`<g class="chart-values">`)
	if len(pts) > 1 {
		b.WriteString(`<polyline points="` + f.points(pts) + `" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>`)
	}
	lp := pts[len(pts)-1]
	b.WriteString(`<circle cx="` + num(f.x(lp.Date)) + `" cy="` + num(f.y(lp.Value)) + `" r="3" fill="currentColor"/></g></svg>`)
}

// accessibleName is a chart's name for screen readers: the indicator's
// name and what the chart shows, numbers included.
func accessibleName(s Series, w Words) string {
	if s.Name == "" {
		return Summary(s, w)
	}
	return strings.TrimSuffix(s.Name, ".") + ". " + Summary(s, w)
}

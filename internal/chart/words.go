package chart

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The words of a chart: the summary a screen reader hears and every page
// shows under the chart, the labels on it, and how it writes numbers and
// dates. Its sentences and dates come from the site's translation table
// (package i18n, the chart.* keys); its numbers are written as in the
// United States in every language, a point before decimals and a comma
// between thousands, as US schools write them in English and Spanish.

// Words are the words and dates a chart is written in: the site's
// translation table (an *i18n.Table).
type Words interface {
	// T returns the text of a key with its arguments, name and value.
	T(key string, args ...any) string
	// Date writes a day, YYYY-MM-DD: "September 15, 2025".
	Date(d string) string
	// MonthYear writes a day's month: "September 2025".
	MonthYear(d string) string
}

// Summary says in words what s shows: how the value moved from its first
// measurement to its latest, with their dates, and the target. For
// example "Up from 61% in September 2025 to 68% in January 2026; target
// 75%." It is "" when s has no points.
func Summary(s Series, w Words) string {
	if len(s.Points) == 0 {
		return ""
	}
	pts := sorted(s.Points)
	first, last := pts[0], pts[len(pts)-1]
	withDay := first.Date.Year() == last.Date.Year() && first.Date.Month() == last.Date.Month() && len(pts) > 1
	from := ""
	if len(pts) > 1 {
		from = dateText(first.Date, withDay, w)
	}
	trend := 0
	switch {
	case last.Value > first.Value:
		trend = 1
	case last.Value < first.Value:
		trend = -1
	}
	target, reached := "", false
	if s.Target != nil {
		target = FormatValue(*s.Target, s.Unit)
		start := first.Value
		if s.Baseline != nil {
			start = *s.Baseline
		}
		t := *s.Target
		reached = (start < t && last.Value >= t) || (start > t && last.Value <= t)
	}
	key := "chart.latest"
	switch {
	case from == "":
	case trend > 0:
		key = "chart.up"
	case trend < 0:
		key = "chart.down"
	default:
		key = "chart.unchanged"
	}
	to := dateText(last.Date, withDay, w)
	said := w.T(key, "first", FormatValue(first.Value, s.Unit), "from", from, "value", FormatValue(last.Value, s.Unit), "when", to)
	switch {
	case target == "":
		return w.T("chart.summary", "summary", said)
	case reached:
		return w.T("chart.summary-target-reached", "summary", said, "target", target)
	}
	return w.T("chart.summary-target", "summary", said, "target", target)
}

// Latest says what s measured last and when: "68% in January 2026". It
// is "" when s has no points.
func Latest(s Series, w Words) string {
	if len(s.Points) == 0 {
		return ""
	}
	pts := sorted(s.Points)
	last := pts[len(pts)-1]
	return w.T("chart.latest", "value", FormatValue(last.Value, s.Unit), "when", dateText(last.Date, false, w))
}

// FormatValue writes a value with its unit: "61%", "1,200 students", "2.5
// days".
func FormatValue(v float64, unit string) string {
	return withUnit(numberText(v, -1), unit)
}

// FormatDate writes a day: "September 15, 2025".
func FormatDate(d time.Time, w Words) string { return dateText(d, true, w) }

// tickText writes a value on the value axis, with decimals decimals: with
// its unit when the unit is a sign ("60%"), the number alone when it is a
// word, which the axis has no room for.
func tickText(v float64, decimals int, unit string) string {
	n := numberText(v, decimals)
	if unit == "%" {
		return withUnit(n, unit)
	}
	return n
}

func withUnit(n, unit string) string {
	switch {
	case unit == "":
		return n
	case unit == "%":
		return n + unit
	}
	return n + " " + unit
}

// dateText writes a day in the words w: the month and year, "September
// 2025", or with the day too, "September 15, 2025". It is the one place a
// chart's dates are written.
func dateText(d time.Time, withDay bool, w Words) string {
	if withDay {
		return w.Date(d.Format(time.DateOnly))
	}
	return w.MonthYear(d.Format(time.DateOnly))
}

// numberText writes v with a comma between thousands ("1,200") and a point
// before decimals. decimals is the number of decimals to write, or -1 for
// as many as v needs. It is the one place a chart's numbers are written.
func numberText(v float64, decimals int) string {
	if decimals >= 0 {
		v = math.Round(v*math.Pow(10, float64(decimals))) / math.Pow(10, float64(decimals))
	}
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) > 3 {
		var b strings.Builder
		for i, c := range intPart {
			if i > 0 && (len(intPart)-i)%3 == 0 {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		intPart = b.String()
	}
	out := intPart
	if hasFrac {
		out += "." + frac
	}
	if v < 0 {
		out = "−" + out // the minus sign, not a hyphen
	}
	return out
}

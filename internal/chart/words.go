package chart

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The words of a chart: the summary a screen reader hears and every page
// shows under the chart, the labels on it, and how it writes numbers and
// dates. They are English for every language for now; a translation adds
// its language in words, dateText and numberText, the only three places
// that hold words or formats.

// vocabulary is a language's words for a chart.
type vocabulary struct {
	target, baseline string // labels of the reference lines
	// summary says what a series shows, given its first and last values
	// and dates written out (from and to are "" for a single point), and
	// the target written out and whether it is reached ("" for none).
	summary func(trend int, first, from, last, to, target string, reached bool) string
	// latest says a value was measured at a time: "68% in January 2026".
	latest func(value, when string) string
}

// words returns the vocabulary of the language lang, a BCP 47 tag.
func words(lang string) vocabulary {
	return english
}

var english = vocabulary{
	target:   "Target",
	baseline: "Baseline",
	summary: func(trend int, first, from, last, to, target string, reached bool) string {
		var s string
		switch {
		case from == "":
			s = englishLatest(last, to)
		case trend > 0:
			s = "Up from " + first + " in " + from + " to " + last + " in " + to
		case trend < 0:
			s = "Down from " + first + " in " + from + " to " + last + " in " + to
		default:
			s = "Unchanged at " + last + " from " + from + " to " + to
		}
		if target != "" {
			s += "; target " + target
			if reached {
				s += ", reached"
			}
		}
		return s + "."
	},
	latest: englishLatest,
}

func englishLatest(value, when string) string { return value + " in " + when }

// Summary says in words, for the language lang, what s shows: how the
// value moved from its first measurement to its latest, with their dates,
// and the target. For example "Up from 61% in September 2025 to 68% in
// January 2026; target 75%." It is "" when s has no points.
func Summary(s Series, lang string) string {
	if len(s.Points) == 0 {
		return ""
	}
	pts := sorted(s.Points)
	first, last := pts[0], pts[len(pts)-1]
	withDay := first.Date.Year() == last.Date.Year() && first.Date.Month() == last.Date.Month() && len(pts) > 1
	from := ""
	if len(pts) > 1 {
		from = dateText(first.Date, withDay, lang)
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
		target = FormatValue(*s.Target, s.Unit, lang)
		start := first.Value
		if s.Baseline != nil {
			start = *s.Baseline
		}
		t := *s.Target
		reached = (start < t && last.Value >= t) || (start > t && last.Value <= t)
	}
	return words(lang).summary(trend, FormatValue(first.Value, s.Unit, lang), from,
		FormatValue(last.Value, s.Unit, lang), dateText(last.Date, withDay, lang), target, reached)
}

// Latest says, for the language lang, what s measured last and when:
// "68% in January 2026". It is "" when s has no points.
func Latest(s Series, lang string) string {
	if len(s.Points) == 0 {
		return ""
	}
	pts := sorted(s.Points)
	last := pts[len(pts)-1]
	return words(lang).latest(FormatValue(last.Value, s.Unit, lang), dateText(last.Date, false, lang))
}

// FormatValue writes a value with its unit for the language lang: "61%",
// "1,200 students", "2.5 days".
func FormatValue(v float64, unit, lang string) string {
	return withUnit(numberText(v, -1, lang), unit)
}

// FormatDate writes a day for the language lang: "September 15, 2025".
func FormatDate(d time.Time, lang string) string { return dateText(d, true, lang) }

// tickText writes a value on the value axis, with decimals decimals: with
// its unit when the unit is a sign ("60%"), the number alone when it is a
// word, which the axis has no room for.
func tickText(v float64, decimals int, unit, lang string) string {
	n := numberText(v, decimals, lang)
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

// dateText writes a day as readers of lang say it: the month and year,
// "September 2025", or with the day too, "September 15, 2025". It is the
// one place a chart's dates are written.
func dateText(d time.Time, withDay bool, lang string) string {
	if withDay {
		return d.Format("January 2, 2006")
	}
	return d.Format("January 2006")
}

// numberText writes v as readers of lang write numbers: in English with a
// comma between thousands ("1,200") and a point
// before decimals. decimals is the number of decimals to write, or -1 for
// as many as v needs. It is the one place a chart's numbers are written.
func numberText(v float64, decimals int, lang string) string {
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

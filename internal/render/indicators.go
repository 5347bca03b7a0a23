package render

import (
	"html/template"
	"slices"
	"time"

	"github.com/playbook-edu/playbook/internal/chart"
	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/internal/view"
)

// A goal's leading indicators, as its page and the goals index show them:
// each indicator with measurements drawn at build time by package chart,
// with its summary in words and a table of its measurements.

// series returns what an indicator's chart shows: its measurements that
// have a date and a value (the loader has reported any other), by date.
func series(in *model.Indicator) chart.Series {
	s := chart.Series{Name: in.Name, Unit: in.Unit, Target: in.Target, Baseline: in.Baseline}
	for _, m := range in.Measurements {
		d, err := time.Parse(time.DateOnly, m.Date)
		if err != nil || m.Value == nil {
			continue
		}
		s.Points = append(s.Points, chart.Point{Date: d, Value: *m.Value})
	}
	slices.SortStableFunc(s.Points, func(a, b chart.Point) int { return a.Date.Compare(b.Date) })
	return s
}

// indicators returns the views of gl's indicators, for its page.
func (v *views) indicators(gl *model.Goal) []view.IndicatorView {
	w := v.w
	out := make([]view.IndicatorView, len(gl.Indicators))
	for i := range gl.Indicators {
		in := &gl.Indicators[i]
		s := series(in)
		iv := view.IndicatorView{N: i + 1, Name: in.Name, Unit: in.Unit,
			Chart: template.HTML(chart.Draw(s, chart.Full, w)), Summary: chart.Summary(s, w)}
		if in.Target != nil {
			iv.Target = chart.FormatValue(*in.Target, in.Unit)
		}
		if in.Baseline != nil {
			iv.Baseline = chart.FormatValue(*in.Baseline, in.Unit)
		}
		for _, p := range s.Points {
			iv.Rows = append(iv.Rows, view.MeasurementRow{Date: p.Date.Format(time.DateOnly),
				DateText: chart.FormatDate(p.Date, w), Value: chart.FormatValue(p.Value, in.Unit)})
		}
		out[i] = iv
	}
	return out
}

// goalCard returns gl as the goals index lists it, with a small trend for
// each indicator that has measurements.
func (v *views) goalCard(gl *model.Goal) view.GoalCard {
	w := v.w
	c := view.GoalCard{Link: v.link(gl)}
	for i := range gl.Indicators {
		s := series(&gl.Indicators[i])
		if len(s.Points) == 0 {
			continue
		}
		c.Trends = append(c.Trends, view.TrendView{Name: s.Name, Spark: template.HTML(chart.Draw(s, chart.Spark, w)),
			Latest: chart.Latest(s, w)})
	}
	return c
}

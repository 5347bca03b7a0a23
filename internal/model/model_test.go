package model

import (
	"slices"
	"testing"
)

func TestIndicators(t *testing.T) {
	v := 61.0
	g := &Goal{Indicators: []Indicator{{Name: "Running records"}, {Name: "On benchmark", Unit: "%",
		Measurements: []Measurement{{Date: "2025-09-15", Value: &v}}}}}
	if got := g.IndicatorNames(); !slices.Equal(got, []string{"Running records", "On benchmark"}) {
		t.Errorf("IndicatorNames() = %q", got)
	}
	if g.Indicators[0].Measured() || !g.Indicators[1].Measured() {
		t.Error("Measured() is wrong")
	}
	if got := (&Goal{}).IndicatorNames(); got == nil || len(got) != 0 {
		t.Errorf("a goal without indicators has names %#v, want an empty list (playbook.json writes [])", got)
	}
}

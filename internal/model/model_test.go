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

func TestReadingLevelFor(t *testing.T) {
	tests := []struct {
		levels   ReadingLevel
		audience string
		want     int
	}{
		{ReadingLevel{}, "", DefaultEveryoneLevel},
		{ReadingLevel{}, "everyone", DefaultEveryoneLevel},
		{ReadingLevel{}, AudienceStudents, DefaultStudentsLevel},
		{ReadingLevel{Students: 4, Everyone: 10}, AudienceStudents, 4},
		{ReadingLevel{Students: 4, Everyone: 10}, "", 10},
		{ReadingLevel{Everyone: 10}, AudienceStudents, DefaultStudentsLevel},
	}
	for _, tt := range tests {
		t.Run(tt.audience, func(t *testing.T) {
			if got := tt.levels.For(tt.audience); got != tt.want {
				t.Errorf("%+v.For(%q) = %d, want %d", tt.levels, tt.audience, got, tt.want)
			}
		})
	}
}

func TestChecklistLevels(t *testing.T) {
	for scale, want := range map[string]bool{"": false, ScaleTicks: false, ScaleLevels: true} {
		if got := (&Checklist{Scale: scale}).Levels(); got != want {
			t.Errorf("scale %q: Levels() = %v, want %v", scale, got, want)
		}
	}
}

package model

import "testing"

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

package load

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/model"
)

// goalsWith returns a playbook whose only goal has the indicators written
// in indicators (YAML lines, indented as the goal's keys are), and the
// other files given.
func goalsWith(indicators string, files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"playbook.yaml":   {Data: []byte("title: T\ndistrict: D\n")},
		"data/goals.yaml": {Data: []byte("- id: reading\n  title: Reading\n  status: active\n  indicators:\n" + indicators)},
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func loadGoals(t *testing.T, fsys fstest.MapFS, cache *Cache) (*model.Goal, []diag.Diagnostic) {
	t.Helper()
	var diags diag.List
	pb, err := Load(context.Background(), fsys, Options{Cache: cache}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	if len(pb.Goals) != 1 {
		t.Fatalf("%d goals", len(pb.Goals))
	}
	return pb.Goals[0], diags.Items()
}

// TestIndicators checks an indicator may be a line of text or a record,
// with its measurements listed or in a CSV file, each value keeping its
// position.
func TestIndicators(t *testing.T) {
	gl, ds := loadGoals(t, goalsWith(`    - Running records
    - name: Reading minutes
      unit: minutes
      target: 150
      baseline: 0
      measurements:
        - {date: 2025-09-08, value: 95}
        - date: 2025-10-06
          value: 110.5
    - name: On benchmark
      unit: "%"
      csv: goals/benchmark.csv
`, map[string]string{"data/goals/benchmark.csv": "\uFEFFdate,value\r\n2025-09-15,61\r\n\r\n2026-01-20, 68 \r\n"}), nil)
	if len(ds) != 0 {
		t.Fatalf("diagnostics: %v", ds)
	}
	if got := strings.Join(gl.IndicatorNames(), "|"); got != "Running records|Reading minutes|On benchmark" {
		t.Errorf("names %q", got)
	}
	plain, listed, csv := gl.Indicators[0], gl.Indicators[1], gl.Indicators[2]
	if plain.Measured() || plain.Pos != (model.Pos{File: "data/goals.yaml", Line: 5, Col: 7}) {
		t.Errorf("the line of text is %+v", plain)
	}
	if listed.Unit != "minutes" || listed.Target == nil || *listed.Target != 150 || listed.Baseline == nil || *listed.Baseline != 0 {
		t.Errorf("the record is %+v", listed)
	}
	if csv.Target != nil || csv.Baseline != nil {
		t.Error("a target or baseline left out is not nil")
	}
	for _, tc := range []struct {
		in         model.Indicator
		i          int
		date       string
		value      float64
		datePos    model.Pos
		valuePos   model.Pos
		recordLine int
	}{
		{listed, 0, "2025-09-08", 95, model.Pos{File: "data/goals.yaml", Line: 11, Col: 18}, model.Pos{File: "data/goals.yaml", Line: 11, Col: 37}, 11},
		{listed, 1, "2025-10-06", 110.5, model.Pos{File: "data/goals.yaml", Line: 12, Col: 17}, model.Pos{File: "data/goals.yaml", Line: 13, Col: 18}, 12},
		{csv, 0, "2025-09-15", 61, model.Pos{File: "data/goals/benchmark.csv", Line: 2, Col: 1}, model.Pos{File: "data/goals/benchmark.csv", Line: 2, Col: 12}, 2},
		{csv, 1, "2026-01-20", 68, model.Pos{File: "data/goals/benchmark.csv", Line: 4, Col: 1}, model.Pos{File: "data/goals/benchmark.csv", Line: 4, Col: 12}, 4},
	} {
		if tc.i >= len(tc.in.Measurements) {
			t.Errorf("%s has %d measurements", tc.in.Name, len(tc.in.Measurements))
			continue
		}
		m := tc.in.Measurements[tc.i]
		if m.Date != tc.date || m.Value == nil || *m.Value != tc.value {
			t.Errorf("%s measurement %d: %s %v", tc.in.Name, tc.i, m.Date, m.Value)
		}
		if m.Where["date"] != tc.datePos || m.Where["value"] != tc.valuePos || m.Pos.Line != tc.recordLine {
			t.Errorf("%s measurement %d at %v, date at %v, value at %v; want line %d, %v, %v",
				tc.in.Name, tc.i, m.Pos, m.Where["date"], m.Where["value"], tc.recordLine, tc.datePos, tc.valuePos)
		}
	}
}

// TestMeasurementDiagnostics checks every mistake in an indicator or its
// measurements is reported at its file, line and column, with a hint.
func TestMeasurementDiagnostics(t *testing.T) {
	record := "    - name: Minutes\n      unit: minutes\n"
	csvIndicator := record + "      csv: goals/m.csv\n"
	for _, tc := range []struct {
		name       string
		indicators string
		csv        string // data/goals/m.csv, when not ""
		want       []string
	}{
		{"a date that is not a date", record + "      measurements:\n        - {date: 2025-13-01, value: 3}\n", "",
			[]string{`data/goals.yaml:8:18: error: "2025-13-01" is not a date`}},
		{"a value with its unit", record + "      measurements:\n        - {date: 2025-10-01, value: 61%}\n", "",
			[]string{`data/goals.yaml:8:37: error: "value" should be a number, not "61%"`}},
		{"a value with a thousands separator", record + "      measurements:\n        - date: 2025-10-01\n          value: \"1,200\"\n", "",
			[]string{`data/goals.yaml:9:18: error: "value" should be a number, not "1,200"`}},
		{"a target in words", record + "      target: about 75\n", "",
			[]string{`data/goals.yaml:7:15: error: "target" should be a number, not "about 75"`}},
		{"a measurement without its value", record + "      measurements:\n        - date: 2025-10-01\n", "",
			[]string{`data/goals.yaml:8:11: error: an entry of "measurements" is missing required key "value"`}},
		{"a date measured twice", record + "      measurements:\n        - {date: 2025-10-01, value: 1}\n        - {date: 2025-10-01, value: 2}\n", "",
			[]string{`data/goals.yaml:9:18: error: 2025-10-01 is measured twice for indicator "Minutes", here and on line 8`}},
		{"an empty indicator", "    -\n", "",
			[]string{`data/goals.yaml:5:6: error: an entry of "indicators" is empty`}},
		{"an indicator written as a list", "    - [a, b]\n", "",
			[]string{`data/goals.yaml:5:7: error: an entry of "indicators" should be a single value or a set of keys and values, not a list`}},
		{"an indicator without a name", "    - unit: \"%\"\n", "",
			[]string{`data/goals.yaml:5:7: error: an entry of "indicators" is missing required key "name"`}},
		{"both measurements and a CSV file", csvIndicator + "      measurements:\n        - {date: 2025-10-01, value: 1}\n", "date,value\n",
			[]string{`data/goals.yaml:9:9: error: indicator "Minutes" has both measurements and a CSV file`}},
		{"a missing CSV file", csvIndicator, "",
			[]string{`data/goals.yaml:7:12: error: there is no CSV file data/goals/m.csv`}},
		{"a CSV file outside the playbook", record + "      csv: ../../m.csv\n", "",
			[]string{`data/goals.yaml:7:12: error: CSV file "../../m.csv" is outside the playbook's folder`}},
		{"a CSV date that is not a date", csvIndicator, "date,value\n2025-09-15,1\n15/09/2025,2\n",
			[]string{`data/goals/m.csv:3:1: error: "15/09/2025" is not a date`}},
		{"a CSV value that is not a number, counted in characters", csvIndicator, "date,value\n\"2025年09-15\",n/a\n",
			[]string{`data/goals/m.csv:2:1: error: "2025年09-15" is not a date`, `data/goals/m.csv:2:14: error: the value "n/a" is not a number`}},
		{"a CSV line with three values", csvIndicator, "date,value\n2025-09-15,1,200\n",
			[]string{`data/goals/m.csv:2:14: error: line 2 has 3 values; a measurement is a date and a value`}},
		{"a CSV line with one value", csvIndicator, "date,value\n2025-09-15,1\n2025-10-15\n",
			[]string{`data/goals/m.csv:3:1: error: line 3 has 1 values; a measurement is a date and a value`}},
		{"a CSV date measured twice", csvIndicator, "date,value\n2025-09-15,1\n2025-10-15,2\n2025-09-15,3\n",
			[]string{`data/goals/m.csv:4:1: error: 2025-09-15 is measured twice for indicator "Minutes", here and on line 2`}},
		{"a CSV file without its header", csvIndicator, "2025-09-15,1\n",
			[]string{`data/goals/m.csv:1:1: error: the first line of a file of measurements names its columns "date,value", not "2025-09-15,1"`}},
		{"an empty CSV file", csvIndicator, "\n",
			[]string{`data/goals/m.csv:1:1: error: the file of measurements is empty`}},
		{"a CSV quote left open", csvIndicator, "date,value\n2025-09-15,\"1\n",
			[]string{`data/goals/m.csv:2:14: error: the CSV does not parse: extraneous or missing " in quoted-field`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{}
			if tc.csv != "" {
				files["data/goals/m.csv"] = tc.csv
			}
			_, ds := loadGoals(t, goalsWith(tc.indicators, files), nil)
			var got []string
			for _, d := range ds {
				got = append(got, d.String())
				if d.Hint == "" {
					t.Errorf("%s has no hint", d)
				}
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "))
			}
		})
	}
}

// TestMeasurementLimit checks an indicator may not have more than
// model.MaxMeasurements.
func TestMeasurementLimit(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("date,value\n")
	day := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range model.MaxMeasurements + 1 {
		csv.WriteString(day.AddDate(0, 0, i).Format(time.DateOnly) + ",1\n")
	}
	_, ds := loadGoals(t, goalsWith("    - name: Daily\n      csv: d.csv\n", map[string]string{"data/d.csv": csv.String()}), nil)
	want := `data/d.csv:1002:1: error: indicator "Daily" has 1001 measurements; it may have at most 1000`
	if len(ds) != 1 || ds[0].String() != want {
		t.Errorf("got %v, want %s", ds, want)
	}
}

// TestCSVChangeReloads checks that with a Cache, an edit to a CSV file of
// measurements is seen although data/goals.yaml did not change, and that
// a CSV file created after it was reported missing is read.
func TestCSVChangeReloads(t *testing.T) {
	fsys := goalsWith("    - name: Minutes\n      csv: m.csv\n", nil)
	cache := &Cache{}
	if _, ds := loadGoals(t, fsys, cache); len(ds) != 1 || !strings.Contains(ds[0].Message, "there is no CSV file") {
		t.Fatalf("without the file: %v", ds)
	}
	fsys["data/m.csv"] = &fstest.MapFile{Data: []byte("date,value\n2025-09-15,1\n"), ModTime: time.Unix(1, 0)}
	gl, ds := loadGoals(t, fsys, cache)
	if len(ds) != 0 || len(gl.Indicators[0].Measurements) != 1 {
		t.Fatalf("once the file exists: %v, %v", ds, gl.Indicators[0].Measurements)
	}
	fsys["data/m.csv"] = &fstest.MapFile{Data: []byte("date,value\n2025-09-15,1\n2025-10-15,2\n"), ModTime: time.Unix(2, 0)}
	if gl, _ := loadGoals(t, fsys, cache); len(gl.Indicators[0].Measurements) != 2 {
		t.Errorf("after an edit of the CSV file, %d measurements", len(gl.Indicators[0].Measurements))
	}
	if gl2, _ := loadGoals(t, fsys, cache); gl2 != gl && cache.Read != 0 {
		// Unchanged, the goals come from the cache.
		t.Errorf("nothing changed, yet %d files were read again", cache.Read)
	}
}

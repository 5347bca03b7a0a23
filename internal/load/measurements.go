package load

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/model"
)

// A goal's indicator may list its measurements in data/goals.yaml or name
// a CSV file that holds them, relative to the data folder:
//
//	indicators:
//	  - name: Share of K-3 students at or above benchmark
//	    unit: "%"
//	    target: 75
//	    csv: goals/early-literacy-benchmark.csv
//
// The file's first line names its two columns, "date,value"; each line
// after it is one measurement, "2025-09-15,61". Blank lines are skipped.
// Every problem is reported at its line and column of the file it is in:
// a date that is not a date, a value that is not a number, a line with
// other than two values, a date measured twice, a file that is missing.

// measurements reads the CSV files gl's indicators name and checks every
// indicator's measurements.
func (l *loader) measurements(gl *model.Goal) {
	for i := range gl.Indicators {
		in := &gl.Indicators[i]
		if in.CSV != "" {
			at := in.Where["csv"]
			if len(in.Measurements) > 0 {
				p := in.Where["measurements"]
				l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
					Message: fmt.Sprintf("indicator %q has both measurements and a CSV file", in.Name),
					Hint:    "keep the measurements in one place: remove the list, or remove the csv line"})
			} else {
				in.Measurements = l.readCSV(gl.Pos.File, in.CSV, at)
			}
		}
		l.checkMeasurements(in)
	}
}

// checkMeasurements reports a date measured twice and an indicator with
// more than model.MaxMeasurements.
func (l *loader) checkMeasurements(in *model.Indicator) {
	if len(in.Measurements) > model.MaxMeasurements {
		p := in.Measurements[model.MaxMeasurements].Pos
		l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
			Message: fmt.Sprintf("indicator %q has %d measurements; it may have at most %d", in.Name, len(in.Measurements), model.MaxMeasurements),
			Hint:    "chart a value a week or a month, not every day"})
	}
	first := map[string]model.Pos{}
	for _, m := range in.Measurements {
		if m.Date == "" {
			continue
		}
		p := m.Where["date"]
		if was, ok := first[m.Date]; ok {
			l.diags.Add(diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("%s is measured twice for indicator %q, here and on line %d", m.Date, in.Name, was.Line),
				Hint:    "keep one value for each date: remove one, or correct its date"})
			continue
		}
		first[m.Date] = p
	}
}

// readCSV reads the measurements of the CSV file name, relative to the
// folder of the data file that names it at position at.
func (l *loader) readCSV(dataFile, name string, at model.Pos) []model.Measurement {
	file := path.Join(path.Dir(dataFile), name)
	fail := func(msg, hint string) []model.Measurement {
		l.diags.Add(diag.Diagnostic{File: at.File, Line: at.Line, Col: at.Col, Severity: diag.Error, Message: msg, Hint: hint})
		return nil
	}
	if !fs.ValidPath(file) || strings.HasPrefix(name, "/") {
		return fail(fmt.Sprintf("CSV file %q is outside the playbook's folder", name),
			"name a file in the data folder, relative to it, for example goals/reading.csv")
	}
	info, err := fs.Stat(l.fsys, file)
	l.dependOn(file, info)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !info.Mode().IsRegular()) {
		return fail(fmt.Sprintf("there is no CSV file %s", file),
			"create it, with a first line \"date,value\", or correct the name: it is relative to the data folder")
	}
	src, ok, err := l.read(file) // a file the build refuses is reported at its own path
	if err != nil {
		return fail(fmt.Sprintf("cannot read the CSV file %s: %v", file, err), "")
	}
	if !ok {
		return nil
	}
	if src, ok = l.text(file, src); !ok {
		return nil
	}
	return l.parseCSV(file, src)
}

// parseCSV reads a file of measurements: a first line "date,value", then
// one measurement a line.
func (l *loader) parseCSV(file string, src []byte) []model.Measurement {
	lines := bytes.Split(src, []byte("\n"))
	// col converts encoding/csv's column, a count of bytes, to a count of
	// characters, as every position is.
	col := func(line, byteCol int) int {
		if line < 1 || line > len(lines) || byteCol < 1 {
			return byteCol
		}
		text := lines[line-1]
		return utf8.RuneCount(text[:min(byteCol-1, len(text))]) + 1
	}
	errorAt := func(line, byteCol int, hint, format string, args ...any) {
		l.diags.Add(diag.Diagnostic{File: file, Line: line, Col: col(line, byteCol), Severity: diag.Error,
			Message: fmt.Sprintf(format, args...), Hint: hint})
	}
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = -1 // counted below, to say which line is wrong and how
	var out []model.Measurement
	header := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			errorAt(pe.Line, pe.Column, `put a value that holds a quote or a comma in quotes, and double each quote inside: "say ""yes"""`,
				"the CSV does not parse: %v", pe.Err)
			return out
		}
		if err != nil {
			errorAt(1, 1, "", "cannot read the CSV: %v", err)
			return out
		}
		line, _ := r.FieldPos(0)
		pos := func(i int) model.Pos {
			ln, c := r.FieldPos(i)
			return model.Pos{File: file, Line: ln, Col: col(ln, c)}
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if header {
			header = false
			if len(rec) != 2 || !strings.EqualFold(rec[0], "date") || !strings.EqualFold(rec[1], "value") {
				errorAt(line, 1, "make the first line date,value, then write one measurement a line, for example 2025-09-15,61",
					"the first line of a file of measurements names its columns \"date,value\", not %q", strings.Join(rec, ","))
				if len(rec) < 1 || !isDate(rec[0]) {
					continue
				}
				// The header is missing: read the line as a measurement.
			} else {
				continue
			}
		}
		if len(rec) != 2 {
			at := 1
			if len(rec) > 2 {
				_, at = r.FieldPos(2)
			}
			errorAt(line, at, "write the date, a comma and the number, for example 2025-09-15,61; a number has no thousands separator (1200, not 1,200)",
				"line %d has %d values; a measurement is a date and a value", line, len(rec))
			continue
		}
		m := model.Measurement{Date: rec[0], Pos: model.Pos{File: file, Line: line, Col: 1},
			Where: map[string]model.Pos{"date": pos(0), "value": pos(1)}}
		if !isDate(m.Date) {
			p := m.Where["date"]
			l.diags.Add(diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("%q is not a date", m.Date), Hint: dateHint})
		}
		if v, err := number(rec[1]); err != nil {
			p := m.Where["value"]
			l.diags.Add(diag.Diagnostic{File: file, Line: p.Line, Col: p.Col, Severity: diag.Error,
				Message: fmt.Sprintf("the value %q is not a number", rec[1]), Hint: numberHint(rec[1])})
		} else {
			m.Value = &v
		}
		out = append(out, m)
	}
	if header {
		errorAt(1, 1, "make the first line date,value, then write one measurement a line, for example 2025-09-15,61",
			"the file of measurements is empty")
	}
	return out
}

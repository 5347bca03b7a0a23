package view

import (
	"math"
	"testing"
)

// TestHashTellsValuesApart checks that views which a template can tell
// apart hash apart, zero values above all: a hash that took false for
// true, 0 for 1 or a nil pointer for a pointer to an empty record would
// leave the dev server showing a page from before the edit.
func TestHashTellsValuesApart(t *testing.T) {
	type inner struct {
		N int
		S string
	}
	type view struct {
		B   bool
		I   int
		U   uint
		F   float64
		S   string
		P   *inner
		Any any
		L   []string
		M   map[string]int
		In  inner
	}
	tests := []struct {
		name string
		a, b view
	}{
		{"false and true", view{B: false}, view{B: true}},
		{"0 and 1", view{I: 0}, view{I: 1}},
		{"0 and -1", view{I: 0}, view{I: -1}},
		{"unsigned 0 and 1", view{U: 0}, view{U: 1}},
		{"0.0 and 0.5", view{F: 0}, view{F: 0.5}},
		{"0.0 and -0.0", view{F: 0}, view{F: math.Copysign(0, -1)}},
		{"empty and a space", view{S: ""}, view{S: " "}},
		{"nil and an empty record", view{P: nil}, view{P: &inner{}}},
		{"no value and a zero", view{Any: nil}, view{Any: 0}},
		{"zero and false", view{Any: 0}, view{Any: false}},
		{"no list and a list of one empty string", view{L: nil}, view{L: []string{""}}},
		{"a list of two and the same joined", view{L: []string{"a", "b"}}, view{L: []string{"ab"}}},
		{"no map and a map with a zero", view{M: nil}, view{M: map[string]int{"": 0}}},
		{"a field moved to the next", view{In: inner{N: 1}}, view{In: inner{S: "1"}}},
		{"a string across fields", view{S: "a", In: inner{S: "b"}}, view{S: "ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if Hash(tt.a) == Hash(tt.b) {
				t.Errorf("%+v and %+v hash alike", tt.a, tt.b)
			}
			if Hash(tt.a) != Hash(tt.a) {
				t.Errorf("%+v hashes differently twice", tt.a)
			}
		})
	}
}

// TestHashLeavesOutTaggedFields expects a field tagged hash:"-" to be
// left out, and the other fields of the same struct still counted.
func TestHashLeavesOutTaggedFields(t *testing.T) {
	type withTable struct {
		Table *map[string]int `hash:"-"`
		Text  string
	}
	a, b := map[string]int{"a": 1}, map[string]int{"b": 2}
	if Hash(withTable{Table: &a, Text: "x"}) != Hash(withTable{Table: &b, Text: "x"}) {
		t.Error("a field tagged hash:\"-\" changed the hash")
	}
	if Hash(withTable{Table: &a, Text: "x"}) == Hash(withTable{Table: &a, Text: "y"}) {
		t.Error("the field beside it did not change the hash")
	}
	site := &SiteView{Title: "One"}
	other := &SiteView{Title: "Two"}
	if HashPage(1, 2, &Page{Site: site, Title: "P"}) != HashPage(1, 2, &Page{Site: other, Title: "P"}) {
		t.Error("a page's Site, hashed once for all pages, changed its hash")
	}
	if HashPage(1, 2, &Page{Title: "P"}) == HashPage(1, 3, &Page{Title: "P"}) {
		t.Error("the site's hash did not change the page's")
	}
}

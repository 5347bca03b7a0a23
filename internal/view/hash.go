package view

import (
	"hash/maphash"
	"math"
	"reflect"
	"slices"
	"sync"
)

// hashSeed is the seed of every hash of views. Hashes are compared only
// within one process, so a random seed is right.
var hashSeed = maphash.MakeSeed()

// HashPage hashes everything a page shows: the hash of its template, the
// hash of the site-wide view (Hash of its Site, which the page's own hash
// leaves out: it is the same on every page) and its own view. Two pages
// with the same hash render the same bytes.
func HashPage(template, site uint64, p *Page) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	maphash.WriteComparable(&h, template)
	maphash.WriteComparable(&h, site)
	writeValue(&h, reflect.ValueOf(p).Elem())
	return h.Sum64()
}

// Hash hashes v and everything it points to.
func Hash(v any) uint64 {
	var h maphash.Hash
	h.SetSeed(hashSeed)
	writeValue(&h, reflect.ValueOf(v))
	return h.Sum64()
}

// Write feeds v and everything it points to to h, as Hash does.
func Write(h *maphash.Hash, v any) { writeValue(h, reflect.ValueOf(v)) }

// writeValue feeds v to h: strings by content, numbers and booleans by
// value (false and true apart, as every zero value from its others),
// slices and maps element by element (maps in key order), pointers and
// interfaces by what they hold, and interfaces by its type too. A
// struct's field tagged `hash:"-"` is left out: a page's Site, which is
// hashed once for all pages, and the lookup tables of /print/ that the
// rest of its view determines. Lengths and nil markers are written too, so
// that different shapes never hash alike by concatenation.
func writeValue(h *maphash.Hash, v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		h.WriteByte(0)
	case reflect.String:
		maphash.WriteComparable(h, v.Len())
		h.WriteString(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.WriteByte(1)
		} else {
			h.WriteByte(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		maphash.WriteComparable(h, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		maphash.WriteComparable(h, v.Uint())
	case reflect.Float32, reflect.Float64:
		maphash.WriteComparable(h, math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.WriteByte(0)
			return
		}
		h.WriteByte(1)
		if v.Kind() == reflect.Interface {
			// Values of different types never hash alike by their bytes:
			// an int 2 is not a false followed by other fields.
			maphash.WriteComparable(h, v.Elem().Type())
		}
		writeValue(h, v.Elem())
	case reflect.Struct:
		skip := skipped(v.Type())
		for i := range v.NumField() {
			if !slices.Contains(skip, i) {
				writeValue(h, v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		maphash.WriteComparable(h, v.Len())
		for i := range v.Len() {
			writeValue(h, v.Index(i))
		}
	case reflect.Map:
		maphash.WriteComparable(h, v.Len())
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			return compareKeys(a, b)
		})
		for _, k := range keys {
			writeValue(h, k)
			writeValue(h, v.MapIndex(k))
		}
	default:
		panic("view: cannot hash a " + v.Type().String()) // views hold none of these
	}
}

func compareKeys(a, b reflect.Value) int {
	if a.Kind() == reflect.String {
		switch x, y := a.String(), b.String(); {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	switch x, y := a.Int(), b.Int(); {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// skips holds, for each struct type hashed, the indexes of its fields
// tagged `hash:"-"`.
var skips sync.Map // reflect.Type → []int

func skipped(t reflect.Type) []int {
	if s, ok := skips.Load(t); ok {
		return s.([]int)
	}
	var s []int
	for i := range t.NumField() {
		if t.Field(i).Tag.Get("hash") == "-" {
			s = append(s, i)
		}
	}
	skips.Store(t, s)
	return s
}

package kind

import (
	"io/fs"
	"reflect"
	"testing"

	"github.com/playbook-edu/playbook/internal/model"
	"github.com/playbook-edu/playbook/themes"
)

// TestTable checks every entry against the model and the default theme: a
// kind added to the table without its type, its field or its templates
// fails here, not in a build.
func TestTable(t *testing.T) {
	names := map[string]bool{}
	sections := map[string]bool{}
	recordType := reflect.TypeFor[model.Record]()
	for _, k := range All {
		if names[k.Name] {
			t.Errorf("kind %q is in the table twice", k.Name)
		}
		names[k.Name] = true
		if (k.File == "") == (k.Folder == "") {
			t.Errorf("kind %q: exactly one of File and Folder must be set", k.Name)
		}
		typ := k.Type()
		if !reflect.PointerTo(typ).Implements(recordType) {
			t.Errorf("kind %q: *%s is not a model.Record", k.Name, typ.Name())
		}
		if _, ok := typ.FieldByName("Pos"); !ok {
			t.Errorf("kind %q: %s has no Pos", k.Name, typ.Name())
		}
		if k.Section != "" {
			if sections[k.Section] {
				t.Errorf("kind %q: section %q is taken", k.Name, k.Section)
			}
			sections[k.Section] = true
		}
		for _, tmpl := range []string{k.Index, map[bool]string{true: k.Name}[k.Page]} {
			if tmpl == "" {
				continue
			}
			if _, err := fs.Stat(themes.Default(), "layouts/"+tmpl+".html"); err != nil {
				t.Errorf("kind %q: the default theme has no layouts/%s.html", k.Name, tmpl)
			}
		}
		if k.Schema == "" || k.Noun == "" {
			t.Errorf("kind %q has no schema or noun", k.Name)
		}
	}
	// Every field of model.Playbook that holds records is a kind's.
	pb := reflect.TypeFor[model.Playbook]()
	for i := range pb.NumField() {
		f := pb.Field(i)
		if f.Type.Kind() != reflect.Slice || f.Type.Elem().Kind() != reflect.Pointer {
			continue
		}
		found := false
		for _, k := range All {
			found = found || k.Field == f.Name
		}
		if !found {
			t.Errorf("model.Playbook.%s holds records of no kind in the table", f.Name)
		}
	}
	// Every ref tag names a kind.
	for _, k := range All {
		checkRefs(t, k.Type(), names)
	}
}

func checkRefs(t *testing.T, typ reflect.Type, names map[string]bool) {
	t.Helper()
	for i := range typ.NumField() {
		f := typ.Field(i)
		if ref := f.Tag.Get("ref"); ref != "" && !names[ref] {
			t.Errorf("%s.%s refers to kind %q, which is not in the table", typ.Name(), f.Name, ref)
		}
		ft := f.Type
		for ft.Kind() == reflect.Slice || ft.Kind() == reflect.Pointer {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft.PkgPath() == typ.PkgPath() && ft != typ {
			checkRefs(t, ft, names)
		}
	}
}

// TestOf expects every kind's records to be found to be of that kind.
func TestOf(t *testing.T) {
	for _, k := range All {
		r, ok := reflect.New(k.Type()).Interface().(model.Record)
		if !ok {
			t.Fatalf("%s: *%s is not a model.Record", k.Name, k.Type())
		}
		if got, ok := Of(r); !ok || got.Name != k.Name {
			t.Errorf("Of(*%s) = %q, %v; want %q", k.Type(), got.Name, ok, k.Name)
		}
	}
}

package scaffold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/playbook-edu/playbook/internal/kind"
	"github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/schemas"
)

// generic writes the starting point of a record of a kind that has no
// starting point of its own (a kind added to the table later): its keys in
// the order of its type, each under its description from the kind's JSON
// Schema, the required ones filled in (the id, the title in the first
// text key, the placeholder load.Placeholders knows in the others) and the
// rest commented out.
func generic(k kind.Kind, r record) ([]byte, error) {
	data, err := fs.ReadFile(schemas.Files(), k.Schema)
	if err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", k.Name, err)
	}
	var sch struct {
		Items struct {
			Properties map[string]struct {
				Description string `json:"description"`
				Type        string `json:"type"`
			} `json:"properties"`
			Required []string `json:"required"`
		} `json:"items"`
	}
	if err := json.Unmarshal(data, &sch); err != nil {
		return nil, fmt.Errorf("scaffold %s: %w", k.Name, err)
	}
	required := map[string]bool{}
	for _, name := range sch.Items.Required {
		required[name] = true
	}
	var b bytes.Buffer
	first, titled := true, false
	t := k.Type()
	for i := range t.NumField() {
		name := t.Field(i).Tag.Get("yaml")
		if name == "" || name == "-" {
			continue
		}
		prop := sch.Items.Properties[name]
		indent := "  "
		if first {
			indent = "- "
			first = false
		}
		if prop.Description != "" && name != "id" {
			fmt.Fprintf(&b, "  # %s\n", prop.Description)
		}
		f := t.Field(i)
		switch {
		case name == "id":
			fmt.Fprintf(&b, "%sid: %s\n", indent, r.ID)
		case required[name] && f.Type.Kind() == reflect.String && !titled:
			fmt.Fprintf(&b, "%s%s: %s\n", indent, name, r.Title)
			titled = true
		case required[name] && f.Type.Kind() == reflect.String:
			fmt.Fprintf(&b, "%s%s: %s\n", indent, name, quote(load.GenericPlaceholder))
		case required[name]:
			fmt.Fprintf(&b, "%s%s: []\n", indent, name)
		default:
			fmt.Fprintf(&b, "  # %s: %s\n", name, emptyValue(f.Type))
		}
	}
	return []byte(strings.ReplaceAll(b.String(), "\n\n", "\n")), nil
}

// emptyValue is how an optional key of type t is shown, commented out.
func emptyValue(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Slice:
		return "[]"
	case reflect.Bool:
		return "false"
	case reflect.Int:
		return "0"
	}
	return "..."
}

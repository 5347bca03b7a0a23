// Package themes holds the default theme, embedded in the binary so that an
// installed playbook command builds any playbook without other files.
//
// A theme is a folder with two parts:
//
//	layouts/           html/template files, one per page kind, plus partials/
//	static/            files copied into the site as they are; those under
//	                   static/assets/ get a content hash in their names so
//	                   that hosts can cache them for a year
//
// A playbook names its own theme in playbook.yaml ("theme: riverside") and
// keeps it in themes/riverside/; each file there replaces the default
// theme's file of the same path, and every other file comes from the
// default.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed all:default
var embedded embed.FS

// Default returns the default theme's files.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "default")
	if err != nil {
		panic(err) // the embedded folder is fixed at compile time
	}
	return sub
}

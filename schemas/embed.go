// Package schemas holds the JSON Schemas of a playbook's files, generated
// from the content model by package internal/schema and embedded in the
// binary: the site publishes them at /schemas/ and `playbook init` writes
// them into a new playbook, where each data file's first line names its
// schema for editors' tools.
//
// Do not edit the .json files by hand: change the comments and tags in
// internal/model/model.go, then run `go test ./internal/schema -update`.
package schemas

import (
	"embed"
	"io/fs"
)

//go:embed *.schema.json
var files embed.FS

// Files returns the schema files, at the root of the returned FS.
func Files() fs.FS { return files }

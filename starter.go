// Package playbook is the default playbook: the content of an example
// district in playbook.yaml, data/ and content/, embedded in the binary
// with the schemas of its files and the files a district's own repository
// needs around them (starter/). `playbook init` writes a new playbook from
// it; see internal/scaffold.
//
// The engine lives under internal/ and the command under cmd/playbook.
package playbook

import (
	"embed"
	"io/fs"
)

//go:embed playbook.yaml data content schemas/*.schema.json
var content embed.FS

//go:embed all:starter
var around embed.FS

// Content returns the default playbook's own files: playbook.yaml, data/,
// content/ and schemas/.
func Content() fs.FS { return content }

// Around returns the files a district's repository holds around its
// playbook, at their paths in it: README.md, netlify.toml, .gitignore, the
// pull request workflow .github/workflows/playbook.yml, and
// .playbook-version, the one file that names the playbook version to run
// (the workflow, netlify.toml and the README's install command read it).
// Its text "{{version}}" stands for that version; no other file has it.
func Around() fs.FS {
	sub, err := fs.Sub(around, "starter")
	if err != nil {
		panic(err) // the embedded folder is fixed at compile time
	}
	return sub
}

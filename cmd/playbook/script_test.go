package main

import (
	"context"
	"flag"
	"os"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts in testdata/script run the playbook command as
// a program of its own, in the same test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"playbook": func() { os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the command-line scenarios in testdata/script/*.txtar:
// check in each format over a broken playbook, new for each kind, init,
// and the brand colour contrast rule.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{Dir: "testdata/script", UpdateScripts: *updateScripts})
}

var updateScripts = flag.Bool("update", false, "rewrite the files that cmp compares in testdata/script/*.txtar")

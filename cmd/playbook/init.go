package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/playbook-edu/playbook/internal/scaffold"
)

// builtVersion is the version of the playbook module this command was
// built from; a variable so that tests can be a release build.
var builtVersion = version

// runInit is `playbook init [-version vX.Y.Z] DIR`. The new playbook runs
// the version this command was built from, or the one -version names; a
// development build has no version to give it, and says so.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", stderr)
	release := fs.String("version", "", "the playbook `version` the new playbook runs, such as v1.4.0; default the version of this command")
	if err := parseAll(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: playbook init [-version vX.Y.Z] DIR")
		return errUsage
	}
	dir := fs.Arg(0)
	v := *release
	if v != "" && !scaffold.IsRelease(v) {
		fmt.Fprintf(stderr, "playbook init: -version %q is not a release of playbook\n    hint: name one as its tag is written, for example -version v1.4.0\n", v)
		return errUsage
	}
	if v == "" {
		v = builtVersion()
		if !scaffold.IsRelease(v) {
			fmt.Fprintf(stderr, "playbook init: this playbook command is a development build (version %s), so it cannot tell which version the new playbook should run\n"+
				"    hint: name a release of github.com/playbook-edu/playbook with -version, for example: playbook init -version vX.Y.Z %s\n", v, dir)
			return errUsage
		}
	}
	files, err := scaffold.Init(dir, v)
	if errors.Is(err, scaffold.ErrRefused) {
		fmt.Fprintf(stderr, "playbook init: %s\n", strings.TrimPrefix(err.Error(), scaffold.ErrRefused.Error()+": "))
		return errUsage
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a new playbook in %s (%d files), running playbook %s (see %s); next:\n  cd %s\n  playbook serve\n",
		dir, len(files), v, scaffold.VersionFile, dir)
	return nil
}

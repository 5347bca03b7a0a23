package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/playbook-edu/playbook/internal/scaffold"
)

// runInit is `playbook init DIR`.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("init", stderr)
	if err := parseAll(fs, args, 1); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: playbook init DIR")
		return errUsage
	}
	dir := fs.Arg(0)
	files, err := scaffold.Init(dir, version())
	if errors.Is(err, scaffold.ErrRefused) {
		fmt.Fprintf(stderr, "playbook init: %s\n", strings.TrimPrefix(err.Error(), scaffold.ErrRefused.Error()+": "))
		return errUsage
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a new playbook in %s (%d files); next:\n  cd %s\n  playbook serve\n", dir, len(files), dir)
	return nil
}

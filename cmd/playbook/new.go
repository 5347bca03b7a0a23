package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/playbook-edu/playbook/internal/scaffold"
)

// runNew is `playbook new KIND ID [-title TITLE] [-src DIR] [-role ROLE]`.
func runNew(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("new", stderr)
	src := fs.String("src", ".", "the playbook's `folder`")
	var opts scaffold.Options
	fs.StringVar(&opts.Title, "title", "", "the `title` (a role's name); default: the id in words")
	fs.StringVar(&opts.Role, "role", "", "for a guide: the `id` of the role it is for; default: the first role")
	if err := parseAll(fs, args, 2); err != nil {
		return err
	}
	if fs.NArg() != 2 {
		fmt.Fprintf(stderr, "usage: playbook new %s ID [-title \"...\"]\n", strings.Join(scaffold.Kinds(), "|"))
		return errUsage
	}
	opts.Kind, opts.ID = fs.Arg(0), fs.Arg(1)
	file, err := scaffold.New(ctx, *src, opts)
	if errors.Is(err, scaffold.ErrRefused) {
		fmt.Fprintf(stderr, "playbook new: %s\n", strings.TrimPrefix(err.Error(), scaffold.ErrRefused.Error()+": "))
		return errUsage
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s %q in %s: fill it in, then run playbook check\n", opts.Kind, opts.ID, file)
	return nil
}

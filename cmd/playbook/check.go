package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/check"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/source"
)

// runCheck is `playbook check [-src DIR] [-format text|github|json] [-strict]`.
// Diagnostics go to stdout, where GitHub Actions reads annotations; the
// summary goes to stderr.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("check", stderr)
	src := fs.String("src", ".", "the playbook's `folder`")
	format := fs.String("format", "text", "how to print problems: text, github (annotations on a pull request's lines) or json (one object per line)")
	var opts check.Options
	fs.BoolVar(&opts.Strict, "strict", false, "report warnings as errors")
	if err := parseAll(fs, args, 0); err != nil {
		return err
	}
	f := diag.Format(*format)
	if f != diag.Text && f != diag.GitHub && f != diag.JSON {
		fmt.Fprintf(stderr, "playbook check: -format is text, github or json, not %q\n", *format)
		return errUsage
	}
	if fi, err := os.Stat(*src); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "playbook check: %s is not a folder\n", *src)
		return errUsage
	}
	fsys, err := source.Open(*src)
	if err != nil {
		fmt.Fprintf(stderr, "playbook check: %v\n", err)
		return errUsage
	}
	defer fsys.Close()
	ds, err := check.Check(ctx, fsys, opts)
	if err != nil {
		return err
	}
	ds = showSource(*src, f, stdout, ds)
	if f == diag.GitHub {
		// GitHub places an annotation by its path from the repository's
		// root, which is not the playbook's when it lives in a subfolder.
		ds = underRepository(*src, ds)
	}
	if err := diag.Print(stdout, f, ds); err != nil {
		return err
	}
	errs, warns := check.Count(ds)
	switch {
	case errs > 0:
		fmt.Fprintf(stderr, "%d %s, %d %s\n", errs, plural(errs, "error", "errors"), warns, plural(warns, "warning", "warnings"))
		return errContent
	case warns > 0:
		fmt.Fprintf(stderr, "no errors, %d %s\n", warns, plural(warns, "warning", "warnings"))
	default:
		fmt.Fprintln(stderr, "no problems found")
	}
	return nil
}

// underRepository returns ds with each file's path made relative to the
// repository that holds the playbook at src: the nearest folder above it
// with a .git, or else the current folder.
func underRepository(src string, ds []diag.Diagnostic) []diag.Diagnostic {
	abs, err := filepath.Abs(src)
	if err != nil {
		return ds
	}
	root, err := os.Getwd()
	if err != nil {
		return ds
	}
	for dir := abs; ; dir = filepath.Dir(dir) {
		if _, err := os.Lstat(filepath.Join(dir, ".git")); err == nil {
			root = dir
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	prefix, err := filepath.Rel(root, abs)
	if err != nil || prefix == "." || strings.HasPrefix(prefix, "..") {
		return ds
	}
	out := slices.Clone(ds)
	for i := range out {
		if fs.ValidPath(out[i].File) { // not "default theme: …"
			out[i].File = path.Join(filepath.ToSlash(prefix), out[i].File)
		}
	}
	return out
}

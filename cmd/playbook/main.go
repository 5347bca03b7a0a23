// Command playbook builds a school district's leadership playbook into a
// static site.
//
// Usage:
//
//	playbook build [-src DIR] [-out DIR] [-base-url URL]
//	playbook serve [-src DIR] [-addr 127.0.0.1:1313]
//	playbook check [-src DIR] [-format text|github|json] [-strict]
//	playbook new   guide|story|role|goal|checklist|reflection ID [-title "..."]
//	playbook init  [-version vX.Y.Z] DIR
//	playbook version
//
// Exit status is 0 on success, 1 when the content has errors (all of them
// are printed, as file:line:col: error: message) and 2 for a usage error.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/route"
	"github.com/playbook-edu/playbook/internal/serve"
	"github.com/playbook-edu/playbook/internal/source"
	"github.com/playbook-edu/playbook/internal/write"
)

const usage = `Playbook builds a school district's leadership playbook into a static site.

Usage:
  playbook build [-src DIR] [-out DIR] [-base-url URL]   build the site (default: . into public)
  playbook serve [-src DIR] [-addr 127.0.0.1:1313]       preview the site, rebuilt and reloaded on every edit
  playbook check [-src DIR] [-format text|github|json] [-strict]
                                                          list every problem, write nothing
  playbook new KIND ID [-title "..."]                     start a guide, story, role, goal,
                                                          checklist or reflection form
  playbook init [-version vX.Y.Z] DIR                     create a new playbook in DIR
  playbook version                                        print the version

Run "playbook COMMAND -h" for a command's flags.
`

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// errUsage marks an error in how the command was called.
var errUsage = errors.New("usage")

// run runs one command and returns its exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		err = runBuild(ctx, rest, stdout, stderr)
	case "serve":
		err = runServe(ctx, rest, stdout, stderr)
	case "check":
		err = runCheck(ctx, rest, stdout, stderr)
	case "new":
		err = runNew(ctx, rest, stdout, stderr)
	case "init":
		err = runInit(ctx, rest, stdout, stderr)
	case "version":
		fmt.Fprintln(stdout, "playbook", version())
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "playbook: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage), errors.Is(err, flag.ErrHelp):
		return exitUsage
	case errors.Is(err, errContent):
		return exitContent
	default:
		fmt.Fprintf(stderr, "playbook: %v\n", err)
		return exitContent
	}
}

// errContent means the content had errors, already printed.
var errContent = errors.New("content errors")

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts build.Options
	fs.StringVar(&opts.Src, "src", ".", "the playbook's `folder`")
	fs.StringVar(&opts.Out, "out", "public", "the `folder` to write the site to; replaced whole when the build succeeds")
	fs.StringVar(&opts.BaseURL, "base-url", "", "the `URL` the site is published at, overriding playbook.yaml")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "playbook build: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if fi, err := os.Stat(opts.Src); err != nil || !fi.IsDir() {
		fmt.Fprintf(stderr, "playbook build: -src %s is not a folder\n", opts.Src)
		return errUsage
	}
	if opts.BaseURL != "" {
		u, err := route.CheckBaseURL(opts.BaseURL)
		if err != nil {
			fmt.Fprintf(stderr, "playbook build: -base-url %q cannot be the site's address: %v\n", opts.BaseURL, err)
			return errUsage
		}
		opts.BaseURL = u
	}
	if err := write.CheckOut(opts.Src, opts.Out); err != nil {
		fmt.Fprintf(stderr, "playbook build: %v\n", err)
		return errUsage
	}
	defer build.LimitMemory()()
	ds, err := build.Build(ctx, opts)
	if perr := diag.Print(stderr, diag.Text, showSource(opts.Src, diag.Text, stderr, ds)); perr != nil {
		return perr
	}
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "playbook build: stopped; %s is as it was\n", opts.Out)
		return errContent
	}
	if err != nil {
		return err
	}
	if errs := countErrors(ds); errs > 0 {
		fmt.Fprintf(stderr, "%d %s; nothing was written\n", errs, plural(errs, "error", "errors"))
		return errContent
	}
	fmt.Fprintf(stdout, "built %s\n", opts.Out)
	return nil
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := serve.Options{Log: stderr}
	fs.StringVar(&opts.Src, "src", ".", "the playbook's `folder`")
	fs.StringVar(&opts.Addr, "addr", "127.0.0.1:1313", "the `host:port` to listen on; the default keeps the playbook on this computer, while :1313 or a network address lets anyone on the network read it")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "playbook serve: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	s, err := serve.New(ctx, opts)
	if err != nil {
		// A missing folder or a taken address (the message names the flag
		// that picks another port): how the command was called.
		fmt.Fprintf(stderr, "playbook serve: %v\n", err)
		return errUsage
	}
	fmt.Fprintf(stdout, "Serving %s at %s (Ctrl-C to stop)\n", opts.Src, s.URL())
	return s.Run(ctx)
}

func countErrors(ds []diag.Diagnostic) int {
	n := 0
	for _, d := range ds {
		if d.Severity == diag.Error {
			n++
		}
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// version is the module version the binary was built from.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "(devel)"
}

// showSource returns ds with the line each one points at, for output to w
// in format f: always in JSON, and in text when w is a terminal, where a
// person reads the line with a caret under the column. GitHub annotations
// are shown on the pull request's own lines and stay as they are.
func showSource(src string, f diag.Format, w io.Writer, ds []diag.Diagnostic) []diag.Diagnostic {
	if f == diag.GitHub || (f == diag.Text && !isTerminal(w)) || len(ds) == 0 {
		return ds
	}
	fsys, err := source.Open(src)
	if err != nil {
		return ds
	}
	defer fsys.Close()
	return diag.WithSource(ds, func(file string) ([]byte, error) { return fsys.ReadFile(file) })
}

// isTerminal reports whether w is a terminal rather than a file or a pipe.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

package main

import (
	"flag"
	"fmt"
	"io"
)

// newFlagSet returns the flags of a command, printing their mistakes to
// stderr.
func newFlagSet(cmd string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(cmd, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseAll parses args, allowing up to n arguments before, between or after
// the flags (`playbook new guide x -title "X"`); fs.Args then holds the
// arguments. More than n is a usage error.
func parseAll(fs *flag.FlagSet, args []string, n int) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) > n {
		fmt.Fprintf(fs.Output(), "playbook %s: unexpected argument %q\n", fs.Name(), pos[n])
		return errUsage
	}
	return fs.Parse(append([]string{"--"}, pos...))
}

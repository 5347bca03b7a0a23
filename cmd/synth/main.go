// Command synth writes a synthetic playbook of N guides for benchmarks.
//
//	go run ./cmd/synth -n 10000 -out /tmp/playbook-10k
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/playbook-edu/playbook/internal/synth"
)

func main() {
	n := flag.Int("n", 1000, "number of guides")
	out := flag.String("out", "", "`folder` to write the playbook to; must not exist")
	flag.Parse()
	if *out == "" || *n < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "synth: %s already exists\n", *out)
		os.Exit(2)
	}
	if err := synth.Write(*out, *n); err != nil {
		fmt.Fprintf(os.Stderr, "synth: %v\n", err)
		os.Exit(1)
	}
}

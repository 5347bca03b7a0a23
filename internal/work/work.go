// Package work runs a list of tasks on every core.
package work

import (
	"runtime"
	"sync/atomic"

	"golang.org/x/sync/errgroup"
)

// Start starts one worker per core in g, each taking the next task of
// tasks, in order, until none is left or one of its tasks fails; g.Wait
// then returns the first error. Long-lived workers rather than a goroutine
// per task: a goroutine's stack grows by copying as a task recurses (a
// template, goldmark's parser), and would do so again for every one of
// 10,000 pages.
func Start(g *errgroup.Group, tasks []func() error) {
	var next atomic.Int64
	for range min(runtime.GOMAXPROCS(0), len(tasks)) {
		g.Go(func() error {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(tasks) {
					return nil
				}
				if err := tasks[i](); err != nil {
					return err
				}
			}
		})
	}
}

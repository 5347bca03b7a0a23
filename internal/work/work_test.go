package work

import (
	"errors"
	"sync"
	"testing"

	"golang.org/x/sync/errgroup"
)

func TestStartRunsEveryTask(t *testing.T) {
	var mu sync.Mutex
	done := map[int]int{}
	var tasks []func() error
	for i := range 1000 {
		tasks = append(tasks, func() error {
			mu.Lock()
			done[i]++
			mu.Unlock()
			return nil
		})
	}
	var g errgroup.Group
	Start(&g, tasks)
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	for i := range 1000 {
		if done[i] != 1 {
			t.Fatalf("task %d ran %d times", i, done[i])
		}
	}
}

func TestStartReturnsAnError(t *testing.T) {
	bad := errors.New("bad")
	tasks := []func() error{func() error { return nil }, func() error { return bad }, func() error { return nil }}
	var g errgroup.Group
	Start(&g, tasks)
	if err := g.Wait(); err != bad {
		t.Fatalf("Wait = %v, want %v", err, bad)
	}
	var empty errgroup.Group
	Start(&empty, nil)
	if err := empty.Wait(); err != nil {
		t.Fatal(err)
	}
}

package write

import (
	"maps"
	"slices"
	"sync"
)

// Memory is a site held in memory: what check measures and serve serves.
type Memory struct {
	mu    sync.Mutex
	files map[string][]byte
}

// NewMemory returns an empty in-memory site.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}} }

// WriteFile stores a copy of data as name. It is safe for concurrent use.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	m.files[name] = slices.Clone(data)
	m.mu.Unlock()
	return nil
}

// File returns the file called name and whether it exists.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	return data, ok
}

// Names returns the names of every file, sorted.
func (m *Memory) Names() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return slices.Sorted(maps.Keys(m.files))
}

package theme

import (
	"bytes"
	"fmt"
	"hash/maphash"
	"html/template"
	"sync"

	"github.com/playbook-edu/playbook/internal/fasttemplate"
	"github.com/playbook-edu/playbook/internal/view"
)

// partials renders the theme's partial templates for partialCached: once
// for each distinct name and keys, however many pages include them.
//
// Templates call it as Hugo's themes do:
//
//	{{partialCached "header.html" . .Nav .Kind}}
//
// renders header.html with the page as dot, the first time a page with
// that navigation and kind asks, and gives every later page with the same
// navigation and kind the same HTML. The keys must name everything the
// partial shows that is not the same on every page: what they leave out,
// the partial shows as it was on whichever page came first.
type partials struct {
	tmpl *fasttemplate.Template // the parsed layout and partials
	mu   sync.Mutex
	done map[uint64]*partial
	// warming is set while templates run only to be escaped, with no
	// page: partialCached then renders and keeps nothing.
	warming bool
}

type partial struct {
	once sync.Once
	html template.HTML
	err  error
}

func newPartials() *partials { return &partials{done: map[uint64]*partial{}} }

// cached renders the partial called name with data, once for its keys.
func (ps *partials) cached(name string, data any, keys ...any) (out template.HTML, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("partialCached %q: a key cannot be compared: %v", name, r)
		}
	}()
	if ps.warming {
		return "", nil
	}
	var h maphash.Hash
	h.SetSeed(hashSeed)
	h.WriteString(name)
	for _, k := range keys {
		// The keys themes pass most, hashed without reflection.
		switch k := k.(type) {
		case string:
			h.WriteByte('s')
			writeString(&h, k)
		case view.Link:
			h.WriteByte('l')
			writeString(&h, k.Title)
			writeString(&h, k.URL)
			writeString(&h, k.Summary)
		case []view.NavItem:
			h.WriteByte('n')
			maphash.WriteComparable(&h, len(k))
			for _, n := range k {
				writeString(&h, n.Title)
				writeString(&h, n.URL)
				writeString(&h, n.Section)
				writeString(&h, n.Current)
			}
		default:
			h.WriteByte('v')
			view.Write(&h, k)
		}
	}
	key := h.Sum64()
	ps.mu.Lock()
	p := ps.done[key]
	if p == nil {
		p = &partial{}
		ps.done[key] = p
	}
	ps.mu.Unlock()
	p.once.Do(func() {
		var b bytes.Buffer
		p.err = ps.tmpl.Execute(&b, name, data)
		p.html = template.HTML(b.String())
	})
	return p.html, p.err
}

// writeString writes a hash of s, so that keys "ab","c" and "a","bc" hash
// apart; hashing s on its own is quicker than copying it into h.
func writeString(h *maphash.Hash, s string) {
	maphash.WriteComparable(h, maphash.String(hashSeed, s))
}

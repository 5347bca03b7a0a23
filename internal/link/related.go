package link

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/playbook-edu/playbook/internal/model"
)

// Related guides: what a guide's page suggests reading next. A guide
// scores, against another, RelatedLink for a Markdown link between the two
// (either way), RelatedSystem for each performance system they share and
// RelatedRole for each role they share. The RelatedLimit best are kept,
// best first; ties go by id, so the list never depends on map order.
const (
	RelatedLink   = 3
	RelatedSystem = 2
	RelatedRole   = 1
	RelatedLimit  = 5
)

// related fills g.Related. Guides with the same roles and systems score
// alike against every other guide, so they are scored as one group: the
// work grows with the number of guides times the number of groups, not
// with the square of the number of guides.
func (g *Graph) related() {
	g.Related = map[*model.Guide][]*model.Guide{}
	type group struct {
		roles, systems []string
		guides         []*model.Guide // by id
	}
	var groups []*group
	groupOf := map[*model.Guide]*group{}
	byKey := map[string]*group{}
	for _, gd := range g.Guides { // sorted by id
		roles, systems := g.keys(gd.Roles), g.keys(gd.Systems)
		key := strings.Join(roles, ",") + "|" + strings.Join(systems, ",")
		gr := byKey[key]
		if gr == nil {
			gr = &group{roles: roles, systems: systems}
			byKey[key] = gr
			groups = append(groups, gr)
		}
		gr.guides = append(gr.guides, gd)
		groupOf[gd] = gr
	}
	shared := func(a, b *group) int {
		n := 0
		for _, r := range a.roles {
			if _, ok := slices.BinarySearch(b.roles, r); ok {
				n += RelatedRole
			}
		}
		for _, s := range a.systems {
			if _, ok := slices.BinarySearch(b.systems, s); ok {
				n += RelatedSystem
			}
		}
		return n
	}
	linked := map[*model.Guide][]*model.Guide{}
	for to, froms := range g.Backlinks {
		for _, from := range froms {
			linked[to] = append(linked[to], from)
			linked[from] = append(linked[from], to)
		}
	}
	best := make([][]*model.Guide, len(g.Guides))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			var top topGuides
			isLinked := map[*model.Guide]bool{}
			for i := w; i < len(g.Guides); i += workers {
				gd := g.Guides[i]
				mine := groupOf[gd]
				top.reset()
				clear(isLinked)
				for _, o := range linked[gd] {
					if !isLinked[o] {
						isLinked[o] = true
						top.offer(o, RelatedLink+shared(mine, groupOf[o]))
					}
				}
				// From each group, its first guides by id are the best of it.
				for _, gr := range groups {
					s := shared(mine, gr)
					if s == 0 {
						continue
					}
					taken := 0
					for _, o := range gr.guides {
						if taken == RelatedLimit {
							break
						}
						if o != gd && !isLinked[o] {
							top.offer(o, s)
							taken++
						}
					}
				}
				best[i] = top.guides()
			}
		})
	}
	wg.Wait()
	for i, gd := range g.Guides {
		if len(best[i]) > 0 {
			g.Related[gd] = best[i]
		}
	}
}

// topGuides keeps the RelatedLimit best guides offered to it: highest
// score first, then by id. Keeping only those, rather than sorting every
// candidate, matters when each of 10,000 guides has hundreds.
type topGuides struct {
	n     int
	guide [RelatedLimit]*model.Guide
	score [RelatedLimit]int
}

func (t *topGuides) reset() { t.n = 0 }

// before reports whether a guide with score s and id id ranks above the
// one kept at i.
func (t *topGuides) before(s int, id string, i int) bool {
	if s != t.score[i] {
		return s > t.score[i]
	}
	return id < t.guide[i].ID
}

func (t *topGuides) offer(gd *model.Guide, s int) {
	if t.n == RelatedLimit && !t.before(s, gd.ID, t.n-1) {
		return
	}
	i := min(t.n, RelatedLimit-1)
	for i > 0 && t.before(s, gd.ID, i-1) {
		t.guide[i], t.score[i] = t.guide[i-1], t.score[i-1]
		i--
	}
	t.guide[i], t.score[i] = gd, s
	t.n = min(t.n+1, RelatedLimit)
}

func (t *topGuides) guides() []*model.Guide {
	if t.n == 0 {
		return nil
	}
	return slices.Clone(t.guide[:t.n])
}

// keys returns the keys of the records refs name (a system's code in
// capitals), sorted and unique, leaving out those that name nothing.
func (g *Graph) keys(refs []model.Ref) []string {
	var out []string
	for _, r := range refs {
		if x := g.resolved[r.Pos]; x != nil {
			out = append(out, x.Key())
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

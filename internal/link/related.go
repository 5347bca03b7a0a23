package link

import (
	"cmp"
	"slices"
	"strings"

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
		roles, systems := g.refIDs(gd.Roles, g.roles), g.systemCodes(gd.Systems)
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
	type scored struct {
		gd    *model.Guide
		score int
	}
	for _, gd := range g.Guides {
		mine := groupOf[gd]
		var cands []scored
		isLinked := map[*model.Guide]bool{}
		for _, o := range linked[gd] {
			if !isLinked[o] {
				isLinked[o] = true
				cands = append(cands, scored{o, RelatedLink + shared(mine, groupOf[o])})
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
					cands = append(cands, scored{o, s})
					taken++
				}
			}
		}
		slices.SortFunc(cands, func(a, b scored) int {
			if c := cmp.Compare(b.score, a.score); c != 0 {
				return c
			}
			return strings.Compare(a.gd.ID, b.gd.ID)
		})
		for _, c := range cands[:min(len(cands), RelatedLimit)] {
			g.Related[gd] = append(g.Related[gd], c.gd)
		}
	}
}

// refIDs returns the ids of refs that resolve in m, sorted and unique.
func (g *Graph) refIDs(refs []model.Ref, m map[string]*model.Role) []string {
	var out []string
	for _, r := range refs {
		if m[r.ID] != nil {
			out = append(out, r.ID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// systemCodes returns the codes of refs that name a system, in capitals,
// sorted and unique.
func (g *Graph) systemCodes(refs []model.Ref) []string {
	var out []string
	for _, r := range refs {
		if s := g.System(r.ID); s != nil {
			out = append(out, s.Code)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

package browser

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// chooseInHeader picks role (an id, or "" for none) in the header's role
// switcher, as a reader does.
func chooseInHeader(t *testing.T, ctx context.Context, role string) {
	t.Helper()
	eval[bool](t, ctx, `(() => { const s = document.querySelector("[data-role-choice]");
		s.focus(); s.value = `+quote(role)+`; s.dispatchEvent(new Event("change", {bubbles: true})); return s.value === `+quote(role)+`; })()`)
}

// shown returns the text of the first element matching sel as the page
// shows it: without what is hidden, white space collapsed.
func shown(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return eval[string](t, ctx, `(document.querySelector(`+quote(sel)+`) || {innerText: "<no `+strings.ReplaceAll(sel, `"`, `'`)+`>"}).innerText.replace(/\s+/g, " ").trim()`)
}

// visible reports whether the element matching sel is shown.
func visible(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	return eval[bool](t, ctx, `(() => { const e = document.querySelector(`+quote(sel)+`); return !!e && e.getClientRects().length > 0; })()`)
}

// savedRole returns the role saved in the browser.
func savedRole(t *testing.T, ctx context.Context) string {
	t.Helper()
	r, _ := store(t, ctx)["role"].(string)
	return r
}

// progressOf returns the steps saved as done for role.
func progressOf(t *testing.T, ctx context.Context, role string) map[string]any {
	t.Helper()
	p, _ := store(t, ctx)["progress"].(map[string]any)
	r, _ := p[role].(map[string]any)
	return r
}

// TestChosenRoleShapesGuide opens a guide that is a step of several
// pathways: with no role chosen it lists them all, one line each; once a
// role is chosen in the header, the guide shows that role's place, its
// progress and its previous and next steps, and folds the others away,
// one click from view; progress ticked there is that role's alone; a role
// whose pathway does not have the guide gets a note and a link to its
// pathway.
func TestChosenRoleShapesGuide(t *testing.T) {
	ctx := newTab(t)
	guide, _ := guideInPathways(t, ctx, 2)
	id := strings.TrimSuffix(strings.TrimPrefix(guide, "/guides/"), "/")
	open(t, ctx, guide)
	roles := eval[[]string](t, ctx, `[...document.querySelectorAll(".pathway-list > li")].map(li => li.dataset.pathway)`)

	// No role: every pathway, one line each, in view; nothing to tick.
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".pathway-list > li")].filter(li => li.getClientRects().length > 0).length`); n != len(roles) {
		t.Errorf("%s with no role chosen shows %d of its %d pathways", guide, n, len(roles))
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-done]")].filter(b => b.getClientRects().length > 0).length`); n != 0 {
		t.Errorf("%s with no role chosen shows %d step boxes; want none until a role is chosen", guide, n)
	}
	if !visible(t, ctx, `[data-when="no-role"]`) {
		t.Errorf("%s with no role chosen does not say how to choose one", guide)
	}
	if eval[bool](t, ctx, `document.querySelector("[data-pathways]").getBoundingClientRect().top < document.querySelector(".guide .prose").getBoundingClientRect().bottom`) {
		t.Errorf("%s: the pathways come before the end of the guide's text", guide)
	}
	if h := eval[float64](t, ctx, `document.querySelector(".pathway-list").getBoundingClientRect().height / parseFloat(getComputedStyle(document.body).lineHeight)`); h > float64(3*len(roles)) {
		t.Errorf("%s: the list of %d pathways is %.1f lines tall; want it compact, at most three lines each", guide, len(roles), h)
	}

	// Choose the second role in the header.
	chosen := roles[1]
	chooseInHeader(t, ctx, chosen)
	check := func(when string) {
		t.Helper()
		if got := eval[string](t, ctx, `(document.querySelector("[data-your-pathway] .is-chosen") || {dataset: {}}).dataset.pathway || ""`); got != chosen {
			t.Fatalf("%s %s: the pathway shown first is %q, want %q", guide, when, got, chosen)
		}
		if !visible(t, ctx, `[data-your-pathway] .is-chosen [data-done]`) || !visible(t, ctx, `[data-your-pathway] .is-chosen .prev-next`) {
			t.Errorf("%s %s: the chosen pathway lacks its step box or its previous and next steps", guide, when)
		}
		if eval[bool](t, ctx, `document.querySelector("[data-pathway-others]").open`) {
			t.Errorf("%s %s: the other pathways are not folded away", guide, when)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("[data-pathway-others] .pathway-list > li").length`); n != len(roles)-1 {
			t.Errorf("%s %s: %d other pathways in the folded list; want %d", guide, when, n, len(roles)-1)
		}
		if visible(t, ctx, `[data-when="no-role"]`) {
			t.Errorf("%s %s: still asks to choose a role", guide, when)
		}
	}
	check("after choosing a role")
	if got := text(t, ctx, "[data-role-status]"); !strings.Contains(got, eval[string](t, ctx, `document.querySelector("[data-role-choice]").selectedOptions[0].textContent`)) {
		t.Errorf("choosing a role is not announced: %q", got)
	}
	reload(t, ctx)
	check("after a reload")
	if savedRole(t, ctx) != chosen {
		t.Errorf("the saved role is %q, want %q", savedRole(t, ctx), chosen)
	}
	// The others are one click away.
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-pathway-others] summary")))
	if !visible(t, ctx, `[data-pathway-others] .pathway-list > li`) {
		t.Errorf("%s: opening the folded pathways does not show them", guide)
	}

	// A step done as this role is this role's alone.
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-your-pathway] .is-chosen [data-done]`)))
	if progressOf(t, ctx, chosen)[id] != true {
		t.Errorf("marking %s done as %s is not saved in that role's progress: %v", id, chosen, store(t, ctx))
	}
	for _, r := range roles {
		if r != chosen && progressOf(t, ctx, r)[id] != nil {
			t.Errorf("marking %s done as %s marked it for %s too", id, chosen, r)
		}
	}
	open(t, ctx, "/roles/"+roles[0]+"/")
	if eval[bool](t, ctx, `document.querySelector('[data-done="`+id+`"]').checked`) {
		t.Errorf("the step done as %s shows as done on the %s pathway", chosen, roles[0])
	}

	// A role whose pathway does not have the guide.
	open(t, ctx, guide)
	other := eval[string](t, ctx, `(() => { const on = new Set([...document.querySelectorAll(".pathway-list > li, [data-your-pathway] > li")].map(li => li.dataset.pathway));
		const o = [...document.querySelectorAll("[data-role-choice] option")].find(o => o.value && !on.has(o.value)); return o ? o.value : ""; })()`)
	if other != "" {
		chooseInHeader(t, ctx, other)
		if !visible(t, ctx, `[data-when="other-role"]`) {
			t.Errorf("%s as %s, whose pathway does not have it, says nothing", guide, other)
		}
		if got := eval[string](t, ctx, `document.querySelector("[data-role-link]").getAttribute("href")`); got != "/roles/"+other+"/" {
			t.Errorf("%s as %s links to %q for the reader's pathway", guide, other, got)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("[data-pathway-others] .pathway-list > li").length`); n != len(roles) {
			t.Errorf("%s as %s: %d pathways in the folded list; want all %d", guide, other, n, len(roles))
		}
	}

	// No role again: everything back in view.
	chooseInHeader(t, ctx, "")
	if !eval[bool](t, ctx, `document.querySelector("[data-pathway-others]").open`) || visible(t, ctx, "[data-your-pathway] li") {
		t.Errorf("%s with the role unchosen does not show every pathway again", guide)
	}
	if savedRole(t, ctx) != "" {
		t.Errorf("the role is still saved after choosing none: %q", savedRole(t, ctx))
	}
}

// TestRoleChosenOnHomeAndRolePage chooses a role with the buttons of the
// home page and of a role page, and expects the choice everywhere: the
// buttons pressed, the card marked, the header's switcher set.
func TestRoleChosenOnHomeAndRolePage(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/")
	roles := eval[[]string](t, ctx, `[...document.querySelectorAll(".roles [data-choose-role]")].map(b => b.dataset.chooseRole)`)
	if len(roles) < 2 {
		t.Fatalf("the home page offers %d roles to choose", len(roles))
	}
	if first := eval[string](t, ctx, `document.querySelector("main h2").textContent.trim()`); first != "Choose your role" {
		t.Errorf("the home page's first section is %q, not the choice of role", first)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`.roles [data-choose-role="`+roles[0]+`"]`)))
	pressed := func(where, role string) {
		t.Helper()
		want := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-choose-role]")].filter(b => b.dataset.chooseRole === `+quote(role)+`).map(b => b.dataset.chooseRole)`)
		if got := eval[[]string](t, ctx, `[...document.querySelectorAll('[data-choose-role][aria-pressed="true"]')].map(b => b.dataset.chooseRole)`); strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: pressed role buttons %v, want %v", where, got, want)
		}
		if got := eval[string](t, ctx, `document.querySelector("[data-role-choice]").value`); got != role {
			t.Errorf("%s: the header's switcher shows %q, want %q", where, got, role)
		}
	}
	pressed("home page", roles[0])
	if !eval[bool](t, ctx, `document.querySelector('.roles [data-pathway="`+roles[0]+`"]').classList.contains("is-chosen")`) {
		t.Errorf("the chosen role's card is not marked")
	}
	open(t, ctx, "/roles/"+roles[1]+"/")
	pressed("another role's page", roles[0])
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-choose-role="`+roles[1]+`"]`)))
	pressed("the role page after choosing it", roles[1])
	open(t, ctx, "/")
	pressed("home page again", roles[1])
	// Pressed again, the button leaves the reader with no role.
	do(t, ctx, chromedp.Click(chromedp.CSS(`.roles [data-choose-role="`+roles[1]+`"]`)))
	pressed("home page after unchoosing", "")
	if savedRole(t, ctx) != "" {
		t.Errorf("the role is still saved: %q", savedRole(t, ctx))
	}
}

// TestHomeContinues marks the first steps of a pathway done and expects
// the home page to name the next step for that role, and the count of
// steps done; another role's card is untouched.
func TestHomeContinues(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/")
	type card struct {
		Role  string
		Steps []string
		Links []string
	}
	cards := eval[[]card](t, ctx, `[...document.querySelectorAll(".roles > li[data-pathway]")].map(li => ({
		Role: li.dataset.pathway, Steps: li.dataset.steps.split(" "),
		Links: [...li.querySelector("template[data-step-links]").content.querySelectorAll("a")].map(a => a.getAttribute("href") + " " + a.textContent)}))`)
	var c card
	for _, x := range cards {
		if len(x.Steps) >= 3 {
			c = x
			break
		}
	}
	if c.Role == "" {
		t.Fatal("no role has a pathway of three steps")
	}
	line := `.roles [data-pathway="` + c.Role + `"] [data-next]`
	if got := shown(t, ctx, line); !strings.HasPrefix(got, "Start here: ") {
		t.Errorf("with nothing done, the %s card says %q", c.Role, got)
	}
	chooseInHeader(t, ctx, c.Role)
	open(t, ctx, "/roles/"+c.Role+"/")
	do(t, ctx, chromedp.Click(chromedp.CSS("#done-"+c.Steps[0])), chromedp.Click(chromedp.CSS("#done-"+c.Steps[1])))
	open(t, ctx, "/")
	href, title, _ := strings.Cut(c.Links[2], " ")
	if got := shown(t, ctx, line); got != "Continue: "+title {
		t.Errorf("after two steps, the %s card says %q, want %q", c.Role, got, "Continue: "+title)
	}
	if got := eval[string](t, ctx, `document.querySelector(`+quote(line+" [data-next-link]")+`).getAttribute("href")`); got != href {
		t.Errorf("the %s card's next step links to %q, want %q", c.Role, got, href)
	}
	if got := text(t, ctx, `.roles [data-pathway="`+c.Role+`"] .progress-text`); got != "2 of "+itoa(len(c.Steps))+" steps done" {
		t.Errorf("the %s card's progress: %q", c.Role, got)
	}
	for _, x := range cards {
		if x.Role != c.Role {
			if got := text(t, ctx, `.roles [data-pathway="`+x.Role+`"] .progress-text`); !strings.HasPrefix(got, "0 of ") {
				t.Errorf("steps done as %s count on the %s card: %q", c.Role, x.Role, got)
			}
		}
	}
	// Every step done.
	open(t, ctx, "/roles/"+c.Role+"/")
	eval[bool](t, ctx, `[...document.querySelectorAll("[data-done]")].forEach(b => { if (!b.checked) b.click(); }), true`)
	open(t, ctx, "/")
	if got := shown(t, ctx, line); got != "Every step of this pathway is done." {
		t.Errorf("with every step done, the %s card says %q", c.Role, got)
	}
}

// TestOldProgressMoves saves progress the way version 1 of the script
// did, one "done" per guide for every pathway, and expects each pathway
// to show it once, then keep its own: unticked in one role, a step stays
// done in another, and the old record is kept. A file exported by version
// 1 imports the same way.
func TestOldProgressMoves(t *testing.T) {
	ctx := newTab(t)
	guide, _ := guideInPathways(t, ctx, 2)
	id := strings.TrimSuffix(strings.TrimPrefix(guide, "/guides/"), "/")
	open(t, ctx, guide)
	roles := eval[[]string](t, ctx, `[...document.querySelectorAll(".pathway-list > li")].map(li => li.dataset.pathway)`)
	eval[bool](t, ctx, `localStorage.setItem(`+quote(storeKey)+`, JSON.stringify({version: 1, done: {`+quote(id)+`: true, "a-removed-guide": true}})), true`)

	open(t, ctx, "/roles/"+roles[0]+"/")
	box := `[data-done="` + id + `"]`
	if !eval[bool](t, ctx, `document.querySelector(`+quote(box)+`).checked`) {
		t.Fatalf("the step saved by version 1 is not done on the %s pathway", roles[0])
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(box)))
	reload(t, ctx)
	if eval[bool](t, ctx, `document.querySelector(`+quote(box)+`).checked`) {
		t.Errorf("unticked on the %s pathway, the old step came back", roles[0])
	}
	open(t, ctx, "/roles/"+roles[1]+"/")
	if !eval[bool](t, ctx, `document.querySelector(`+quote(box)+`).checked`) {
		t.Errorf("the step saved by version 1 is not done on the %s pathway", roles[1])
	}
	s := store(t, ctx)
	if s["version"] != float64(2) {
		t.Errorf("the store was not moved to version 2: %v", s)
	}
	if done, _ := s["done"].(map[string]any); done[id] != true || done["a-removed-guide"] != true {
		t.Errorf("the old steps were not kept: %v", s)
	}

	// A version 1 export, imported into a fresh browser.
	b := newTab(t)
	file := filepath.Join(t.TempDir(), "old.json")
	old, _ := json.Marshal(map[string]any{"format": "playbook-saved-work", "version": 1, "data": map[string]any{"version": 1, "done": map[string]bool{id: true}}})
	if err := os.WriteFile(file, old, 0o644); err != nil {
		t.Fatal(err)
	}
	open(t, b, "/roles/"+roles[1]+"/")
	if msg := importFile(t, b, file); !strings.HasPrefix(msg, "Imported 1 pathway step,") {
		t.Errorf("importing a version 1 file: %q", msg)
	}
	if !eval[bool](t, b, `document.querySelector(`+quote(box)+`).checked`) {
		t.Errorf("the step of a version 1 file is not done on the %s pathway after importing it", roles[1])
	}
}

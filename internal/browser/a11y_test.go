package browser

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// axeResult is what runAxe returns for one rule axe found broken.
type axeResult struct {
	ID, Impact, Help string
	Nodes            []string
}

// runAxe runs axe-core's WCAG 2.0 and 2.1 level A and AA rules on the page
// and returns the violations.
func runAxe(t *testing.T, ctx chromedpCtx, axe string) []axeResult {
	t.Helper()
	if !eval[bool](t, ctx, `typeof axe !== "undefined"`) {
		// DevTools evaluation is not subject to the page's
		// Content-Security-Policy, so axe runs under the site's real policy.
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			t.Fatalf("loading axe-core: %v", err)
		}
	}
	return eval[[]axeResult](t, ctx, `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations"]
	}).then(r => r.violations.map(v => ({
		ID: v.id, Impact: v.impact || "", Help: v.help,
		Nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary.replace(/\s+/g, " "))
	})))`)
}

type chromedpCtx = context.Context

func axeSource(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(nodeModules + "/axe-core/axe.min.js")
	require(t, err == nil, "axe-core ("+nodeModules+"/axe-core)", "install it with npm ci --prefix internal/browser/testdata")
	return string(data)
}

// TestAxe runs axe-core on every page of the site, as the script leaves
// it, and expects no WCAG 2.1 A or AA violation; and on every page of the
// fixture, which shows every key of the model, whatever the repository's
// content uses.
func TestAxe(t *testing.T) {
	axe := axeSource(t)
	ctx := newTab(t)
	all := pages(t)
	if len(all) < 40 {
		t.Fatalf("the site has only %d pages", len(all))
	}
	for _, s := range []*testSite{repo, fixture} {
		for _, p := range s.pages(t) {
			s.open(t, ctx, p)
			for _, v := range runAxe(t, ctx, axe) {
				t.Errorf("%s%s: %s (%s, %s):\n  %s", s.src, p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
			}
		}
	}
}

// TestAxeWithSavedWork runs axe-core on the pages whose look changes with
// saved work, once work is saved: ticked items and the summary of them, a
// finished pathway step, written answers, an import's message, a chosen
// role.
func TestAxeWithSavedWork(t *testing.T) {
	axe := axeSource(t)
	ctx := newTab(t)
	for _, index := range []string{"/checklists/", "/reflect/", "/roles/"} {
		p := firstLink(t, ctx, index)
		open(t, ctx, p)
		eval[bool](t, ctx, `(() => {
			document.querySelectorAll("[data-item], [data-done]").forEach((b, i) => { if (i % 2 === 0) b.click(); });
			document.querySelectorAll("[data-prompt] textarea").forEach(ta => {
				ta.value = "An answer"; ta.dispatchEvent(new Event("input", {bubbles: true}));
			});
			document.querySelector("[data-saved-status]").textContent = "Imported 1 answer from saved.json.";
			return true;
		})()`)
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("%s with saved work: %s (%s, %s):\n  %s", p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
		}
	}
	// With a role chosen: a guide shows the reader's pathway first and
	// folds the others; the home page says where to continue.
	guide, role := guideInPathways(t, ctx, 2)
	open(t, ctx, guide)
	chooseInHeader(t, ctx, role)
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-your-pathway] [data-done]")))
	for _, p := range []string{guide, "/"} {
		open(t, ctx, p)
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("%s with a role chosen: %s (%s, %s):\n  %s", p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
		}
	}
	// A checklist answered in levels, with evidence written.
	const levels = "/checklists/team-review/"
	fixture.open(t, ctx, levels)
	eval[bool](t, ctx, `(() => {
		document.querySelectorAll(".level").forEach((p, i) => p.querySelectorAll("input")[i % 3].click());
		document.querySelectorAll(".evidence textarea").forEach(ta => {
			ta.value = "Our notes"; ta.dispatchEvent(new Event("input", {bubbles: true}));
		});
		return true;
	})()`)
	for _, v := range runAxe(t, ctx, axe) {
		t.Errorf("%s with saved work: %s (%s, %s):\n  %s", levels, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// focused describes the element that has the focus.
type focused struct {
	Tag, ID, Class, Text string
	InMain, Outline      bool
	Visible              bool
}

const focusJS = `(() => {
	const e = document.activeElement;
	const s = getComputedStyle(e);
	const r = e.getBoundingClientRect();
	return {
		Tag: e.tagName.toLowerCase(), ID: e.id, Class: String(e.className),
		Text: (e.textContent || e.value || "").replace(/\s+/g, " ").trim().slice(0, 50),
		InMain: !!e.closest("main"),
		Outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2,
		Visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && s.visibility !== "hidden",
	};
})()`

func (f focused) String() string {
	return fmt.Sprintf("<%s id=%q class=%q> %q", f.Tag, f.ID, f.Class, f.Text)
}

// tab presses Tab and returns what has the focus, failing the test when
// its focus is not visible.
func tab(t *testing.T, ctx chromedpCtx, page string) focused {
	t.Helper()
	do(t, ctx, chromedp.KeyEvent(kb.Tab))
	// The browser scrolls the focus into view, smoothly: give it a moment.
	pctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	chromedp.Run(pctx, chromedp.Poll[bool](`(() => { const r = document.activeElement.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })()`))
	cancel()
	f := eval[focused](t, ctx, focusJS)
	if f.Tag != "body" && (!f.Outline || !f.Visible) {
		t.Errorf("%s: focus on %s is not visible (outline %v, on screen %v)", page, f, f.Outline, f.Visible)
	}
	return f
}

// tabTo presses Tab until the element matching sel has the focus, checking
// the focus is visible at every stop on the way.
func tabTo(t *testing.T, ctx chromedpCtx, page, sel string) focused {
	t.Helper()
	for range 80 {
		f := tab(t, ctx, page)
		if eval[bool](t, ctx, `document.activeElement.matches(`+quote(sel)+`)`) {
			return f
		}
	}
	t.Fatalf("%s: 80 presses of Tab never reached %s", page, sel)
	return focused{}
}

// TestKeyboardOnly uses the site with the keyboard alone: the skip link
// comes first and moves into the main content; checklist items, pathway
// steps and reflection answers are reached, ticked and typed with Tab,
// Space and letters; focus is visible at every stop.
func TestKeyboardOnly(t *testing.T) {
	ctx := newTab(t)

	open(t, ctx, "/")
	f := tab(t, ctx, "/")
	if !strings.Contains(f.Class, "skip-link") {
		t.Fatalf("the first Tab stop is %s, not the skip link", f)
	}
	do(t, ctx, chromedp.KeyEvent(kb.Enter))
	waitFor(t, ctx, `location.hash === "#main"`, "the skip link to move to #main")
	if f := tab(t, ctx, "/"); !f.InMain {
		t.Errorf("after the skip link, Tab goes to %s, outside the main content", f)
	}

	checklist := firstLink(t, ctx, "/checklists/")
	open(t, ctx, checklist)
	tabTo(t, ctx, checklist, "[data-item]")
	do(t, ctx, chromedp.KeyEvent(" "))
	if !eval[bool](t, ctx, `document.activeElement.checked`) {
		t.Errorf("%s: Space does not tick the focused item", checklist)
	}
	reload(t, ctx)
	if !eval[bool](t, ctx, `document.querySelector("[data-item]").checked`) {
		t.Errorf("%s: the item ticked from the keyboard is not saved", checklist)
	}
	// The buttons are reachable too.
	open(t, ctx, checklist)
	tabTo(t, ctx, checklist, "[data-print]")

	role := firstLink(t, ctx, "/roles/")
	open(t, ctx, role)
	tabTo(t, ctx, role, "[data-done]")
	do(t, ctx, chromedp.KeyEvent(" "))
	if got := text(t, ctx, ".pathway .progress p"); !strings.HasPrefix(got, "1 of ") {
		t.Errorf("%s: marking a step done from the keyboard shows %q", role, got)
	}

	form := firstLink(t, ctx, "/reflect/")
	open(t, ctx, form)
	tabTo(t, ctx, form, "[data-prompt] textarea")
	do(t, ctx, chromedp.KeyEvent("Typed from the keyboard"))
	reload(t, ctx)
	if got := eval[string](t, ctx, `document.querySelector("[data-prompt] textarea").value`); got != "Typed from the keyboard" {
		t.Errorf("%s: answer typed from the keyboard, after a reload: %q", form, got)
	}
	// The footer's export button can be reached and is visible.
	tabTo(t, ctx, form, "[data-export]")
}

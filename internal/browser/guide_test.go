package browser

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestCheckYourselfSaved ticks a guide's "Check yourself" item by its
// label and expects a real checkbox, saved by the guide's id and the
// item's, there after a reload, with no ☐ drawn beside it.
func TestCheckYourselfSaved(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/guides/")
	var guide string
	for _, g := range eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards li > a")].map(a => a.getAttribute("href"))`) {
		open(t, ctx, g)
		if eval[int](t, ctx, `document.querySelectorAll("[data-check]").length`) >= 2 {
			guide = g
			break
		}
	}
	if guide == "" {
		t.Fatal("no guide has two Check yourself items")
	}
	id := eval[string](t, ctx, `document.querySelector("[data-guide]").dataset.guide`)
	boxes := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-check]")].map(b => b.dataset.check)`)
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-check]")].filter(b => b.type === "checkbox" && b.labels.length === 1 && b.labels[0].textContent.trim() !== "").length`); n != len(boxes) {
		t.Errorf("%s: %d of %d Check yourself boxes are labelled checkboxes", guide, n, len(boxes))
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("li")].filter(li => li.querySelector("[data-check]") && li.querySelector(".task-box")).length`); n != 0 {
		t.Errorf("%s: %d items still draw a ☐ beside the checkbox", guide, n)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`label[for="check-`+boxes[1]+`"]`)))
	reload(t, ctx)
	for i, b := range boxes {
		if got := eval[bool](t, ctx, `document.querySelector('[data-check="`+b+`"]').checked`); got != (i == 1) {
			t.Errorf("%s after a reload: item %q ticked %v, want %v", guide, b, got, i == 1)
		}
	}
	checks, _ := store(t, ctx)["checks"].(map[string]any)
	if c, _ := checks[id].(map[string]any); c[boxes[1]] != true || len(c) != 1 {
		t.Errorf("the tick is not saved by the guide's and the item's ids: %v", checks)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-check="`+boxes[1]+`"]`)))
	reload(t, ctx)
	if eval[bool](t, ctx, `document.querySelector('[data-check="`+boxes[1]+`"]').checked`) {
		t.Errorf("%s: unticked, the item is ticked again after a reload", guide)
	}
}

// TestGuidePage reads every guide page as a reader does: the text first,
// one list of related guides with each guide once, "On this page" beside
// the text on a wide screen (its headings, in order) and not on a phone,
// the date the guide was last reviewed (the date of its file's last
// commit, this playbook being a git checkout with no reviewed: dates),
// and no "Suggest a change" link, since this playbook names neither a
// repository nor a contact.
func TestGuidePage(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/guides/")
	guides := eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards li > a")].map(a => a.getAttribute("href"))`)
	if len(guides) < 18 {
		t.Fatalf("/guides/ lists %d guides", len(guides))
	}
	git, gitErr := exec.LookPath("git")
	for _, g := range guides {
		open(t, ctx, g)
		id := strings.Trim(strings.TrimPrefix(g, "/guides/"), "/")
		if first := eval[string](t, ctx, `document.querySelector("main h1").nextElementSibling.className`); first != "lead" {
			t.Errorf("%s: the title is followed by %q, not the guide's summary", g, first)
		}
		if n := eval[int](t, ctx, `[...document.querySelectorAll(".related h2")].filter(h => /related/i.test(h.textContent)).length + [...document.querySelectorAll(".prose h2")].filter(h => /related/i.test(h.textContent)).length`); n != 1 {
			t.Errorf("%s: %d blocks of related guides; want one", g, n)
		}
		related := eval[[]string](t, ctx, `[...document.querySelectorAll('[aria-labelledby="pb-related"] .cards > li > a')].map(a => a.getAttribute("href"))`)
		seen := map[string]bool{g: true}
		for _, r := range related {
			if seen[r] {
				t.Errorf("%s: %s is listed twice among related guides, or is the guide itself", g, r)
			}
			seen[r] = true
		}
		headings := eval[[]string](t, ctx, `[...document.querySelectorAll(".prose h2")].map(h => "#" + h.id)`)
		contents := eval[[]string](t, ctx, `[...document.querySelectorAll(".on-this-page a")].map(a => a.getAttribute("href"))`)
		if len(headings) >= 2 && strings.Join(contents, " ") != strings.Join(headings, " ") {
			t.Errorf("%s: On this page lists %v, want the headings %v", g, contents, headings)
		}
		if len(headings) >= 2 && !visible(t, ctx, ".on-this-page") {
			t.Errorf("%s: On this page is not shown on a wide screen", g)
		}

		want := ""
		if gitErr == nil {
			cmd := exec.Command(git, "log", "-1", "--format=%cs", "--", filepath.ToSlash(filepath.Join("content/guides", id+".md")))
			cmd.Dir = "../.."
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("git log: %v", err)
			}
			want = strings.TrimSpace(string(out))
		}
		got := eval[string](t, ctx, `(document.querySelector(".guide-review time") || {dateTime: ""}).dateTime`)
		if got != want {
			t.Errorf("%s: last reviewed %q; the file's last commit is of %q", g, got, want)
		}
		if eval[bool](t, ctx, `[...document.querySelectorAll("main a")].some(a => /suggest a change/i.test(a.textContent))`) {
			t.Errorf("%s links to suggest a change, but the playbook names neither a repository nor a contact", g)
		}
	}

	phone(t, ctx, 390)
	open(t, ctx, guides[0])
	if visible(t, ctx, ".on-this-page") {
		t.Errorf("%s: On this page shows on a phone, before the text", guides[0])
	}
}

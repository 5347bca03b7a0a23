package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// hostile is saved work whose ids are the names of Object.prototype's
// properties, in every part of the store and at its top.
const hostile = `{
  "version": 2,
  "role": "__proto__",
  "progress": {"__proto__": {"polluted": true}, "constructor": {"toString": true}},
  "checks": {"toString": {"__proto__": true}, "hasOwnProperty": {"valueOf": true}},
  "checklists": {"CHECKLIST": {"constructor": true, "__proto__": true, "ITEM": true}, "__proto__": {"polluted": true}, "constructor": {"prototype": true}},
  "reflections": {"__proto__": {"fields": {"polluted": "yes"}, "answers": {"__proto__": "x"}}, "constructor": {"fields": {}, "answers": {"toString": "an answer"}}},
  "done": {"__proto__": true, "constructor": true},
  "copied": {"hasOwnProperty": true},
  "__proto__": {"polluted": true},
  "constructor": {"prototype": {"polluted": true}}
}`

// unpolluted is true while no property has been added to, or replaced
// in, the prototypes every object shares.
const unpolluted = `({}).polluted === undefined && Object.prototype.polluted === undefined &&
	typeof ({}).toString === "function" && typeof ({}).hasOwnProperty === "function" &&
	({}).constructor === Object && Object.getPrototypeOf({}) === Object.prototype &&
	Object.keys(Object.prototype).length === 0`

// TestHostileIDs imports a file of saved work, and then loads saved work,
// whose ids are "__proto__", "constructor", "toString" and the like, and
// expects the page to keep working and no prototype touched; the ids are
// kept like any other.
func TestHostileIDs(t *testing.T) {
	ctx := newTab(t)
	checklist := firstLink(t, ctx, "/checklists/")
	open(t, ctx, checklist)
	id := eval[string](t, ctx, `document.querySelector("[data-checklist]").dataset.checklist`)
	item := eval[string](t, ctx, `document.querySelector("[data-item]").dataset.item`)
	data := strings.NewReplacer("CHECKLIST", id, "ITEM", item).Replace(hostile)

	works := func(when string) {
		t.Helper()
		if !eval[bool](t, ctx, unpolluted) {
			t.Fatalf("%s: a prototype was changed", when)
		}
		if !eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
			t.Errorf("%s: the tick saved for %q beside the hostile ids does not show", when, item)
		}
		// Ticking, clearing and choosing still work.
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
		if eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
			t.Errorf("%s: unticking does not work", when)
		}
		// Clicked from the page, which does not depend on where the box is
		// drawn while the page is still changing under a busy machine.
		eval[bool](t, ctx, `(document.querySelector('[data-item="`+item+`"]').click(), true)`)
		chooseInHeader(t, ctx, "")
		if !eval[bool](t, ctx, unpolluted) {
			t.Fatalf("%s, after ticking: a prototype was changed", when)
		}
		s := store(t, ctx)
		raw := eval[string](t, ctx, `localStorage.getItem(`+quote(storeKey)+`)`)
		for _, want := range []string{`"__proto__":{"polluted":true}`, `"constructor":{"toString":true}`, `"toString":{"__proto__":true}`, `"answers":{"toString":"an answer"}`} {
			if !strings.Contains(raw, want) {
				t.Errorf("%s: the saved work lost %s: %s", when, want, raw)
			}
		}
		if c, _ := s["checklists"].(map[string]any)[id].(map[string]any); c[item] != true {
			t.Errorf("%s: the tick is not saved: %s", when, raw)
		}
	}

	// Imported from a file.
	file := filepath.Join(t.TempDir(), "hostile.json")
	if err := os.WriteFile(file, []byte(`{"format": "playbook-saved-work", "version": 2, "data": `+data+`}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if msg := importFile(t, ctx, file); !strings.HasPrefix(msg, "Imported ") {
		t.Errorf("importing the file: %q", msg)
	}
	works("after the import")
	reload(t, ctx)
	works("after a reload")

	// Saved in the browser as it is.
	eval[bool](t, ctx, `localStorage.setItem(`+quote(storeKey)+`, `+quote(data)+`), true`)
	reload(t, ctx)
	works("loaded from the browser's storage")
	for _, p := range []string{"/", "/roles/", firstLink(t, ctx, "/roles/"), firstLink(t, ctx, "/reflect/"), firstLink(t, ctx, "/guides/")} {
		open(t, ctx, p)
		if !eval[bool](t, ctx, unpolluted) {
			t.Errorf("%s with the hostile saved work: a prototype was changed", p)
		}
	}
}

// TestDeleteEverything saves work, asks to delete everything saved on
// the device, declines, then confirms, and expects the browser's storage
// of the playbook empty and the page showing nothing saved.
func TestDeleteEverything(t *testing.T) {
	ctx := newTab(t)
	checklist := firstLink(t, ctx, "/checklists/")
	open(t, ctx, checklist)
	item := eval[string](t, ctx, `document.querySelector("[data-item]").dataset.item`)
	role := eval[string](t, ctx, `document.querySelector("[data-role-choice] option:nth-child(2)").value`)
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
	chooseInHeader(t, ctx, role)
	eval[bool](t, ctx, `localStorage.setItem(`+quote(storeKey+":unreadable")+`, "{old"), localStorage.setItem("another-site-key", "kept"), true`)

	// Declined: nothing changes.
	eval[bool](t, ctx, `window.confirmed = [], window.confirm = q => (window.confirmed.push(q), false), true`)
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-delete-all]")))
	if q := eval[[]string](t, ctx, `window.confirmed`); len(q) != 1 || !strings.Contains(q[0], "cannot be undone") {
		t.Errorf("deleting did not ask first, or asked %q", q)
	}
	if eval[string](t, ctx, `localStorage.getItem(`+quote(storeKey)+`) || ""`) == "" {
		t.Fatal("declining the deletion deleted the saved work")
	}

	eval[bool](t, ctx, `window.confirm = () => true, true`)
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-delete-all]")))
	if got := eval[[]string](t, ctx, `[`+quote(storeKey)+`, `+quote(storeKey+":unreadable")+`].filter(k => localStorage.getItem(k) !== null)`); len(got) != 0 {
		t.Errorf("after deleting everything, the browser still holds %v", got)
	}
	if eval[string](t, ctx, `localStorage.getItem("another-site-key")`) != "kept" {
		t.Errorf("deleting the playbook's saved work deleted what another page of the site saved")
	}
	if eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) || eval[string](t, ctx, `document.querySelector("[data-role-choice]").value`) != "" {
		t.Errorf("after deleting everything, the page still shows the tick or the role")
	}
	if got := text(t, ctx, "[data-saved-status]"); !strings.Contains(got, "deleted") {
		t.Errorf("the deletion is not confirmed on the page: %q", got)
	}
	reload(t, ctx)
	if eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("after deleting everything and a reload, the tick is back")
	}
}

// TestCannotSaveWarns blocks the browser's storage, then fills it up, and
// expects the page to say that nothing is kept, while it goes on working.
func TestCannotSaveWarns(t *testing.T) {
	for _, tc := range []struct {
		name, script string
		atOnce       bool // the note shows as the page opens, not at the first tick
	}{
		{"blocked", `Object.defineProperty(window, "localStorage", {get() { throw new DOMException("The operation is insecure.", "SecurityError"); }});`, true},
		{"full", `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := newTab(t)
			checklist := firstLink(t, ctx, "/checklists/")
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: tc.script}); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, checklist)
			if got := visible(t, ctx, "[data-save-warning]"); got != tc.atOnce {
				t.Errorf("storage %s: the note shows as the page opens: %v, want %v", tc.name, got, tc.atOnce)
			}
			item := eval[string](t, ctx, `document.querySelector("[data-item]").dataset.item`)
			do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
			if !visible(t, ctx, "[data-save-warning]") {
				t.Errorf("storage %s: after a tick, no note says it is not kept", tc.name)
			}
			if got := eval[string](t, ctx, `document.querySelector("[data-save-warning]").getAttribute("role")`); got != "alert" {
				t.Errorf("the note is not announced: role=%q", got)
			}
			if !eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) || !strings.HasPrefix(text(t, ctx, ".checklist .tools .progress p"), "1 of ") {
				t.Errorf("storage %s: the page stops working", tc.name)
			}
		})
	}
}

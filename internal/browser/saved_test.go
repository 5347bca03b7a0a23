package browser

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestChecklistTickSurvivesReload ticks the first item of the first
// checklist, reloads, and expects the tick and the counts back.
func TestChecklistTickSurvivesReload(t *testing.T) {
	ctx := newTab(t)
	p := firstLink(t, ctx, "/checklists/")
	open(t, ctx, p)
	id := eval[string](t, ctx, `document.querySelector("[data-checklist]").dataset.checklist`)
	item := eval[string](t, ctx, `document.querySelector("[data-item]").dataset.item`)
	total := eval[string](t, ctx, `document.querySelector("[data-checklist]").dataset.total`)
	if got := text(t, ctx, ".checklist .tools .progress p"); got != "0 of "+total+" ticked" {
		t.Errorf("progress before ticking: %q", got)
	}

	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
	if got := text(t, ctx, ".checklist .tools .progress p"); got != "1 of "+total+" ticked" {
		t.Errorf("progress after ticking: %q", got)
	}
	reload(t, ctx)
	if !eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Fatalf("%s: item %q is not ticked after a reload", p, item)
	}
	if got := text(t, ctx, ".checklist .tools .progress p"); got != "1 of "+total+" ticked" {
		t.Errorf("progress after reload: %q", got)
	}
	if got := text(t, ctx, "[data-section] .section-count"); !strings.HasPrefix(got, "(1 of ") {
		t.Errorf("first section's count after reload: %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector("[data-checklist] progress").value + ""`); got != "1" {
		t.Errorf("progress bar after reload: %s", got)
	}
	s := store(t, ctx)
	if s["checklists"].(map[string]any)[id].(map[string]any)[item] != true {
		t.Errorf("saved work does not hold the tick by its ids: %v", s)
	}

	// Unticking removes the tick; clearing needs the reader to confirm.
	// The box is clicked from the page itself, which does not depend on
	// where it is drawn while the page's script is still adding to it, and
	// the reload waits until the untick is saved.
	eval[bool](t, ctx, `(document.querySelector('[data-item="`+item+`"]').click(), true)`)
	waitFor(t, ctx, `!((JSON.parse(localStorage.getItem(`+quote(storeKey)+`) || "{}").checklists || {})[`+quote(id)+`] || {})[`+quote(item)+`]`, "the untick to be saved")
	reload(t, ctx)
	if eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("item %q is still ticked after unticking and a reload", item)
	}
}

// TestReflectionAnswerSurvivesReload types into the first reflection form,
// reloads, and expects every answer back.
func TestReflectionAnswerSurvivesReload(t *testing.T) {
	ctx := newTab(t)
	p := firstLink(t, ctx, "/reflect/")
	open(t, ctx, p)
	ta := eval[string](t, ctx, `document.querySelector("[data-prompt] textarea").id`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#"+ta), "Ms. Rivera, our reading coach.\nAnd Sam."),
		chromedp.SendKeys(chromedp.CSS(`[data-field="name"]`), "Alex Kim"),
	)
	radio := eval[string](t, ctx, `(document.querySelector("[data-prompt] input[type=radio]") || {id: ""}).id`)
	if radio != "" {
		do(t, ctx, chromedp.Click(chromedp.CSS("#"+radio)))
	}
	reload(t, ctx)
	if got := eval[string](t, ctx, `document.getElementById(`+quote(ta)+`).value`); got != "Ms. Rivera, our reading coach.\nAnd Sam." {
		t.Errorf("%s: answer after a reload is %q", p, got)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-field="name"]').value`); got != "Alex Kim" {
		t.Errorf("%s: name after a reload is %q", p, got)
	}
	if radio != "" && !eval[bool](t, ctx, `document.getElementById(`+quote(radio)+`).checked`) {
		t.Errorf("%s: choice %s is not chosen after a reload", p, radio)
	}
	if got := text(t, ctx, ".device-note"); !strings.Contains(got, "stay on this device") {
		t.Errorf("the form does not say answers stay on this device: %q", got)
	}
}

// TestPathwayProgress marks steps of the first role's pathway done and
// expects the progress on the role page, on the guide pages of the
// pathway (once the role is the reader's) and on the roles index and home
// page.
func TestPathwayProgress(t *testing.T) {
	ctx := newTab(t)
	p := firstLink(t, ctx, "/roles/")
	open(t, ctx, p)
	role := eval[string](t, ctx, `document.querySelector("[data-pathway]").dataset.pathway`)
	steps := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-step]")].map(li => li.dataset.step)`)
	if len(steps) < 2 {
		t.Fatalf("%s: pathway has %d steps; the test needs two", p, len(steps))
	}
	n := len(steps)
	want := func(done int) string { return itoa(done) + " of " + itoa(n) + " steps done" }
	if got := text(t, ctx, ".pathway .progress p"); got != want(0) {
		t.Errorf("role page progress before: %q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("#done-"+steps[0])))
	if got := text(t, ctx, ".pathway .progress p"); got != want(1) {
		t.Errorf("role page progress after marking step 1: %q", got)
	}
	if got := eval[string](t, ctx, `document.querySelector(".pathway .progress p").getAttribute("aria-live")`); got != "polite" {
		t.Errorf("role page progress is not announced: aria-live=%q", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-choose-role="`+role+`"]`)))

	// The second step's guide, for a reader of this role, says where it is
	// in the pathway and how far the reader has got; marking it done there
	// counts on the role page.
	open(t, ctx, "/guides/"+steps[1]+"/")
	place := text(t, ctx, `[data-your-pathway] li[data-pathway="`+role+`"] .place`)
	if !strings.Contains(place, "pathway: step 2 of "+itoa(n)) || !strings.HasSuffix(place, " · 1 of "+itoa(n)+" done") {
		t.Errorf("guide page pathway place: %q", place)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("#done-"+role)))
	if got := text(t, ctx, `[data-your-pathway] li[data-pathway="`+role+`"] .place`); !strings.HasSuffix(got, " · 2 of "+itoa(n)+" done") {
		t.Errorf("guide page pathway place after marking it done: %q", got)
	}

	open(t, ctx, p)
	if got := text(t, ctx, ".pathway .progress p"); got != want(2) {
		t.Errorf("role page progress after marking step 2 on its guide: %q", got)
	}
	if !eval[bool](t, ctx, `document.querySelector('[data-step="`+steps[1]+`"]').classList.contains("is-done")`) {
		t.Errorf("step 2 is not shown as done on the role page")
	}
	open(t, ctx, "/roles/")
	if got := text(t, ctx, `li[data-pathway="`+role+`"] .meta`); !strings.HasSuffix(got, ", 2 done") {
		t.Errorf("roles index: %q", got)
	}
	open(t, ctx, "/")
	if got := text(t, ctx, `li[data-pathway="`+role+`"] .progress-text`); got != want(2) {
		t.Errorf("home page: %q", got)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

// exportFile clicks Export and returns the file the browser saved.
func exportFile(t *testing.T, ctx context.Context) []byte {
	t.Helper()
	dir := t.TempDir()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir})
	if err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-export]")))
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(dir, "playbook-saved-work-*.json"))
		if len(files) == 1 {
			if data, err := os.ReadFile(files[0]); err == nil && json.Valid(data) {
				return data
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no export file appeared in %s", dir)
	return nil
}

// importFile imports the file at path with the footer's Import control and
// waits for the page to say what the import did: its own message, which
// names the file, and not one left there by an export or an earlier
// import (the storage may be read only once the import has finished).
func importFile(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	do(t, ctx, chromedp.SetUploadFiles(chromedp.CSS("[data-import-file]"), []string{path}))
	name := quote(" " + filepath.Base(path))
	waitFor(t, ctx, `(() => { const m = document.querySelector("[data-saved-status]").textContent;
		return /^(Imported|Nothing was imported)/.test(m) && m.includes(`+name+`); })()`, "the import's message")
	return text(t, ctx, "[data-saved-status]")
}

// TestExportImportFreshProfile saves work in one browser profile, exports
// it, imports the file into a fresh profile and expects the work back.
func TestExportImportFreshProfile(t *testing.T) {
	a := newTab(t)
	checklist := firstLink(t, a, "/checklists/")
	form := firstLink(t, a, "/reflect/")
	role := firstLink(t, a, "/roles/")

	open(t, a, checklist)
	item := eval[string](t, a, `document.querySelector("[data-item]").dataset.item`)
	do(t, a, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
	open(t, a, form)
	ta := eval[string](t, a, `document.querySelector("[data-prompt] textarea").id`)
	do(t, a, chromedp.SendKeys(chromedp.CSS("#"+ta), "Exported answer"))
	open(t, a, role)
	step := eval[string](t, a, `document.querySelector("[data-step]").dataset.step`)
	do(t, a, chromedp.Click(chromedp.CSS("#done-"+step)))

	roleID := eval[string](t, a, `document.querySelector("[data-pathway]").dataset.pathway`)
	do(t, a, chromedp.Click(chromedp.CSS(`[data-choose-role="`+roleID+`"]`)))

	data := exportFile(t, a)
	var doc struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Data    struct {
			Role       string                                  `json:"role"`
			Progress   map[string]map[string]bool              `json:"progress"`
			Checklists map[string]map[string]bool              `json:"checklists"`
			Reflection map[string]map[string]map[string]string `json:"reflections"`
		} `json:"data"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("export is not the expected JSON: %v\n%s", err, data)
	}
	if doc.Format != "playbook-saved-work" || doc.Version != 2 || !doc.Data.Progress[roleID][step] || doc.Data.Role != roleID {
		t.Errorf("export lacks the format, version, role or the pathway step:\n%s", data)
	}
	file := filepath.Join(t.TempDir(), "saved.json")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}

	b := newTab(t) // a new, empty profile
	open(t, b, checklist)
	if eval[bool](t, b, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Fatal("the fresh profile already has the tick")
	}
	msg := importFile(t, b, file)
	if !strings.HasPrefix(msg, "Imported 1 pathway step, 1 tick and 1 answer from saved.json") {
		t.Errorf("import message: %q", msg)
	}
	// The page shows the imported tick at once, and after a reload.
	if !eval[bool](t, b, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("the imported tick does not show without a reload")
	}
	reload(t, b)
	if !eval[bool](t, b, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("the imported tick is not there after a reload")
	}
	open(t, b, form)
	if got := eval[string](t, b, `document.getElementById(`+quote(ta)+`).value`); got != "Exported answer" {
		t.Errorf("imported answer: %q", got)
	}
	open(t, b, role)
	if !eval[bool](t, b, `document.getElementById("done-`+step+`").checked`) {
		t.Errorf("imported pathway step is not marked done")
	}
	if got := eval[string](t, b, `document.querySelector("[data-role-choice]").value`); got != roleID {
		t.Errorf("imported role: %q, want %q", got, roleID)
	}

	// A file that is not saved work is refused, and changes nothing.
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"hello": "world"}`), 0o644)
	if msg := importFile(t, b, bad); !strings.HasPrefix(msg, "Nothing was imported") {
		t.Errorf("importing a file that is not saved work: %q", msg)
	}
	if !eval[bool](t, b, `document.getElementById("done-`+step+`").checked`) {
		t.Errorf("a refused import changed the saved work")
	}
}

// TestUnknownIDsKept saves work for ids the content does not have (an item
// renamed or removed since) and expects them kept through ticking,
// clearing, importing and exporting; and a store that is not JSON to be set
// aside, not to break the page.
func TestUnknownIDsKept(t *testing.T) {
	ctx := newTab(t)
	checklist := firstLink(t, ctx, "/checklists/")
	open(t, ctx, checklist)
	id := eval[string](t, ctx, `document.querySelector("[data-checklist]").dataset.checklist`)
	item := eval[string](t, ctx, `document.querySelector("[data-item]").dataset.item`)
	saved := `{"version":2,"done":{"a-removed-guide":true},"progress":{"a-removed-role":{"a-guide":true}},"checks":{"a-removed-guide":{"an-item":true}},` +
		`"checklists":{"` + id + `":{"a-renamed-item":true},"a-removed-checklist":{"x":true}},` +
		`"reflections":{"a-removed-form":{"fields":{"name":"Old"},"answers":{"old-prompt":"Old answer"}}},` +
		`"futureField":{"kept":"or not"}}`
	eval[bool](t, ctx, `localStorage.setItem(`+quote(storeKey)+`, `+quote(saved)+`), true`)
	reload(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
	eval[bool](t, ctx, `window.confirm = () => true, true`)
	do(t, ctx, chromedp.Click(chromedp.CSS(".checklist [data-clear]")))
	if eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("Clear left the item ticked")
	}
	check := func(when string, s map[string]any) {
		t.Helper()
		b, _ := json.Marshal(s)
		for _, want := range []string{`"futureField":{"kept":"or not"}`, `"a-removed-guide":true`, `"a-removed-role":{"a-guide":true}`, `"a-removed-guide":{"an-item":true}`, `"a-renamed-item":true`, `"a-removed-checklist":{"x":true}`, `"old-prompt":"Old answer"`} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: saved work lost %s: %s", when, want, b)
			}
		}
	}
	check("after ticking and clearing", store(t, ctx))

	// They travel through an export and an import too.
	data := exportFile(t, ctx)
	var doc struct{ Data map[string]any }
	json.Unmarshal(data, &doc)
	check("in the export", doc.Data)
	file := filepath.Join(t.TempDir(), "saved.json")
	os.WriteFile(file, data, 0o644)
	eval[bool](t, ctx, `localStorage.clear(), true`)
	if msg := importFile(t, ctx, file); !strings.HasPrefix(msg, "Imported ") {
		t.Errorf("importing the export: %q", msg)
	}
	check("after importing the export", store(t, ctx))

	// Unreadable saved work is kept aside and the page still works.
	eval[bool](t, ctx, `localStorage.setItem(`+quote(storeKey)+`, "{not json"), true`)
	reload(t, ctx)
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="`+item+`"]`)))
	if got := eval[string](t, ctx, `localStorage.getItem(`+quote(storeKey+":unreadable")+`)`); got != "{not json" {
		t.Errorf("unreadable saved work was not kept aside: %q", got)
	}
	reload(t, ctx)
	if !eval[bool](t, ctx, `document.querySelector('[data-item="`+item+`"]').checked`) {
		t.Errorf("after unreadable saved work, a new tick is not saved")
	}
}

// TestChecklistSummary ticks items of the team reflection checklist in
// two of its sections and expects, after the checklist, a summary of the
// reader's answers section by section, made in the browser: every
// section with its count, shown only once something is ticked, and left
// out of print.
func TestChecklistSummary(t *testing.T) {
	ctx := newTab(t)
	p := firstLink(t, ctx, "/checklists/")
	open(t, ctx, p)
	if visible(t, ctx, ".checklist-summary") {
		t.Errorf("%s: a summary shows before anything is ticked", p)
	}
	sections := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-section] legend")].map(l => (l.querySelector("h2") || l).firstChild.textContent.trim())`)
	if len(sections) < 2 {
		t.Fatalf("%s has %d sections", p, len(sections))
	}
	eval[bool](t, ctx, `(() => { const s = document.querySelectorAll("[data-section]");
		s[0].querySelectorAll("[data-item]").forEach(b => b.click());
		s[1].querySelector("[data-item]").click(); return true; })()`)
	reload(t, ctx)
	if !visible(t, ctx, ".checklist-summary") {
		t.Fatalf("%s: no summary of the answers after ticking", p)
	}
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll(".checklist-summary tbody tr")].map(tr => tr.innerText.replace(/\s+/g, " ").trim())`)
	if len(rows) != len(sections) {
		t.Fatalf("the summary has %d rows for %d sections: %v", len(rows), len(sections), rows)
	}
	first := eval[int](t, ctx, `document.querySelectorAll("[data-section]")[0].querySelectorAll("[data-item]").length`)
	second := eval[int](t, ctx, `document.querySelectorAll("[data-section]")[1].querySelectorAll("[data-item]").length`)
	for i, want := range []string{
		sections[0] + " " + itoa(first) + " of " + itoa(first) + " ticked",
		sections[1] + " 1 of " + itoa(second) + " ticked",
	} {
		if rows[i] != want {
			t.Errorf("summary row %d: %q, want %q", i+1, rows[i], want)
		}
	}
	if !strings.HasSuffix(rows[2], " 0 of "+eval[string](t, ctx, `document.querySelectorAll("[data-section]")[2].querySelectorAll("[data-item]").length + ""`)+" ticked") {
		t.Errorf("summary row 3: %q", rows[2])
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if visible(t, ctx, ".checklist-summary") {
		t.Errorf("%s: the summary prints", p)
	}
}

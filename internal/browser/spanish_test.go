package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// spanish is the golden test's playbook with language: es: the theme's
// words, the scripts' messages and the dates in Spanish.
var spanish = &testSite{baseURL: "http://127.0.0.1/", prepare: func(dir string) error {
	if err := os.CopyFS(dir, os.DirFS("../../testdata/golden/src")); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, "playbook.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString("language: es\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}}

// TestAxeInSpanish runs axe-core on a page of each kind of the Spanish
// site, as the script leaves it and with work saved, and expects no WCAG
// 2.1 A or AA violation and a page that says it is in Spanish.
func TestAxeInSpanish(t *testing.T) {
	axe := axeSource(t)
	ctx := newTab(t)
	for _, p := range []string{"/", "/roles/teacher/", "/guides/beta/", "/goals/reading/", "/systems/",
		"/checklists/teacher-list/", "/checklists/team-review/", "/checklists/team-review/tally/",
		"/reflect/bring-along/", "/search/", "/print/", "/404.html"} {
		spanish.open(t, ctx, p)
		if lang := eval[string](t, ctx, `document.documentElement.lang`); lang != "es" {
			t.Errorf("%s: lang=%q, want es", p, lang)
		}
		for _, v := range runAxe(t, ctx, axe) {
			t.Errorf("%s in Spanish: %s (%s, %s):\n  %s", p, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
		}
	}
	spanish.open(t, ctx, "/checklists/teacher-list/")
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-item]")))
	for _, v := range runAxe(t, ctx, axe) {
		t.Errorf("a ticked checklist in Spanish: %s (%s, %s):\n  %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
}

// TestScriptsSpeakSpanish checks that what the scripts write into a
// Spanish page is Spanish, from the page's messages: a checklist's count
// and its summary, a pathway's progress, the saved work's export and the
// search page's count.
func TestScriptsSpeakSpanish(t *testing.T) {
	ctx := newTab(t)
	spanish.open(t, ctx, "/checklists/teacher-list/")
	if got := text(t, ctx, ".checklist .tools .progress p"); got != "0 de 3 marcados" {
		t.Errorf("the checklist's count reads %q before a tick", got)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS(`[data-item="ask"]`)))
	if got := text(t, ctx, ".checklist .tools .progress p"); got != "1 de 3 marcados" {
		t.Errorf("the checklist's count reads %q after a tick", got)
	}
	if got := text(t, ctx, "[data-section] .section-count"); got != "(1 de 2)" {
		t.Errorf("the section's count reads %q", got)
	}
	if got := text(t, ctx, ".checklist-summary h2"); got != "Sus respuestas por sección" {
		t.Errorf("the summary's heading reads %q", got)
	}
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll(".checklist-summary tbody tr")].map(tr => tr.innerText.replace(/\s+/g, " ").trim())`)
	if want := []string{"Start 1 de 2 marcados", "Keep going 0 de 1 marcado"}; strings.Join(rows, "|") != strings.Join(want, "|") {
		t.Errorf("the summary reads %q, want %q", rows, want)
	}

	// A pathway step done: its count on the role page.
	spanish.open(t, ctx, "/roles/teacher/")
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-done]")))
	if got := text(t, ctx, "#pb-pathway-progress"); got != "1 de 2 pasos completados" {
		t.Errorf("the pathway's progress reads %q", got)
	}

	// The export says what it saved, in Spanish, in a file with a Spanish name.
	dir := t.TempDir()
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-export]")))
	today := time.Now().Format(time.DateOnly)
	want := "Exportado a manual-trabajo-guardado-" + today + ".json: 1 paso de una ruta, 1 marca y 0 respuestas."
	waitFor(t, ctx, `document.querySelector("[data-saved-status]").textContent.startsWith("Exportado")`, "the export's message")
	if got := text(t, ctx, "[data-saved-status]"); got != want {
		t.Errorf("the export says %q, want %q", got, want)
	}
	name := filepath.Join(dir, "manual-trabajo-guardado-"+today+".json")
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if _, err := os.Stat(name); err == nil {
			break
		}
		if time.Now().After(deadline) {
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			t.Fatalf("no %s was saved; the folder holds %v", filepath.Base(name), files)
		}
	}

	// The search page counts its results in Spanish.
	spanish.open(t, ctx, "/search/")
	waitFor(t, ctx, `!!window.playbookSearch && document.getElementById("search-status").textContent === ""`, "the search index")
	eval[bool](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = "practice"; i.dispatchEvent(new Event("input")); return true; })()`)
	waitFor(t, ctx, `/^\d+ resultados?\.$/.test(document.getElementById("search-status").textContent)`, "the count of results in Spanish")
	eval[bool](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = "zyzzyva"; i.dispatchEvent(new Event("input")); return true; })()`)
	waitFor(t, ctx, `document.getElementById("search-status").textContent === "No hay resultados para “zyzzyva”. Pruebe con menos palabras o con otras."`, "no results, in Spanish")
}

// TestSavedWorkSharedAcrossLanguages checks a reader's work is the same
// in every language of a bilingual playbook (this repository's): a tick
// and a finished step saved on an English page show on the Spanish one,
// and the other way round, since records keep their ids.
func TestSavedWorkSharedAcrossLanguages(t *testing.T) {
	ctx := newTab(t)
	const item = `[data-item="goals-three-or-fewer"]`
	repo.open(t, ctx, "/checklists/superintendent-checklist/")
	do(t, ctx, chromedp.Click(chromedp.CSS(item)))
	repo.open(t, ctx, "/es/checklists/superintendent-checklist/")
	if !eval[bool](t, ctx, `document.querySelector('`+item+`').checked`) {
		t.Error("a tick on the English checklist is not on the Spanish one")
	}
	if got := eval[string](t, ctx, `document.documentElement.lang`); got != "es" {
		t.Fatalf("/es/checklists/superintendent-checklist/ is in %q", got)
	}
	repo.open(t, ctx, "/es/roles/superintendent/")
	if done := eval[string](t, ctx, `document.querySelector("[data-done]").getAttribute("data-done")`); done == "" {
		t.Fatal("the Spanish role page has no step to mark done")
	} else {
		do(t, ctx, chromedp.Click(chromedp.CSS(`[data-done="`+done+`"]`)))
		repo.open(t, ctx, "/roles/superintendent/")
		if !eval[bool](t, ctx, `document.querySelector('[data-done="`+done+`"]').checked`) {
			t.Error("a step marked done on the Spanish role page is not done on the English one")
		}
	}
}

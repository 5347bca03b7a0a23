package browser

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestWithoutJavaScript opens the pages the script enhances with scripts
// turned off: no control that needs the script shows; where a reader can
// still tick or type, a note says that nothing is saved; a guide lists
// every pathway it is in, with their previous and next steps; the
// checklist is a plain list of labelled boxes; and a reflection form
// prints ruled lines to write on, on one page.
func TestWithoutJavaScript(t *testing.T) {
	ctx := newTab(t)
	checklist := firstLink(t, ctx, "/checklists/")
	form := firstLink(t, ctx, "/reflect/")
	role := firstLink(t, ctx, "/roles/")
	guide, _ := guideInPathways(t, ctx, 2)
	pathways := eval[int](t, ctx, `document.querySelectorAll(".pathway-list > li").length`)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/", "/roles/", role, guide, checklist, form} {
		open(t, ctx, p)
		if eval[bool](t, ctx, `document.documentElement.classList.contains("js")`) {
			t.Fatalf("%s: the script ran although scripts are off", p)
		}
		shown := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-progress], [data-saved-work], button")].filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 80))`)
		for _, s := range shown {
			t.Errorf("%s: without the script, %s shows", p, s)
		}
	}

	for _, p := range []string{role, form} {
		open(t, ctx, p)
		if !eval[bool](t, ctx, `[...document.querySelectorAll(".notice")].some(n => n.getClientRects().length > 0 && /not saved/.test(n.textContent))`) {
			t.Errorf("%s: without the script, no note says that what is ticked or typed is not saved", p)
		}
	}

	open(t, ctx, guide)
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".pathway-list > li")].filter(li => li.getClientRects().length > 0 && li.querySelector("a[href]")).length`); n != pathways {
		t.Errorf("%s: without the script, %d of its %d pathways show", guide, n, pathways)
	}
	if eval[int](t, ctx, `[...document.querySelectorAll(".prev-next a")].filter(a => a.getClientRects().length > 0).length`) == 0 {
		t.Errorf("%s: without the script, no previous or next step shows", guide)
	}

	open(t, ctx, checklist)
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-item]")].filter(b => b.labels.length === 1).length`); n == 0 || n != eval[int](t, ctx, `document.querySelectorAll("[data-item]").length`) {
		t.Errorf("%s: without the script, not every checkbox has its label", checklist)
	}

	open(t, ctx, form)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if eval[bool](t, ctx, `[...document.querySelectorAll("[data-prompt] textarea")].some(e => e.getClientRects().length > 0)`) ||
		!eval[bool](t, ctx, `[...document.querySelectorAll("[data-prompt] .ruled")].every(e => e.getClientRects().length > 0)`) {
		t.Errorf("%s: printed without the script, the form does not show ruled lines in place of text boxes", form)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter)))
	if err != nil {
		t.Fatal(err)
	}
	if n := pdfPages(pdf); n != 1 {
		t.Errorf("%s: printed without the script on Letter, it takes %d pages", form, n)
	}
}

package browser

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// papers are the sizes every printed sheet must fit.
var papers = []struct {
	name string
	size chromedp.PaperSize
}{{"Letter", chromedp.PaperLetter}, {"A4", chromedp.PaperA4}}

// printPDF prints the page to PDF on paper and keeps it in
// $PLAYBOOK_PDF_DIR under name, when that is set.
func printPDF(t *testing.T, ctx context.Context, paper chromedp.PaperSize, name string, opts ...chromedp.PDFOption) []byte {
	t.Helper()
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(append([]chromedp.PDFOption{chromedp.PDFPaper(paper)}, opts...)...))
	if err != nil {
		t.Fatalf("printing %s: %v", name, err)
	}
	savePDF(t, name, pdf)
	return pdf
}

func pdfName(page string, parts ...string) string {
	return strings.Join(append([]string{strings.Trim(strings.ReplaceAll(page, "/", "-"), "-")}, parts...), "-") + ".pdf"
}

// sheetHead is what heads every printed sheet: the playbook's title, its
// district and the page's full address.
func sheetHead(t *testing.T, ctx context.Context) []string {
	t.Helper()
	title := eval[string](t, ctx, `document.querySelector(".brand-title").textContent.trim()`)
	district := eval[string](t, ctx, `document.querySelector(".brand-district").textContent.trim()`)
	address := eval[string](t, ctx, `document.querySelector("[data-page-address]").textContent.trim()`)
	if !strings.HasPrefix(address, "http") {
		t.Errorf("the sheet's address is not a full address: %q", address)
	}
	return []string{title, district, address}
}

// school is a "School or team" long enough that a text box cuts it off.
const school = "Lincoln Middle School for the Arts and Sciences, Grade 7 team"

// fillForm answers every prompt of the reflection form on the page (a
// sentence for every written prompt, the middle of every scale, the
// first of every choice) and fills in the name, school and date; it
// returns the texts that must print.
func fillForm(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return eval[[]string](t, ctx, `(() => {
		const out = [];
		const set = (el, v) => { el.value = v; el.dispatchEvent(new Event("input", {bubbles: true})); };
		document.querySelectorAll("[data-prompt]").forEach((p, i) => {
			const ta = p.querySelector("textarea");
			if (ta) {
				set(ta, "Answer number " + (i + 1) + " written on screen.");
				out.push(ta.value);
			} else {
				const rs = p.querySelectorAll("input[type=radio]");
				const r = rs[Math.floor(rs.length / 2)];
				r.checked = true;
				r.dispatchEvent(new Event("change", {bubbles: true}));
			}
		});
		set(document.querySelector('[data-field="name"]'), "Alex Kim");
		set(document.querySelector('[data-field="school"]'), `+quote(school)+`);
		set(document.querySelector('[data-field="date"]'), "2025-03-14");
		return out.concat(["Alex Kim", `+quote(school)+`, "March 14, 2025"]);
	})()`)
}

// TestReflectionFormsPrintOnOnePage prints every reflection form to PDF,
// blank and filled in, on US Letter and on A4, and expects one page with
// every prompt, the name, school and date fields, the answers given (the
// long "School or team" whole, the date as readers write it), and the
// playbook's title, the district and the form's address.
func TestReflectionFormsPrintOnOnePage(t *testing.T) {
	ctx := newTab(t)
	pdftotext(t)
	open(t, ctx, "/reflect/")
	forms := eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards a")].map(a => a.getAttribute("href"))`)
	if len(forms) == 0 {
		t.Fatal("/reflect/ lists no form")
	}
	for _, form := range forms {
		for _, mode := range []string{"blank", "answers"} {
			open(t, ctx, form)
			eval[bool](t, ctx, `localStorage.clear(), true`)
			reload(t, ctx)
			prompts := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-prompt] .prompt-text")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
			head := sheetHead(t, ctx)
			var answers []string
			if mode == "answers" {
				answers = fillForm(t, ctx)
			} else {
				fillForm(t, ctx) // a blank copy prints none of what is saved
			}
			for _, paper := range papers {
				// As the form's buttons do before each print (the script
				// removes the class after one).
				eval[bool](t, ctx, `document.documentElement.classList.toggle("print-blank", `+quote(mode)+` === "blank"), true`)
				pdf := printPDF(t, ctx, paper.size, pdfName(form, mode, paper.name))
				if n := pdfPages(pdf); n != 1 {
					t.Errorf("%s printed %s on %s takes %d pages; want 1", form, mode, paper.name, n)
				}
				txt := pdfText(t, pdf)
				for _, want := range slicesConcat([]string{"Name", "School or team", "Date"}, head, prompts, answers) {
					if !strings.Contains(txt, want) {
						t.Errorf("%s printed %s on %s lacks %q", form, mode, paper.name, want)
					}
				}
				if mode == "blank" && (strings.Contains(txt, "Alex Kim") || strings.Contains(txt, "Lincoln") || strings.Contains(txt, "Answer number")) {
					t.Errorf("%s printed blank shows an answer: %s", form, txt)
				}
			}
		}
	}
}

func slicesConcat(ss ...[]string) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}

// TestLongAnswerContinues writes an answer too long for one sheet and
// expects it to print whole, running onto a second page that repeats the
// form's title, the playbook's title, the district and the address; and
// no browser widget on paper: the name, school and date print as text,
// not in the boxes they are typed in.
func TestLongAnswerContinues(t *testing.T) {
	ctx := newTab(t)
	pdftotext(t)
	form := firstLink(t, ctx, "/reflect/")
	open(t, ctx, form)
	title := eval[string](t, ctx, `document.querySelector("h1").textContent.trim()`)
	head := sheetHead(t, ctx)
	var long []string
	for i := range 60 {
		long = append(long, fmt.Sprintf("Line %d of a long answer about the people we bring along.", i+1))
	}
	eval[bool](t, ctx, `(() => { const ta = document.querySelector("[data-prompt] textarea");
		ta.value = `+quote(strings.Join(long, "\n"))+`; ta.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	fillForm(t, ctx)
	// fillForm wrote every prompt again: put the long answer back.
	eval[bool](t, ctx, `(() => { const ta = document.querySelector("[data-prompt] textarea");
		ta.value = `+quote(strings.Join(long, "\n"))+`; ta.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)

	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	if shown := eval[[]string](t, ctx, `[...document.querySelectorAll(".who input, textarea, button")].filter(e => e.getClientRects().length > 0).map(e => e.outerHTML.slice(0, 60))`); len(shown) > 0 {
		t.Errorf("%s prints browser widgets: %v", form, shown)
	}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}

	for _, paper := range papers {
		pdf := printPDF(t, ctx, paper.size, pdfName(form, "long", paper.name))
		pages := pdfPageTexts(t, pdf)
		if len(pages) < 2 {
			t.Fatalf("%s with a long answer prints on %d page on %s; want it to run onto a second", form, len(pages), paper.name)
		}
		for i, p := range pages {
			for _, want := range append([]string{title}, head...) {
				if !strings.Contains(p, want) {
					t.Errorf("%s on %s: page %d of %d lacks %q", form, paper.name, i+1, len(pages), want)
				}
			}
		}
		all := strings.Join(pages, " ")
		for _, line := range append(long, school) {
			if !strings.Contains(all, line) {
				t.Errorf("%s on %s: the printed answer lacks %q", form, paper.name, line)
			}
		}
	}
}

// TestWholePlaybookPrints prints /print/ and expects a document of many
// pages: its contents numbered and linked inside it, every guide in it,
// each reflection form and checklist on a page of its own on Letter and
// A4 (its title, the playbook's title, the district and its address at
// the top, its last line on the same page), page numbers at the foot of
// every page, and, printed with an outline, one bookmark for every
// heading, in order.
func TestWholePlaybookPrints(t *testing.T) {
	pdftotext(t)
	// In each of the repository's languages: a translation is longer.
	for _, path := range []string{"/print/", "/es/print/"} {
		t.Run(path, func(t *testing.T) { wholePlaybookPrints(t, path) })
	}
}

func wholePlaybookPrints(t *testing.T, path string) {
	ctx := newTab(t)
	open(t, ctx, path)
	guides := eval[[]string](t, ctx, `[...document.querySelectorAll("#guides .record > h3")].map(h => h.textContent.replace(/\s+/g, " ").trim())`)
	if len(guides) < 18 {
		t.Errorf("/print/ has %d guides", len(guides))
	}
	// Every link of the contents leads to something in the document, and
	// the contents and the headings carry the same numbers.
	toc := eval[[]string](t, ctx, `[...document.querySelectorAll(".toc a")].map(a => a.getAttribute("href") + " " + a.textContent.replace(/\s+/g, " ").trim())`)
	for _, e := range toc {
		href, label, _ := strings.Cut(e, " ")
		if !strings.HasPrefix(href, "#") || !eval[bool](t, ctx, `!!document.getElementById(`+quote(href[1:])+`)`) {
			t.Errorf("/print/ contents link %q does not lead inside the document", href)
			continue
		}
		if !regexp.MustCompile(`^\d+(\.\d+)? `).MatchString(label) {
			t.Errorf("/print/ contents entry %q has no number", label)
		}
		heading := eval[string](t, ctx, `(() => { const e = document.getElementById(`+quote(href[1:])+`); const h = e.matches("h1,h2,h3") ? e : e.querySelector("h2,h3"); return h ? h.textContent.replace(/\s+/g, " ").trim() : ""; })()`)
		if heading != label {
			t.Errorf("/print/ contents entry %q leads to the heading %q", label, heading)
		}
	}
	broken := eval[[]string](t, ctx, `[...document.querySelectorAll('main a[href^="#"]')].map(a => a.getAttribute("href")).filter(h => !document.getElementById(h.slice(1)))`)
	for _, h := range broken {
		t.Errorf("/print/ links to %s, which is not in the document", h)
	}

	// The sheets: each form and checklist, its address and its last line.
	type sheet struct{ Title, Address, Last string }
	sheets := eval[[]sheet](t, ctx, `[...document.querySelectorAll(".print-doc .sheet")].map(s => ({
		Title: s.querySelector("h3").textContent.replace(/\s+/g, " ").trim(),
		Address: s.querySelector(".sheet-source").textContent.split(" · ").pop().trim(),
		Last: [...s.querySelectorAll(".prompt-text, .boxes li, .level-table td:first-child")].pop().textContent.replace(/[☐○]/g, "").replace(/\s+/g, " ").trim(),
	}))`)
	if len(sheets) < 4 {
		t.Fatalf("/print/ has %d forms and checklists", len(sheets))
	}
	contents := eval[string](t, ctx, `document.querySelector(".toc h2").textContent.trim()`)
	siteHead := []string{
		eval[string](t, ctx, `document.querySelector(".brand-title").textContent.trim()`),
		eval[string](t, ctx, `document.querySelector(".brand-district").textContent.trim()`),
	}

	for _, paper := range papers {
		pdf := printPDF(t, ctx, paper.size, pdfName(path, paper.name))
		pages := pdfPageTexts(t, pdf)
		if len(pages) < 20 {
			t.Errorf("/print/ prints on %d pages on %s; the whole playbook should take more", len(pages), paper.name)
		}
		txt := strings.Join(pages, " ")
		for _, want := range append([]string{contents}, guides...) {
			if !strings.Contains(txt, want) {
				t.Errorf("/print/ on %s lacks %q", paper.name, want)
			}
		}
		for i, p := range pages {
			if want := fmt.Sprintf("%d / %d", i+1, len(pages)); !strings.Contains(p, want) {
				t.Errorf("/print/ on %s: page %d has no page number %q", paper.name, i+1, want)
			}
		}
		for _, s := range sheets {
			var on []int
			for i, p := range pages {
				// pdftotext may break a long address across lines.
				if strings.Contains(squeeze(p), squeeze(s.Address)) {
					on = append(on, i)
				}
			}
			if len(on) != 1 {
				t.Errorf("/print/ on %s: %q takes %d pages; want 1", paper.name, s.Title, len(on))
				continue
			}
			page := strings.Join(strings.Fields(pages[on[0]]), " ")
			for _, want := range append(siteHead, s.Title) {
				if !strings.Contains(page, want) {
					t.Errorf("/print/ on %s: the page of %q lacks %q", paper.name, s.Title, want)
				}
			}
			// The last item, every word of it: in two columns, pdftotext
			// may read the end of a wrapped line after the next column's.
			for _, w := range strings.Fields(s.Last) {
				if !strings.Contains(page, w) {
					t.Errorf("/print/ on %s: the page of %q lacks %q of its last item %q", paper.name, s.Title, w, s.Last)
				}
			}
		}
	}

	// Printed with an outline, the PDF's bookmarks are the headings that
	// print, in order.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	headings := eval[[]string](t, ctx, `[...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].filter(h => h.getClientRects().length > 0).map(h => h.textContent.replace(/\s+/g, " ").trim())`)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: ""}); err != nil {
		t.Fatal(err)
	}
	pdf := printPDF(t, ctx, chromedp.PaperLetter, pdfName(path, "outline"), chromedp.PDFOutlineAndTagged())
	// Chromium joins the lines of a heading that wraps without the space
	// between them: compare without spaces.
	outline := pdfOutline(t, pdf)
	for i := range outline {
		outline[i] = squeeze(outline[i])
	}
	for i := range headings {
		headings[i] = squeeze(headings[i])
	}
	if strings.Join(outline, "\n") != strings.Join(headings, "\n") {
		t.Errorf("/print/'s bookmarks are not its headings in order:\n%s", firstDifference(outline, headings))
	}
}

// squeeze returns s without white space, and without hyphens, which
// pdftotext drops where a word breaks at the end of a line.
func squeeze(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), ""), "-", "")
}

// firstDifference describes where two lists first differ.
func firstDifference(got, want []string) string {
	for i := range max(len(got), len(want)) {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return fmt.Sprintf("entry %d: got %q, want %q (%d entries, want %d)", i+1, g, w, len(got), len(want))
		}
	}
	return ""
}

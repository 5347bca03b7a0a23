package browser

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// pageObject matches a page object of a PDF, not the /Pages tree above
// them. Chromium writes its page dictionaries uncompressed.
var pageObject = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// pdfPages counts the pages of a PDF.
func pdfPages(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }

// pdfText returns the text of a PDF, its white space collapsed, using
// poppler's pdftotext; ok is false when pdftotext is not installed.
func pdfText(t *testing.T, pdf []byte) (string, bool) {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", false
	}
	f := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " "), true
}

// savePDF keeps a printed PDF in $PLAYBOOK_PDF_DIR, when it is set, for a
// person to look at.
func savePDF(t *testing.T, name string, pdf []byte) {
	if dir := os.Getenv("PLAYBOOK_PDF_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), pdf, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// TestReflectionFormsPrintOnOnePage prints every reflection form to PDF,
// blank and filled in, on US Letter and on A4, and expects one page with
// every prompt, the name, school and date fields, and the answers given.
func TestReflectionFormsPrintOnOnePage(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/reflect/")
	forms := eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards a")].map(a => a.getAttribute("href"))`)
	if len(forms) == 0 {
		t.Fatal("/reflect/ lists no form")
	}
	_, err := exec.LookPath("pdftotext")
	require(t, err == nil, "pdftotext, to read the printed forms", "install it with apt-get install poppler-utils")

	papers := []struct {
		name string
		size chromedp.PaperSize
	}{{"Letter", chromedp.PaperLetter}, {"A4", chromedp.PaperA4}}
	for _, form := range forms {
		for _, mode := range []string{"blank", "answers"} {
			open(t, ctx, form)
			eval[bool](t, ctx, `localStorage.clear(), true`)
			reload(t, ctx)
			prompts := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-prompt] .prompt-text")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
			var answers []string
			if mode == "answers" {
				// A sentence for every written prompt, the middle of every
				// scale, the first of every choice, and the reader's name.
				answers = eval[[]string](t, ctx, `(() => {
					const out = [];
					document.querySelectorAll("[data-prompt]").forEach((p, i) => {
						const ta = p.querySelector("textarea");
						if (ta) {
							ta.value = "Answer number " + (i + 1) + " written on screen.";
							ta.dispatchEvent(new Event("input", {bubbles: true}));
							out.push(ta.value);
						} else {
							const rs = p.querySelectorAll("input[type=radio]");
							const r = rs[Math.floor(rs.length / 2)];
							r.checked = true;
							r.dispatchEvent(new Event("change", {bubbles: true}));
						}
					});
					const name = document.querySelector('[data-field="name"]');
					name.value = "Alex Kim";
					name.dispatchEvent(new Event("input", {bubbles: true}));
					out.push("Alex Kim");
					return out;
				})()`)
			}
			eval[bool](t, ctx, `document.documentElement.classList.toggle("print-blank", `+quote(mode)+` === "blank"), true`)
			for _, paper := range papers {
				pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
				if err != nil {
					t.Fatalf("%s: printing: %v", form, err)
				}
				savePDF(t, strings.Trim(strings.ReplaceAll(form, "/", "-"), "-")+"-"+mode+"-"+paper.name+".pdf", pdf)
				if n := pdfPages(pdf); n != 1 {
					t.Errorf("%s printed %s on %s takes %d pages; want 1", form, mode, paper.name, n)
				}
				txt, _ := pdfText(t, pdf)
				for _, want := range append(append([]string{"Name", "School or team", "Date"}, prompts...), answers...) {
					if !strings.Contains(txt, want) {
						t.Errorf("%s printed %s on %s lacks %q", form, mode, paper.name, want)
					}
				}
				if mode == "blank" && strings.Contains(txt, "Alex Kim") {
					t.Errorf("%s printed blank shows an answer", form)
				}
			}
		}
	}
}

// TestWholePlaybookPrints prints /print/ and expects a document of many
// pages with its table of contents, every guide and every form in it.
func TestWholePlaybookPrints(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, "/print/")
	guides := eval[[]string](t, ctx, `[...document.querySelectorAll("#guides .record > h3")].map(h => h.textContent.trim())`)
	tocLinks := eval[[]string](t, ctx, `[...document.querySelectorAll(".toc a")].map(a => a.getAttribute("href"))`)
	if len(guides) < 18 {
		t.Errorf("/print/ has %d guides", len(guides))
	}
	// Every link of the table of contents leads to something in the document.
	for _, href := range tocLinks {
		if !strings.HasPrefix(href, "#") || !eval[bool](t, ctx, `!!document.getElementById(`+quote(href[1:])+`)`) {
			t.Errorf("/print/ contents link %q does not lead inside the document", href)
		}
	}
	// So does every link between records.
	broken := eval[[]string](t, ctx, `[...document.querySelectorAll('main a[href^="#"]')].map(a => a.getAttribute("href")).filter(h => !document.getElementById(h.slice(1)))`)
	for _, h := range broken {
		t.Errorf("/print/ links to %s, which is not in the document", h)
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter)))
	if err != nil {
		t.Fatal(err)
	}
	savePDF(t, "print.pdf", pdf)
	if n := pdfPages(pdf); n < 20 {
		t.Errorf("/print/ prints on %d pages; the whole playbook should take more", n)
	}
	if txt, ok := pdfText(t, pdf); ok {
		for _, want := range append([]string{"Contents"}, guides...) {
			if !strings.Contains(txt, strings.Join(strings.Fields(want), " ")) {
				t.Errorf("/print/ as PDF lacks %q", want)
			}
		}
	}
}

package browser

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// fixture is the golden test's playbook, which has every page kind and
// every key of the model (a guide's practice at work, groups of guides,
// checklists with levels and evidence), with one more checklist answered in
// levels as long as a district's team checklist, whose tally sheet must
// still print on one page.
var fixture = &testSite{baseURL: "http://127.0.0.1/", prepare: func(dir string) error {
	if err := os.CopyFS(dir, os.DirFS("../../testdata/golden/src")); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, "data/checklists.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(longChecklist())
	return errors.Join(err, f.Close())
}}

// longItems are the items of the long checklist: 30 in 6 sections, each a
// sentence that wraps on a printed line.
var longItems = [6][5]string{
	{"Every adult in the building can name one decision that is theirs to make.",
		"Staff who try something new hear thanks, even when the attempt does not work out.",
		"Aides, office staff and custodians sit on at least one school committee this year.",
		"The team writes down who decides what before the first meeting of the year.",
		"New responsibilities go to people who asked for them or showed an interest."},
	{"Each person chose at least one session of professional learning this semester.",
		"Support staff have learning of their own, not only sessions planned for teachers.",
		"Someone on the team has led a workshop for colleagues in the past year.",
		"We practice running a hard conversation before we need to have one.",
		"Learning time is on the calendar before the year starts, not squeezed in later."},
	{"Every new hire met a mentor at least twice in their first month.",
		"Mentors and new staff meet in a room and at a time that suits both of them.",
		"At least one pair crosses roles, such as a teacher and a counselor.",
		"Mentors get time in their week for mentoring, not only good wishes.",
		"We ask new staff in their third month what helped them and what did not."},
	{"Each team has a shared project with a clear question and an end date.",
		"Teams collect one piece of evidence before they change a practice.",
		"The person who runs team meetings changes at least once a term.",
		"Notes from every meeting reach the people who could not attend.",
		"Students serve on at least one committee that shapes a school rule."},
	{"The staff room shows recent work by people without leadership titles.",
		"Thanks name what the person did and why it mattered to students.",
		"Stories of growth are shared at staff meetings at least once a month.",
		"Families hear about the work of support staff, not only of teachers.",
		"We notice quiet help, such as covering a class or fixing a broken printer."},
	{"The school works on no more than three goals this year.",
		"Every goal has an early sign we can count each month.",
		"The team looks at its early signs together at least once a month.",
		"We can name one change we made because the evidence told us to.",
		"Results are shared with staff, families and students in plain words."},
}

// longChecklist is the long checklist, as data/checklists.yaml writes it.
func longChecklist() string {
	var b strings.Builder
	b.WriteString("- id: long-review\n  title: Long team review\n  scale: levels\n  evidence: true\n  sections:\n")
	for i, sec := range longItems {
		fmt.Fprintf(&b, "    - title: Part %d\n      items:\n", i+1)
		for j, text := range sec {
			fmt.Fprintf(&b, "        - id: item-%d-%d\n          text: %s\n", i+1, j+1, text)
		}
	}
	return b.String()
}

// TestLevelsChecklistSavesAnswers answers a checklist with levels and
// evidence on screen, reloads, and expects every choice, every written
// answer and the team's name back, saved as a reflection form saves its
// answers; printed, the answers show, and printed blank, they do not.
func TestLevelsChecklistSavesAnswers(t *testing.T) {
	ctx := newTab(t)
	const p = "/checklists/team-review/"
	fixture.open(t, ctx, p)
	eval[bool](t, ctx, `localStorage.clear(), true`)
	reload(t, ctx)
	if n := eval[int](t, ctx, `document.querySelectorAll(".level fieldset input[type=radio]").length`); n != 9 {
		t.Fatalf("%s: %d radio buttons, want three for each of three items", p, n)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS("#item-roles-clear-partly")),
		chromedp.Click(chromedp.CSS("#item-voices-heard-yes")),
		chromedp.SendKeys(chromedp.CSS("#item-roles-clear-evidence"), "Minutes of three meetings."),
		chromedp.SendKeys(chromedp.CSS(`[data-field="team"]`), "Grade 4 team"),
	)
	reload(t, ctx)
	checked := eval[[]string](t, ctx, `[...document.querySelectorAll(".level input:checked")].map(r => r.id)`)
	if !reflect.DeepEqual(checked, []string{"item-roles-clear-partly", "item-voices-heard-yes"}) {
		t.Errorf("%s: after a reload, the choices are %v", p, checked)
	}
	if got := eval[string](t, ctx, `document.getElementById("item-roles-clear-evidence").value`); got != "Minutes of three meetings." {
		t.Errorf("%s: the evidence after a reload is %q", p, got)
	}
	if got := eval[string](t, ctx, `document.querySelector('[data-field="team"]').value`); got != "Grade 4 team" {
		t.Errorf("%s: the team after a reload is %q", p, got)
	}
	forms, _ := store(t, ctx)["reflections"].(map[string]any)
	form, _ := forms["checklist:team-review"].(map[string]any)
	want := map[string]any{
		"fields":  map[string]any{"team": "Grade 4 team"},
		"answers": map[string]any{"roles-clear": "partly", "voices-heard": "yes", "roles-clear:evidence": "Minutes of three meetings."},
	}
	if !reflect.DeepEqual(form, want) {
		t.Errorf("saved: %v\nwant: %v", form, want)
	}

	// Another choice replaces the first.
	do(t, ctx, chromedp.Click(chromedp.CSS("#item-roles-clear-yes")))
	reload(t, ctx)
	if !eval[bool](t, ctx, `document.getElementById("item-roles-clear-yes").checked && !document.getElementById("item-roles-clear-partly").checked`) {
		t.Errorf("%s: a changed choice is not what a reload shows", p)
	}

	// Printed with the answers, the evidence shows in place of its box;
	// printed blank, no answer shows.
	_, err := exec.LookPath("pdftotext")
	require(t, err == nil, "pdftotext, to read the printed checklist", "install it with apt-get install poppler-utils")
	for _, mode := range []string{"answers", "blank"} {
		eval[bool](t, ctx, `document.documentElement.classList.toggle("print-blank", `+quote(mode)+` === "blank"), true`)
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperLetter)))
		if err != nil {
			t.Fatal(err)
		}
		savePDF(t, "team-review-"+mode+".pdf", pdf)
		txt := pdfText(t, pdf)
		for _, w := range []string{"Name", "Team", "Date", "Everyone knows which decisions are theirs.", "Not yet", "Partly", "Yes", "How do we know?"} {
			if !strings.Contains(txt, w) {
				t.Errorf("%s printed with %s lacks %q", p, mode, w)
			}
		}
		for _, answer := range []string{"Minutes of three meetings.", "Grade 4 team"} {
			if strings.Contains(txt, answer) != (mode == "answers") {
				t.Errorf("%s printed with %s: %q shows: %v", p, mode, answer, mode != "answers")
			}
		}
	}

	// Clearing, once the reader confirms, leaves nothing chosen or written.
	eval[bool](t, ctx, `window.confirm = () => true, true`)
	do(t, ctx, chromedp.Click(chromedp.CSS("[data-clear-answers]")))
	reload(t, ctx)
	if eval[bool](t, ctx, `!!document.querySelector(".level input:checked") || document.getElementById("item-roles-clear-evidence").value !== ""`) {
		t.Errorf("%s: answers remain after clearing", p)
	}
}

// TestTickedChecklistPrints prints the first checklist of this
// repository's playbook with a tick and a name, and blank: both have the
// name, team and date lines; only the first shows the name.
func TestTickedChecklistPrints(t *testing.T) {
	ctx := newTab(t)
	p := firstLink(t, ctx, "/checklists/")
	open(t, ctx, p)
	eval[bool](t, ctx, `localStorage.clear(), true`)
	reload(t, ctx)
	_, err := exec.LookPath("pdftotext")
	require(t, err == nil, "pdftotext, to read the printed checklist", "install it with apt-get install poppler-utils")
	do(t, ctx,
		chromedp.Click(chromedp.CSS("[data-item]")),
		chromedp.SendKeys(chromedp.CSS(`[data-field="name"]`), "Alex Kim"),
	)
	for _, mode := range []string{"answers", "blank"} {
		eval[bool](t, ctx, `document.documentElement.classList.toggle("print-blank", `+quote(mode)+` === "blank"), true`)
		pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
		if err != nil {
			t.Fatal(err)
		}
		savePDF(t, "checklist-"+mode+".pdf", pdf)
		txt := pdfText(t, pdf)
		for _, w := range []string{"Name", "Team", "Date"} {
			if !strings.Contains(txt, w) {
				t.Errorf("%s printed with %s lacks %q", p, mode, w)
			}
		}
		if strings.Contains(txt, "Alex Kim") != (mode == "answers") {
			t.Errorf("%s printed with %s: the name shows: %v", p, mode, !(mode == "answers"))
		}
	}
	// Printed blank, a ticked box prints as an empty square; printed with
	// the ticks, as the ticked box it is.
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
		t.Fatal(err)
	}
	for mode, want := range map[string]string{"blank": "none", "answers": "auto"} {
		eval[bool](t, ctx, `document.documentElement.classList.toggle("print-blank", `+quote(mode)+` === "blank"), true`)
		if got := eval[string](t, ctx, `getComputedStyle(document.querySelector("[data-item]:checked")).appearance`); got != want {
			t.Errorf("%s printed with %s: a ticked box's appearance is %q, want %q", p, mode, got, want)
		}
	}
}

// TestTallySheetsPrintOnOnePage prints the tally sheet of every checklist
// with levels, on US Letter and on A4, and expects one page with every
// item, a column per level and one for notes, and lines for the team and
// the date; the long checklist's 30 items included.
func TestTallySheetsPrintOnOnePage(t *testing.T) {
	ctx := newTab(t)
	fixture.open(t, ctx, "/checklists/")
	tallies := eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards .meta a")].map(a => a.getAttribute("href"))`)
	if len(tallies) != 2 {
		t.Fatalf("/checklists/ links to %d tally sheets, want 2: %v", len(tallies), tallies)
	}
	_, err := exec.LookPath("pdftotext")
	require(t, err == nil, "pdftotext, to read the printed tally sheets", "install it with apt-get install poppler-utils")
	papers := []struct {
		name string
		size chromedp.PaperSize
	}{{"Letter", chromedp.PaperLetter}, {"A4", chromedp.PaperA4}}
	for _, p := range tallies {
		fixture.open(t, ctx, p)
		items := eval[[]string](t, ctx, `[...document.querySelectorAll(".tally tbody th[scope=row]")].map(e => e.textContent.replace(/\s+/g, " ").trim())`)
		if len(items) == 0 {
			t.Fatalf("%s has no items", p)
		}
		for _, paper := range papers {
			pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.size)))
			if err != nil {
				t.Fatal(err)
			}
			savePDF(t, strings.Trim(strings.ReplaceAll(p, "/", "-"), "-")+"-"+paper.name+".pdf", pdf)
			if n := pdfPages(pdf); n != 1 {
				t.Errorf("%s on %s prints on %d pages; want 1", p, paper.name, n)
			}
			txt := pdfText(t, pdf)
			if strings.Contains(txt, "Print this sheet") {
				t.Errorf("%s on %s prints the instructions meant for the screen", p, paper.name)
			}
			for _, w := range append([]string{"Team", "Date", "Not yet", "Partly", "Yes", "Notes"}, items...) {
				if !strings.Contains(txt, w) {
					t.Errorf("%s on %s lacks %q", p, paper.name, w)
				}
			}
		}
	}
}

package browser

import (
	"bytes"
	"encoding/json"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// goalPages returns the address of every goal's page, from the goals
// index.
func goalPages(t *testing.T, ctx chromedpCtx) []string {
	t.Helper()
	open(t, ctx, "/goals/")
	goals := eval[[]string](t, ctx, `[...document.querySelectorAll("main .goal-cards > li > a")].map(a => a.getAttribute("href"))`)
	if len(goals) == 0 {
		t.Fatal("/goals/ lists no goal")
	}
	return goals
}

// axImages returns the accessible name of every image in the page's
// accessibility tree, as Chromium gives it to screen readers, in order.
func axImages(t *testing.T, ctx chromedpCtx) []string {
	t.Helper()
	tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
	if err != nil {
		t.Fatalf("reading the accessibility tree: %v", err)
	}
	var names []string
	for _, n := range tree.Nodes {
		if n.Ignored || n.Role == nil || n.Name == nil {
			continue
		}
		var role, name string
		json.Unmarshal(n.Role.Value, &role)
		json.Unmarshal(n.Name.Value, &name)
		if role == "image" {
			names = append(names, name)
		}
	}
	return names
}

// chartOnPage is what a goal's page shows of a charted indicator.
type chartOnPage struct {
	Name, Summary, First, Last string
	Rows                       int
}

// TestChartsReadTheNumbers reads every goal's charts as a screen reader
// does, from the accessibility tree: each is an image whose name is the
// indicator's name and a summary stating its first and latest values, as
// the table of measurements beside it has them; the goals index's small
// trend of the same indicator has the same name.
func TestChartsReadTheNumbers(t *testing.T) {
	ctx := newTab(t)
	names := map[string]string{} // the accessible name of each indicator's chart, by indicator
	for _, goal := range goalPages(t, ctx) {
		open(t, ctx, goal)
		charts := eval[[]chartOnPage](t, ctx, `[...document.querySelectorAll(".indicator")].map(li => {
			const cells = [...li.querySelectorAll("tbody td")].map(td => td.textContent.trim());
			return {
				Name: li.querySelector("h3").textContent.trim(),
				Summary: li.querySelector("figcaption").textContent.trim(),
				First: cells[0] || "", Last: cells[cells.length - 1] || "", Rows: cells.length,
			};
		})`)
		images := axImages(t, ctx)
		if len(images) != len(charts) {
			t.Errorf("%s: %d charts, but %d images in the accessibility tree: %q", goal, len(charts), len(images), images)
			continue
		}
		for i, c := range charts {
			if c.Rows == 0 {
				t.Errorf("%s: the chart of %q has no table of measurements", goal, c.Name)
			}
			name := images[i]
			for _, want := range []string{c.Name, c.First, c.Last, c.Summary} {
				if !strings.Contains(name, want) {
					t.Errorf("%s: the chart of %q is read as %q, which does not state %q", goal, c.Name, name, want)
				}
			}
			if !strings.Contains(c.Summary, c.First) || !strings.Contains(c.Summary, c.Last) {
				t.Errorf("%s: the summary of %q, %q, does not state its first and latest values %q and %q", goal, c.Name, c.Summary, c.First, c.Last)
			}
			names[c.Name] = name
		}
	}
	if len(names) < 4 {
		t.Errorf("only %d charts in the playbook's goals: the example goals should show their measurements", len(names))
	}

	open(t, ctx, "/goals/")
	trends := eval[[]string](t, ctx, `[...document.querySelectorAll(".trends .trend-name")].map(e => e.textContent.trim())`)
	sparks := axImages(t, ctx)
	if len(trends) != len(names) || len(sparks) != len(trends) {
		t.Fatalf("/goals/ shows %d trends and %d images for %d charted indicators", len(trends), len(sparks), len(names))
	}
	for i, name := range trends {
		if sparks[i] != names[name] {
			t.Errorf("/goals/: the trend of %q is read as %q, its chart as %q", name, sparks[i], names[name])
		}
	}
}

// TestChartsInForcedColors emulates forced colours (Windows high contrast)
// and requires every chart still to draw its marks: a chart's picture must
// have a good share of pixels far from its background, as many as without
// forced colours, give or take.
func TestChartsInForcedColors(t *testing.T) {
	ctx := newTab(t)
	goal := goalPages(t, ctx)[0]
	ink := func() (share float64) {
		open(t, ctx, goal)
		n := eval[int](t, ctx, `document.querySelectorAll("svg.chart").length`)
		if n == 0 {
			t.Fatalf("%s has no chart", goal)
		}
		shot, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS("svg.chart")))
		if err != nil {
			t.Fatalf("taking a picture of the chart: %v", err)
		}
		img, err := png.Decode(bytes.NewReader(shot))
		if err != nil {
			t.Fatal(err)
		}
		return inkShare(img)
	}
	normal := ink()

	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}}}); err != nil {
		t.Fatal(err)
	}
	forced := ink()
	if !eval[bool](t, ctx, `matchMedia("(forced-colors: active)").matches`) {
		t.Fatal("forced colours are not emulated")
	}
	t.Logf("share of the chart drawn: %.3f, in forced colours %.3f", normal, forced)
	if forced < 0.02 || forced < normal/2 {
		t.Errorf("in forced colours %s's chart draws %.1f%% of its picture, %.1f%% without: its marks are lost", goal, 100*forced, 100*normal)
	}
	// Told apart without colour: the target is dashed, the values marked.
	if !eval[bool](t, ctx, `(() => {
		const c = document.querySelector("svg.chart");
		const target = c.querySelector(".chart-target line");
		return !!c.querySelector(".chart-values circle") && (!target || getComputedStyle(target).strokeDasharray !== "none");
	})()`) {
		t.Errorf("%s: in forced colours the chart's target is not dashed or its values not marked", goal)
	}
}

// inkShare returns the share of img's pixels that differ clearly from its
// most common colour, its background.
func inkShare(img image.Image) float64 {
	counts := map[[3]uint32]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			counts[[3]uint32{r >> 8, g >> 8, bl >> 8}]++
		}
	}
	var bg [3]uint32
	most := 0
	for c, n := range counts {
		if n > most || (n == most && (c[0] < bg[0] || c[0] == bg[0] && (c[1] < bg[1] || c[1] == bg[1] && c[2] < bg[2]))) {
			bg, most = c, n
		}
	}
	ink, total := 0, 0
	for c, n := range counts {
		total += n
		d := 0
		for i := range c {
			d += int(max(c[i], bg[i]) - min(c[i], bg[i]))
		}
		if d > 150 {
			ink += n
		}
	}
	return float64(ink) / float64(total)
}

// TestGoalPagesFitAPhone checks the goal pages and the goals index, with
// their charts and tables, fit a 320 pixel wide screen without scrolling
// sideways (WCAG 1.4.10), with the table of measurements open.
func TestGoalPagesFitAPhone(t *testing.T) {
	ctx := newTab(t)
	pages := append([]string{"/goals/"}, goalPages(t, ctx)...)
	do(t, ctx, chromedp.EmulateViewport(320, 640))
	for _, p := range pages {
		open(t, ctx, p)
		eval[bool](t, ctx, `document.querySelectorAll("details.chart-data").forEach(d => d.open = true), true`)
		if w := eval[int](t, ctx, `document.documentElement.scrollWidth`); w > 320 {
			wide := eval[string](t, ctx, `[...document.querySelectorAll("main *")].filter(e => e.getBoundingClientRect().right > 321).map(e => e.tagName + "." + e.getAttribute("class")).slice(0, 5).join(", ")`)
			t.Errorf("%s is %d pixels wide at 320: %s", p, w, wide)
		}
	}
}

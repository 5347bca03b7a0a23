package browser

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
)

// phone makes the tab a phone's screen, width CSS pixels wide.
func phone(t *testing.T, ctx context.Context, width int64) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: 800, DeviceScaleFactor: 2, Mobile: true}); err != nil {
		t.Fatal(err)
	}
}

// TestNoSidewaysScrolling opens every page of the site on a screen 320 CSS
// pixels wide, as WCAG 1.4.10 (reflow) asks, with nothing saved and then
// with a role chosen and work saved, and expects no page wider than the
// screen.
func TestNoSidewaysScrolling(t *testing.T) {
	ctx := newTab(t)
	phone(t, ctx, 320)
	all := pages(t)
	if len(all) < 40 {
		t.Fatalf("the site has only %d pages", len(all))
	}
	for _, saved := range []bool{false, true} {
		for _, p := range all {
			open(t, ctx, p)
			if saved && p == all[0] {
				role := eval[string](t, ctx, `document.querySelector("[data-role-choice] option[value]:not([value=''])").value`)
				chooseInHeader(t, ctx, role)
			}
			width := eval[int](t, ctx, `document.documentElement.scrollWidth`)
			if width > 320 {
				wide := eval[[]string](t, ctx, `[...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 320.5 && e.getClientRects().length > 0)
					.filter(e => ![...e.children].some(c => c.getBoundingClientRect().right > 320.5)).slice(0, 5).map(e => e.outerHTML.slice(0, 100))`)
				t.Errorf("%s (saved work %v) is %d px wide on a 320 px screen; too wide:\n  %s", p, saved, width, strings.Join(wide, "\n  "))
			}
		}
	}
}

// layoutShift returns the page's cumulative layout shift since it started
// loading, as Chromium measures it, once it has settled. Every shift
// counts: the test gives the page no input, and Chromium takes a load
// started by DevTools for one, marking the shifts of the next half second
// as following input, which cumulative layout shift would leave out.
func layoutShift(t *testing.T, ctx context.Context) float64 {
	t.Helper()
	return eval[float64](t, ctx, `new Promise(resolve => {
		let cls = 0;
		new PerformanceObserver(list => {
			for (const e of list.getEntries()) cls += e.value;
		}).observe({type: "layout-shift", buffered: true});
		const settle = () => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(cls), 300)));
		if (document.readyState === "complete") settle(); else addEventListener("load", settle);
	})`)
}

// scriptAfterPaint holds every request for the theme's script back until
// the page has painted, as a slow school network does, so that whatever
// the script changes, it changes on a page the reader already sees.
func scriptAfterPaint(t *testing.T, ctx context.Context) {
	t.Helper()
	paused := make(chan fetch.RequestID, 64)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			paused <- e.RequestID
		}
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/assets/playbook*.js"}}}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case id := <-paused:
				chromedp.Run(ctx, chromedp.Poll[bool](`performance.getEntriesByType("paint").some(e => e.name === "first-contentful-paint")`))
				chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
			}
		}
	}()
}

// TestNoLayoutShift loads a guide that is a step of several pathways on
// a phone, its script arriving after the first paint, with nothing saved
// and with a role chosen and a step done, and expects its cumulative
// layout shift to be 0: what the script shows has its place from the
// first paint.
func TestNoLayoutShift(t *testing.T) {
	ctx := newTab(t)
	phone(t, ctx, 390)
	guide, role := guideInPathways(t, ctx, 2)
	slow := false
	for _, saved := range []string{
		`localStorage.clear()`,
		`localStorage.setItem(` + quote(storeKey) + `, JSON.stringify({version: 2, role: ` + quote(role) + `, progress: {` + quote(role) + `: {` + quote(strings.TrimSuffix(strings.TrimPrefix(guide, "/guides/"), "/")) + `: true}}}))`,
	} {
		open(t, ctx, guide)
		eval[bool](t, ctx, saved+`, true`)
		// A fresh load, as a reader coming to the page.
		open(t, ctx, "/search/")
		if !slow {
			scriptAfterPaint(t, ctx)
			slow = true
		}
		open(t, ctx, guide)
		if !eval[bool](t, ctx, `document.documentElement.classList.contains("js")`) {
			t.Fatalf("%s: the script did not run", guide)
		}
		if cls := layoutShift(t, ctx); cls != 0 {
			t.Errorf("%s after %s: cumulative layout shift %.4f; want 0", guide, saved, cls)
		}
	}
}

// guideInPathways returns a guide that is a step of at least n pathways,
// and the role of its first.
func guideInPathways(t *testing.T, ctx context.Context, n int) (guide, role string) {
	t.Helper()
	open(t, ctx, "/guides/")
	for _, g := range eval[[]string](t, ctx, `[...document.querySelectorAll("main .cards li > a")].map(a => a.getAttribute("href"))`) {
		open(t, ctx, g)
		roles := eval[[]string](t, ctx, `[...document.querySelectorAll(".pathway-list > li")].map(li => li.dataset.pathway)`)
		if len(roles) >= n {
			return g, roles[0]
		}
	}
	t.Fatalf("no guide is a step of %d pathways", n)
	return "", ""
}

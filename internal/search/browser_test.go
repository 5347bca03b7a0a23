package search_test

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/playbook-edu/playbook/internal/browser"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/playbook-edu/playbook/internal/build"
	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/render"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/synth"
)

// served builds the playbook at src, serves the site on 127.0.0.1 under
// the site's Content-Security-Policy, and returns its address and index.
func served(t testing.TB, src string) (string, *search.Index) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	ds, err := build.Build(context.Background(), build.Options{Src: src, Out: out, BaseURL: "http://127.0.0.1/"})
	// Warnings (a text above its reading level) leave the site as it is.
	if err != nil || slices.ContainsFunc(ds, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
		t.Fatal(err, ds)
	}
	var diags diag.List
	site, err := build.Load(context.Background(), os.DirFS(src), "http://127.0.0.1/", &diags)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(out))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", render.ContentSecurityPolicy)
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String(), search.Build(site.Graph, nil)
}

func eval[T any](t testing.TB, ctx context.Context, js string, opts ...chromedp.EvaluateOption) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// until waits for a JavaScript condition to hold.
func until(t testing.TB, ctx context.Context, js string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("still not true after 30s: %s", js)
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// shownTitles are the titles of the results on the page.
const shownTitles = `Array.from(document.querySelectorAll("#search-results li > a")).map(a => a.textContent)`

// goTitles are the titles of the first 50 results the Go index gives.
func goTitles(ix *search.Index, q string, f search.Filter) []string {
	rs := ix.Search(q, f)
	var out []string
	for _, r := range rs[:min(len(rs), 50)] {
		out = append(out, ix.Docs[r.Doc].Title)
	}
	return out
}

// TestSearchPageInBrowser drives the search page in Chromium: typing shows
// results with the words marked and a count in the live region, filters
// narrow them, arrow keys move between box and results, and the results are
// those of the Go index, in the same order.
func TestSearchPageInBrowser(t *testing.T) {
	addr, ix := served(t, "../..")
	ctx := browser.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/")); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, `window.playbookSearch.ready.then(() => true)`, chromedp.EvalAwaitPromise)
	if hidden := eval[[]bool](t, ctx, `[document.querySelector("form[data-search-index]").hidden, document.querySelector("[data-search-fallback]").hidden]`); !slices.Equal(hidden, []bool{false, true}) {
		t.Errorf("form and fallback hidden: %v; want the form shown and the fallback hidden", hidden)
	}

	// Type, with real key presses: results appear, in the Go index's order.
	if err := chromedp.Do(ctx, chromedp.SendKeys("#search-q", "mentoring")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
	want := goTitles(ix, "mentoring", search.Filter{})
	if got := eval[[]string](t, ctx, shownTitles); !slices.Equal(got, want) {
		t.Errorf("results for mentoring:\n%q\nwant\n%q", got, want)
	}
	if marks := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#search-results mark")).map(m => m.textContent.toLowerCase())`); len(marks) == 0 ||
		slices.ContainsFunc(marks, func(m string) bool { return ix.Language.Stem(m) != "mentor" }) {
		t.Errorf("marked words %q; want forms of mentor", marks)
	}
	wantStatus := fmt.Sprintf("%d results.", len(ix.Search("mentoring", search.Filter{})))
	until(t, ctx, `document.getElementById("search-status").textContent === `+quote(wantStatus))
	if role := eval[string](t, ctx, `document.getElementById("search-status").getAttribute("role")`); role != "status" {
		t.Errorf("the count's element has role %q, want status", role)
	}
	if u := eval[string](t, ctx, `location.search`); u != "?q=mentoring" {
		t.Errorf("the address keeps %q, want ?q=mentoring", u)
	}

	// Filter by role, then by system.
	eval[any](t, ctx, `(() => { const s = document.getElementById("search-role"); s.value = "student"; s.dispatchEvent(new Event("change")); })()`)
	want = goTitles(ix, "mentoring", search.Filter{Role: "student"})
	if got := eval[[]string](t, ctx, shownTitles); !slices.Equal(got, want) || len(want) == 0 {
		t.Errorf("results for mentoring, students:\n%q\nwant\n%q", got, want)
	}
	eval[any](t, ctx, `(() => { const s = document.getElementById("search-system"); s.value = "SNI"; s.dispatchEvent(new Event("change")); })()`)
	want = goTitles(ix, "mentoring", search.Filter{Role: "student", System: "SNI"})
	if got := eval[[]string](t, ctx, shownTitles); !slices.Equal(got, want) {
		t.Errorf("results for mentoring, students, SNI:\n%q\nwant\n%q", got, want)
	}
	eval[any](t, ctx, `(() => { for (const id of ["search-role", "search-system"]) { const s = document.getElementById(id); s.value = ""; s.dispatchEvent(new Event("change")); } })()`)

	// The keyboard: down from the box to the results, and back up.
	active := `document.activeElement.id || document.activeElement.textContent`
	titles := eval[[]string](t, ctx, shownTitles)
	if len(titles) < 2 {
		t.Fatalf("need two results to move between, have %q", titles)
	}
	for _, step := range []struct{ key, want string }{
		{kb.ArrowDown, titles[0]}, {kb.ArrowDown, titles[1]}, {kb.ArrowUp, titles[0]}, {kb.ArrowUp, "search-q"},
	} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(step.key)); err != nil {
			t.Fatal(err)
		}
		if got := eval[string](t, ctx, active); got != step.want {
			t.Errorf("after %q focus is on %q, want %q", step.key, got, step.want)
		}
	}

	// An exact title comes first; a query with no result says so.
	eval[any](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = "Trust and responsibility"; i.dispatchEvent(new Event("input")); })()`)
	if got := eval[[]string](t, ctx, shownTitles); len(got) == 0 || got[0] != "Trust and responsibility" {
		t.Errorf("results for an exact title: %q", got)
	}
	eval[any](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = "zyzzyva"; i.dispatchEvent(new Event("input")); })()`)
	until(t, ctx, `document.getElementById("search-status").textContent.startsWith("No results for “zyzzyva”")`)
	if n := eval[int](t, ctx, `document.querySelectorAll("#search-results li").length`); n != 0 {
		t.Errorf("%d results for nonsense", n)
	}

	// Hostile text in a query is shown as text.
	eval[any](t, ctx, `(() => { const i = document.getElementById("search-q"); i.value = "<img src=x onerror=alert(1)>"; i.dispatchEvent(new Event("input")); })()`)
	until(t, ctx, `document.getElementById("search-status").textContent.includes("<img")`)
	if n := eval[int](t, ctx, `document.querySelectorAll("main img").length`); n != 0 {
		t.Error("a query's markup became an element")
	}

	// A link with ?q= opens with its results.
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/?q=trust&role=teacher")); err != nil {
		t.Fatal(err)
	}
	until(t, ctx, `document.querySelectorAll("#search-results li").length > 0`)
	if got, want := eval[[]string](t, ctx, shownTitles), goTitles(ix, "trust", search.Filter{Role: "teacher"}); !slices.Equal(got, want) {
		t.Errorf("results of a link:\n%q\nwant\n%q", got, want)
	}
}

// TestSearchScriptMatchesGo compares search.js with the Go package on
// this repository's playbook, in English: the stem of every word of the
// site and of the stemmer's tests, and the results of queries typed
// letter by letter. TestStemmersMatchLibrary and TestLanguagesMatchGo
// compare the stemmers and languages on many more words.
func TestSearchScriptMatchesGo(t *testing.T) {
	addr, ix := served(t, "../..")
	ctx := browser.Chromium(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/")); err != nil {
		t.Fatal(err)
	}
	eval[any](t, ctx, `window.playbookSearch.ready.then(() => true)`, chromedp.EvalAwaitPromise)

	seen := map[string]bool{}
	for _, d := range ix.Docs {
		for _, w := range search.Words(d.Title + " " + d.Snippet) {
			seen[w] = true
		}
	}
	for _, w := range strings.Fields(`caresses ponies ties cries gaps kiwis agreed plastered hopping tanned filing luxuriated
		happy cry say relational conditional valency digitizer conformably radically differently vilely analogously
		vietnamization predication operator feudalism decisiveness hopefulness callousness formality sensitivity
		sensibility triplicate formative electricity goodness revival allowance inference airliner adjustable defensible
		irritant replacement dependent adoption homologous effective bowdlerize controll generously communities skies
		dying idly early inning innings proceed consolingly knackeries café k12 yellowy sayings enjoying`) {
		seen[w] = true
	}
	var words []string
	for w := range seen {
		words = append(words, w)
	}
	sort.Strings(words)
	list, _ := json.Marshal(words)
	got := eval[[]string](t, ctx, `window.playbookSearch.ready.then(ix => (`+string(list)+`).map(w => ix.language.stem(w)))`, chromedp.EvalAwaitPromise)
	for i, w := range words {
		if got[i] != ix.Language.Stem(w) {
			t.Errorf("search.js stems %q as %q, Go as %q", w, got[i], ix.Language.Stem(w))
		}
	}
	t.Logf("%d words stem alike", len(words))

	var queries []string
	for _, q := range []string{"mentoring peers", "Trust and responsibility", "leading indicators", "student voice", "goals ", "TWPS", "it's the district's"} {
		for i := 1; i <= len(q); i++ {
			queries = append(queries, q[:i])
		}
	}
	for _, f := range []search.Filter{{}, {Role: "teacher"}, {System: "LDR"}} {
		for _, q := range queries {
			js := fmt.Sprintf(`window.playbookSearch.search(%s, %s, %s).then(rs => rs.map(r => [r.doc, r.score, r.exact ? 1 : 0]))`, quote(q), quote(f.Role), quote(f.System))
			got := eval[[][3]int](t, ctx, js, chromedp.EvalAwaitPromise)
			var want [][3]int
			for _, r := range ix.Search(q, f) {
				exact := 0
				if r.Exact {
					exact = 1
				}
				want = append(want, [3]int{r.Doc, r.Score, exact})
			}
			if !slices.Equal(got, want) {
				t.Errorf("query %q %+v: search.js gives %v, Go %v", q, f, got, want)
			}
		}
	}
}

// TestSearchPageWithoutJavaScript checks the page offers the guides index
// when scripts do not run.
func TestSearchPageWithoutJavaScript(t *testing.T) {
	addr, _ := served(t, "../..")
	ctx := browser.Chromium(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/")); err != nil {
		t.Fatal(err)
	}
	state := eval[[]any](t, ctx, `[document.querySelector("form[data-search-index]").hidden,
		document.querySelector("[data-search-fallback]").hidden,
		document.querySelector("[data-search-fallback] a").getAttribute("href")]`)
	if state[0] != true || state[1] != false || state[2] != "/guides/" {
		t.Errorf("without JavaScript: form hidden %v, fallback hidden %v, link %v; want the fallback linking to /guides/", state[0], state[1], state[2])
	}
}

// BenchmarkSearchInBrowser measures, in Chromium, on the synthetic
// playbook, the time from the input event of a typed query to its first
// result in the page's DOM, and to the next frame after it. Each round
// clears the box first.
//
//	go test ./internal/search -run '^$' -bench SearchInBrowser -benchtime 200x
//
// PLAYBOOK_BENCH_GUIDES sets the size (default 1000).
func BenchmarkSearchInBrowser(b *testing.B) {
	n := 1000
	if s := os.Getenv("PLAYBOOK_BENCH_GUIDES"); s != "" {
		fmt.Sscan(s, &n)
	}
	src := filepath.Join(b.TempDir(), "src")
	if err := synth.Write(src, n); err != nil {
		b.Fatal(err)
	}
	addr, _ := served(b, src)
	ctx := browser.Chromium(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(addr+"/search/")); err != nil {
		b.Fatal(err)
	}
	eval[any](b, ctx, `window.playbookSearch.ready.then(() => true)`, chromedp.EvalAwaitPromise)
	// The harness: clear the box, wait a frame, type the query as one input
	// event, and time the first result's arrival and the frame after.
	const harness = `(q) => new Promise(resolve => {
		const input = document.getElementById("search-q"), list = document.getElementById("search-results");
		input.value = ""; input.dispatchEvent(new Event("input"));
		requestAnimationFrame(() => {
			let t0 = 0;
			const seen = new MutationObserver(() => {
				if (!list.firstElementChild) return;
				seen.disconnect();
				const dom = performance.now() - t0;
				requestAnimationFrame(() => resolve([dom, performance.now() - t0]));
			});
			seen.observe(list, {childList: true});
			input.value = q;
			t0 = performance.now();
			input.dispatchEvent(new Event("input", {bubbles: true}));
		});
	})`
	queries := []string{"team", "lead", "practice", "mentor", "school distr", "evidence of", "plan sha", "colleague feedback", "reflect", "decision"}
	var dom, frame []float64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		v := eval[[]float64](b, ctx, `(`+harness+`)(`+quote(queries[i%len(queries)])+`)`, chromedp.EvalAwaitPromise)
		dom, frame = append(dom, v[0]), append(frame, v[1])
	}
	b.StopTimer()
	slices.Sort(dom)
	slices.Sort(frame)
	b.ReportMetric(dom[len(dom)/2], "ms-to-result-median")
	b.ReportMetric(dom[len(dom)*9/10], "ms-to-result-p90")
	b.ReportMetric(frame[len(frame)/2], "ms-to-frame-median")
	b.ReportMetric(frame[len(frame)*9/10], "ms-to-frame-p90")
	b.ReportMetric(0, "ns/op")
}

package render

import "testing"

func TestPrintBodyKeepsLinksInsideTheDocument(t *testing.T) {
	d := &printDoc{anchors: map[string]string{"/pb/guides/b/": "guide-b", "/pb/roles/teacher/": "role-teacher"}}
	in := `<h2 id="steps">Steps</h2><p><a href="#steps">up</a> <a href="/pb/guides/b/">B</a> <a href="/pb/guides/b/#why">B why</a> ` +
		`<a href="/pb/about/">About</a> <a href="https://example.org/">out</a></p><h5 id="deep">Deep</h5><sup id="fnref:1"><a href="#fn:1">1</a></sup>`
	want := `<h4 id="guide-a--steps">Steps</h4><p><a href="#guide-a--steps">up</a> <a href="#guide-b">B</a> <a href="#guide-b--why">B why</a> ` +
		`<a href="/pb/about/">About</a> <a href="https://example.org/">out</a></p><h6 id="guide-a--deep">Deep</h6><sup id="guide-a--fnref:1"><a href="#guide-a--fn:1">1</a></sup>`
	if got := d.body(in, "guide-a", 2); got != want {
		t.Errorf("body rewritten as\n%s\nwant\n%s", got, want)
	}
	if got := d.body("", "x", 2); got != "" {
		t.Errorf("empty body became %q", got)
	}
}

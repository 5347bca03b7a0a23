package markdown

import (
	"strings"
	"testing"
)

func TestLinkTerms(t *testing.T) {
	c := New("/pb/")
	c.SetTerms([]Term{
		{Word: "walkthrough", URL: "/glossary/#walkthrough"},
		{Word: "Leading indicator", URL: "/glossary/#leading-indicator"},
		{Word: "niño", URL: "/glossary/#nino"},
		{Word: "cap", URL: "/glossary/#cap"},
		{Word: "indicador  anticipado", URL: "/glossary/#indicador-anticipado"},
		{Word: "sesión de planificación", URL: "/glossary/#sesion"},
		{Word: "learning community", URL: "/glossary/#community"},
		{Word: "vez", URL: "/glossary/#vez"},
		{Word: "key", URL: "/glossary/#key"},
	})
	for _, tc := range []struct {
		text  string
		terms bool
		want  []string // parts of the HTML, in order
		not   []string
	}{
		{"A Walkthrough, then another walkthrough.", true,
			[]string{`A <a href="/pb/glossary/#walkthrough" class="term">Walkthrough</a>, then another walkthrough.`}, nil},
		{"Two walkthroughs and leading indicators.", true,
			[]string{`<a href="/pb/glossary/#walkthrough" class="term">walkthroughs</a>`, `<a href="/pb/glossary/#leading-indicator" class="term">leading indicators</a>`}, nil},
		{"# Walkthrough\n\n`walkthrough` and [walkthrough](x.md) and a walkthrough.", true,
			[]string{`<h1 id="walkthrough">Walkthrough</h1>`, `<code>walkthrough</code>`, `>walkthrough</a> and a <a href="/pb/glossary/#walkthrough" class="term">walkthrough</a>.`}, nil},
		{"A capital captain has a cap.", true, []string{`has a <a href="/pb/glossary/#cap" class="term">cap</a>.`}, []string{`class="term">cap</a>ital`}},
		{"El niño y los niños.", true, []string{`El <a href="/pb/glossary/#nino" class="term">niño</a> y los niños.`}, nil},
		{"A walkthrough\nacross lines.", true, []string{"A <a href=\"/pb/glossary/#walkthrough\" class=\"term\">walkthrough</a>\nacross lines."}, nil},
		{"A walkthrough in a data file.", false, nil, []string{`class="term"`}},
		{"Los indicadores anticipados del año.", true,
			[]string{`Los <a href="/pb/glossary/#indicador-anticipado" class="term">indicadores anticipados</a> del año.`}, nil},
		{"Las sesiones de planificaciones.", true,
			[]string{`Las <a href="/pb/glossary/#sesion" class="term">sesiones de planificaciones</a>.`}, nil},
		{"Una sesión de planificación.", true,
			[]string{`Una <a href="/pb/glossary/#sesion" class="term">sesión de planificación</a>.`}, nil},
		{"Two learning communities.", true,
			[]string{`Two <a href="/pb/glossary/#community" class="term">learning communities</a>.`}, nil},
		{"Muchas veces.", true, []string{`Muchas <a href="/pb/glossary/#vez" class="term">veces</a>.`}, nil},
		{"The keys, not kies.", true, []string{`The <a href="/pb/glossary/#key" class="term">keys</a>, not kies.`}, nil},
		{"Las sesionesx.", true, nil, []string{`class="term"`}},
		{"Un indicador anticipadox y un indicador anticipado.", true,
			[]string{`Un indicador anticipadox y un <a href="/pb/glossary/#indicador-anticipado" class="term">indicador anticipado</a>.`}, nil},
	} {
		src := []byte(tc.text)
		doc, err := c.Convert(Source{Text: src, File: "content/guides/a.md", Position: LinePositions("content/guides/a.md", src, 1), Terms: tc.terms})
		if err != nil {
			t.Fatal(err)
		}
		html := string(doc.HTML)
		at := 0
		for _, w := range tc.want {
			i := strings.Index(html[at:], w)
			if i < 0 {
				t.Errorf("%q rendered as %s; want it to contain, in order, %s", tc.text, html, w)
				break
			}
			at += i + len(w)
		}
		for _, w := range tc.not {
			if strings.Contains(html, w) {
				t.Errorf("%q rendered as %s; want no %s", tc.text, html, w)
			}
		}
	}
}

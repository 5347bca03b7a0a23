package browser

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// pageObject matches a page object of a PDF, not the /Pages tree above
// them. Chromium writes its page dictionaries uncompressed.
var pageObject = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// pdfPages counts the pages of a PDF.
func pdfPages(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }

// pdftotext is poppler's pdftotext; a test that reads a PDF's text fails
// without it under CI=true and skips elsewhere, saying how to install it.
func pdftotext(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	require(t, err == nil, "pdftotext, to read the printed PDFs", "install it with apt-get install poppler-utils")
	return bin
}

// pdfText returns the text of a PDF, its white space collapsed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	return strings.Join(pdfPageTexts(t, pdf), " ")
}

// pdfPageTexts returns the text of each page of a PDF, its white space
// collapsed.
func pdfPageTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin := pdftotext(t)
	f := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	pages := strings.Split(string(out), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1] // pdftotext ends every page with a form feed
	}
	for i, p := range pages {
		pages[i] = strings.Join(strings.Fields(p), " ")
	}
	return pages
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

// pdfOutline returns the titles of a PDF's bookmarks (its outline), in
// the order a reader meets them: each entry, then the entries under it.
// It reads the uncompressed objects Chromium writes (PDF 1.4, no object
// streams) and fails the test on a PDF it cannot follow.
func pdfOutline(t *testing.T, pdf []byte) []string {
	t.Helper()
	objects := map[int]string{}
	for _, m := range pdfObject.FindAllSubmatchIndex(pdf, -1) {
		n, _ := strconv.Atoi(string(pdf[m[2]:m[3]]))
		objects[n] = string(pdf[m[4]:m[5]])
	}
	root := 0
	for _, body := range objects {
		if strings.Contains(body, "/Type /Catalog") {
			root = ref(body, "Outlines")
		}
	}
	if root == 0 {
		t.Fatal("the PDF has no outline (/Outlines in its catalog)")
	}
	var titles []string
	var walk func(n, depth int)
	walk = func(n, depth int) {
		for seen := 0; n != 0; seen++ {
			if seen > 100000 || depth > 20 {
				t.Fatal("the PDF's outline does not end")
			}
			body, ok := objects[n]
			if !ok {
				t.Fatalf("the PDF's outline names object %d, which it does not have", n)
			}
			titles = append(titles, pdfString(t, body, "Title"))
			walk(ref(body, "First"), depth+1)
			n = ref(body, "Next")
		}
	}
	walk(ref(objects[root], "First"), 0)
	return titles
}

var pdfObject = regexp.MustCompile(`(?s)(\d+) 0 obj\s*(.*?)\s*endobj`)

// ref returns the object number a dictionary's key refers to, or 0.
func ref(dict, key string) int {
	m := regexp.MustCompile(`/` + key + `\s+(\d+)\s+0\s+R`).FindStringSubmatch(dict)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pdfString decodes the string a dictionary's key holds: a literal
// (...) with its escapes, or <hex>; UTF-16 when it starts with a byte
// order mark, else taken as Latin-1 (PDFDocEncoding for what tests use).
func pdfString(t *testing.T, dict, key string) string {
	t.Helper()
	i := strings.Index(dict, "/"+key)
	if i < 0 {
		t.Fatalf("no /%s in %.80q", key, dict)
	}
	s := strings.TrimLeft(dict[i+len(key)+1:], " \r\n\t")
	var raw []byte
	switch {
	case strings.HasPrefix(s, "<"):
		end := strings.IndexByte(s, '>')
		hex := strings.Join(strings.Fields(s[1:end]), "")
		for j := 0; j+1 < len(hex); j += 2 {
			b, err := strconv.ParseUint(hex[j:j+2], 16, 8)
			if err != nil {
				t.Fatalf("bad hex string %q", hex)
			}
			raw = append(raw, byte(b))
		}
	case strings.HasPrefix(s, "("):
		depth := 0
	literal:
		for j := 0; j < len(s); j++ {
			c := s[j]
			switch {
			case c == '\\' && j+1 < len(s):
				j++
				switch e := s[j]; e {
				case 'n':
					raw = append(raw, '\n')
				case 'r':
					raw = append(raw, '\r')
				case 't':
					raw = append(raw, '\t')
				case 'b':
					raw = append(raw, '\b')
				case 'f':
					raw = append(raw, '\f')
				case '0', '1', '2', '3', '4', '5', '6', '7':
					k := j
					for k < len(s) && k < j+3 && s[k] >= '0' && s[k] <= '7' {
						k++
					}
					v, _ := strconv.ParseUint(s[j:k], 8, 8)
					raw = append(raw, byte(v))
					j = k - 1
				case '\n':
				default:
					raw = append(raw, e)
				}
			case c == '(':
				if depth > 0 {
					raw = append(raw, c)
				}
				depth++
			case c == ')':
				depth--
				if depth == 0 {
					break literal
				}
				raw = append(raw, c)
			default:
				raw = append(raw, c)
			}
		}
	default:
		t.Fatalf("/%s is not a string: %.40q", key, s)
	}
	if len(raw) >= 2 && raw[0] == 0xfe && raw[1] == 0xff {
		u := make([]uint16, 0, len(raw)/2)
		for j := 2; j+1 < len(raw); j += 2 {
			u = append(u, uint16(raw[j])<<8|uint16(raw[j+1]))
		}
		return string(utf16.Decode(u))
	}
	r := make([]rune, len(raw))
	for j, b := range raw {
		r[j] = rune(b)
	}
	return string(r)
}

// TestPDFString checks the decoder the outline test relies on.
func TestPDFString(t *testing.T) {
	for _, tc := range []struct{ dict, want string }{
		{`/Title (Contents)`, "Contents"},
		{`/Title (A \(nested\) \\ \101 (pair))`, `A (nested) \ A (pair)`},
		{`/Title <FEFF00480069002000B7>`, "Hi ·"},
		{`/Title (\376\377\000O\000K)`, "OK"},
	} {
		if got := pdfString(t, tc.dict, "Title"); got != tc.want {
			t.Errorf("pdfString(%q) = %q, want %q", tc.dict, got, tc.want)
		}
	}
}

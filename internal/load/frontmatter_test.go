package load

import (
	"bytes"
	"testing"

	"github.com/adrg/frontmatter"
)

// parseFrontMatter runs frontmatter.Parse as the loader sets it up and
// returns the front matter it found and what follows it.
func parseFrontMatter(t *testing.T, src []byte) (fm []byte, found bool, rest []byte) {
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		fm, found = bytes.Clone(data), true
		return nil
	})
	rest, err := frontmatter.Parse(bytes.NewReader(src), nil, format)
	if err != nil {
		t.Fatal(err)
	}
	return fm, found, rest
}

// FuzzFrontMatterEnd checks that giving frontmatter.Parse only the file up
// to where frontMatterLines ends it finds the same front matter and, taken from the whole
// file, the same body as giving it the whole file.
func FuzzFrontMatterEnd(f *testing.F) {
	for _, s := range []string{
		"", "---", "---\n", "---\n---\n", "---\ntitle: x\n---\nbody\n---\nmore\n",
		"\n\n  ---  \ntitle: x\n \t--- \nbody", "title: x\n---\n", "---\ntitle: x\n",
		"---\r\ntitle: x\r\n---\r\nbody\r\n", "---\ntitle: x\n----\n---\n", "---\ntitle: x\n---",
		"\xef\xbb\xbf---\ntitle: x\n---\n", "--- \n---\n\n\nbody",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		wantFM, wantFound, wantRest := parseFrontMatter(t, src)
		head := src
		if _, _, end := frontMatterLines(src); end > 0 {
			head = src[:end]
		}
		fm, found, rest := parseFrontMatter(t, head)
		rest = src[len(head)-len(rest):]
		if found != wantFound || !bytes.Equal(fm, wantFM) || !bytes.Equal(rest, wantRest) {
			t.Errorf("src %q: cut at %d gives (%q, %v, %q), whole file (%q, %v, %q)",
				src, len(head), fm, found, rest, wantFM, wantFound, wantRest)
		}
	})
}

func TestFrontMatterEnd(t *testing.T) {
	for src, want := range map[string]int{
		"---\ntitle: x\n---\nbody\n":        17,
		"\n  --- \ntitle: x\n\t---\t\nbody": 23,
		"---\r\ntitle: x\r\n---\r\nbody":    20,
		"---\ntitle: x\n---":                16,
		"---\ntitle: x\n":                   0,
		"title: x\n---\n":                   0,
		"":                                  0,
	} {
		if _, _, got := frontMatterLines([]byte(src)); got != want {
			t.Errorf("frontMatterLines(%q) ends at %d, want %d", src, got, want)
		}
	}
}

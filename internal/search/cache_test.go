package search_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/playbook-edu/playbook/internal/diag"
	"github.com/playbook-edu/playbook/internal/link"
	loader "github.com/playbook-edu/playbook/internal/load"
	"github.com/playbook-edu/playbook/internal/search"
	"github.com/playbook-edu/playbook/internal/synth"
)

// TestCacheAfterEdit builds the index of a synthetic playbook as the dev
// server does, with a load cache and a search Cache kept between builds,
// edits one guide, and checks each index is the one a fresh Cache and no
// Cache give: the unchanged guides' cached terms are right, and the edited
// guide's are new.
func TestCacheAfterEdit(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, 200); err != nil {
		t.Fatal(err)
	}
	files := &loader.Cache{}
	graph := func() *link.Graph {
		t.Helper()
		var diags diag.List
		pb, err := loader.Load(context.Background(), os.DirFS(dir), loader.Options{Cache: files}, &diags)
		if err != nil {
			t.Fatal(err)
		}
		g := link.Link(pb, &diags)
		if diags.HasErrors() {
			t.Fatal(diags.Items())
		}
		return g
	}
	// check builds g's index with the kept Cache, a new one and none, and
	// returns it if all three agree.
	cache := &search.Cache{}
	check := func(g *link.Graph) []byte {
		t.Helper()
		kept := search.Build(g, cache).JSON()
		if fresh := search.Build(g, &search.Cache{}).JSON(); !bytes.Equal(kept, fresh) {
			t.Fatalf("the index with the kept Cache differs from the one with a new Cache")
		}
		if none := search.Build(g, nil).JSON(); !bytes.Equal(kept, none) {
			t.Fatalf("the index with a Cache differs from the one without")
		}
		return kept
	}

	first := check(graph())
	again := check(graph())
	if !bytes.Equal(first, again) {
		t.Fatal("an unchanged playbook's index changed")
	}

	// Give guide 7 a new word in its body and a new title.
	name := filepath.Join(dir, "content", "guides", "practice-00007.md")
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	data = bytes.Replace(data, []byte("title: Practice 7\n"), []byte("title: Practice seven\n"), 1)
	data = append(data, "\nThe zanzibar quokkas quokka.\n"...)
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	g := graph()
	if files.Read != 1 {
		t.Fatalf("the load stage read %d files again, want 1: the search Cache would not be warm", files.Read)
	}
	edited := check(g)
	if bytes.Equal(first, edited) {
		t.Fatal("the index did not change with the guide")
	}
	ix := search.Build(g, cache)
	for q, want := range map[string]string{"zanzibar": "Practice seven", "quokka": "Practice seven", "practice seven": "Practice seven"} {
		if rs := ix.Search(q, search.Filter{}); len(rs) == 0 || ix.Docs[rs[0].Doc].Title != want {
			t.Errorf("%q finds %v first, want %q", q, rs, want)
		}
	}
}

// TestCacheConcurrentBuilds builds with one Cache from several goroutines
// at once, as a dev server may when a page asks for the index while the
// next build runs: each index must be the one no Cache gives. Run with
// -race, it also checks the Cache's locking.
func TestCacheConcurrentBuilds(t *testing.T) {
	g := synthGraph(t, 50)
	want := search.Build(g, nil).JSON()
	cache := &search.Cache{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				if got := search.Build(g, cache).JSON(); !bytes.Equal(got, want) {
					t.Error("an index built beside another with the same Cache differs from one built without")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCacheLanguageChange builds with one Cache as the playbook's language
// changes from English to Spanish and back, as when an editor changes
// language: in playbook.yaml with the dev server running. Each index must
// be the one no Cache gives: terms stemmed by one language's rules are
// never reused for another's.
func TestCacheLanguageChange(t *testing.T) {
	g := synthGraph(t, 50)
	cache := &search.Cache{}
	for _, lang := range []string{"en", "es", "es-419", "en", "fr", "es"} {
		g.Config.Language = lang
		want := search.Build(g, nil)
		if got := search.Build(g, cache); !bytes.Equal(got.JSON(), want.JSON()) {
			t.Errorf("%s: the index with the Cache kept since the last language differs from the one without", lang)
		}
		if want.Language.Code != search.LanguageOf(lang).Code {
			t.Errorf("%s: indexed as %q", lang, want.Language.Code)
		}
	}
}

package search_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/search"
)

// indexFile is the index file as search.js reads it.
type indexFile struct {
	V       int               `json:"v"`
	Lang    string            `json:"lang"`
	Stop    []string          `json:"stop"`
	Kinds   []string          `json:"kinds"`
	Roles   [][2]string       `json:"roles"`
	Systems [][2]string       `json:"systems"`
	Docs    []json.RawMessage `json:"docs"`
	Terms   map[string]string `json:"terms"`
}

func decodeIndex(t testing.TB, data []byte) *indexFile {
	t.Helper()
	var f indexFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.V != 2 {
		t.Fatalf("index version %d", f.V)
	}
	return &f
}

// postings decodes a stem's postings: pairs of variable-length numbers,
// five bits a character, low bits first, characters from 'w' on saying
// more follow.
func (f *indexFile) postings(stem string) []search.Posting {
	const digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
	var out []search.Posting
	var nums []int
	value, scale := 0, 1
	for _, c := range f.Terms[stem] {
		v := strings.IndexRune(digits, c)
		if v >= 32 {
			value += (v - 32) * scale
			scale *= 32
			continue
		}
		nums = append(nums, value+v*scale)
		value, scale = 0, 1
	}
	doc := 0
	for i := 0; i+1 < len(nums); i += 2 {
		doc += nums[i]
		out = append(out, search.Posting{Doc: int32(doc), Score: int32(nums[i+1])})
	}
	return out
}

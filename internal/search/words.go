package search

import (
	"encoding/binary"
	"math/bits"
)

// wordNumbers maps words to stem numbers, for a scorer, which looks up
// every word of the playbook in it: millions of lookups of a few thousand
// distinct words. A Go map keyed by string spent more time on a lookup
// than the scanner spent finding the word.
//
// Almost every word is at most 16 bytes long. Such a word, padded with
// zero bytes, is two integers; no word has a zero byte, so the padding
// cannot be taken for part of the word, and two words are equal just when
// their integers are. These keys go in an open-addressing table: a lookup
// hashes two integers and compares two integers, and touches one or two
// slots. Longer words go in a Go map.
type wordNumbers struct {
	slots []wordSlot // a power of two of them, at most three quarters used
	used  int
	long  map[string]int32 // words longer than 16 bytes
}

// wordKey is a word of at most 16 bytes, zero-padded, as two integers.
// The zero key is no word.
type wordKey [2]uint64

type wordSlot struct {
	key wordKey // zero for an empty slot
	n   int32
}

// keyOf returns w's key, or false if w is too long to have one.
//
// When w has room for 16 bytes, as the scanner's words do, the key is
// read straight from it, with the bytes past its end masked off: copying
// the word into a zeroed array first took as long as the rest of a lookup.
func keyOf(w []byte) (wordKey, bool) {
	n := len(w)
	if n > 16 {
		return wordKey{}, false
	}
	if cap(w) < 16 {
		var b [16]byte
		w = append(b[:0], w...)
	}
	b := w[:16]
	// A shift by 64 gives 0, so a mask of 0-1 keeps all eight bytes.
	return wordKey{
		binary.LittleEndian.Uint64(b[:8]) & (1<<(8*min(n, 8)) - 1),
		binary.LittleEndian.Uint64(b[8:]) & (1<<(8*(max(n, 8)-8)) - 1),
	}, true
}

// slot returns the index of the first slot to look at for k.
func (t *wordNumbers) slot(k wordKey) int {
	h := (k[0] ^ bits.RotateLeft64(k[1], 31)) * 0x9e3779b97f4a7c15 // Fibonacci hashing
	return int(h >> (64 - bits.TrailingZeros(uint(len(t.slots)))))
}

// get returns the stem number of w, and whether w is in the table.
func (t *wordNumbers) get(w []byte) (int32, bool) {
	k, short := keyOf(w)
	if !short {
		n, ok := t.long[string(w)]
		return n, ok
	}
	if len(t.slots) == 0 {
		return 0, false
	}
	mask := len(t.slots) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.slots[i].key {
		case wordKey{}: // first, so that the empty word, whose key is zero, is never found
			return 0, false
		case k:
			return t.slots[i].n, true
		}
	}
}

// put sets the stem number of w, which is not in the table.
func (t *wordNumbers) put(w []byte, n int32) {
	k, short := keyOf(w)
	if !short {
		if t.long == nil {
			t.long = map[string]int32{}
		}
		t.long[string(w)] = n
		return
	}
	if 4*(t.used+1) > 3*len(t.slots) {
		t.grow()
	}
	t.insert(k, n)
	t.used++
}

func (t *wordNumbers) insert(k wordKey, n int32) {
	mask := len(t.slots) - 1
	i := t.slot(k)
	for t.slots[i].key != (wordKey{}) {
		i = (i + 1) & mask
	}
	t.slots[i] = wordSlot{k, n}
}

// grow doubles the table.
func (t *wordNumbers) grow() {
	old := t.slots
	t.slots = make([]wordSlot, max(1024, 2*len(old)))
	for _, s := range old {
		if s.key != (wordKey{}) {
			t.insert(s.key, s.n)
		}
	}
}

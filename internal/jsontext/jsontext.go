// Package jsontext writes JSON strings exactly as encoding/json writes
// them, without its reflection: the search index of a 10,000-guide
// playbook holds millions of strings. Its tests (TestAppendString,
// FuzzAppendString, with and without HTML escaping) and those of package
// search (FuzzJSONString) check it against encoding/json.
package jsontext

import (
	"math/bits"
	"unicode/utf8"
)

const hex = "0123456789abcdef"

// jsonSafe says which ASCII bytes appear in a JSON string as they are;
// htmlSafe is jsonSafe without <, > and &.
var jsonSafe, htmlSafe = func() (safe, html [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
		html[c] = safe[c] && c != '<' && c != '>' && c != '&'
	}
	return safe, html
}()

// AppendString appends s as a JSON string, escaped as encoding/json
// escapes it: " and \ with a backslash; \b, \f, \n, \r and \t by name;
// other control characters, and <, > and & when escapeHTML is set, as
// \u00XX; U+2028 and U+2029 as \u2028 and \u2029 (JavaScript does not
// allow them in strings); and each byte of invalid UTF-8 as the
// replacement character U+FFFD itself, as encoding/json does since Go 1.27
// (before, it wrote the escape \ufffd).
func AppendString(b []byte, s string, escapeHTML bool) []byte {
	safe := &jsonSafe
	if escapeHTML {
		safe = &htmlSafe
	}
	b = append(b, '"')
	start := 0 // s[start:i] is safe and not yet appended
	for i := 0; i < len(s); {
		// Most text has long runs that need no escaping: skip them.
		if i += plainLen(s[i:], escapeHTML); i == len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if safe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, "\uFFFD"...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainLen returns the length of a start of s that needs no escaping: up
// to the first byte that may need it, 8 bytes at a time, leaving the last
// few bytes (fewer than 8) to the caller. It is a function of its own, with
// a loop for each escapeHTML, so that each loop keeps all it needs in
// registers.
func plainLen(s string, escapeHTML bool) int {
	i := 0
	if escapeHTML {
		for ; i+8 <= len(s); i += 8 {
			x := word(s[i : i+8])
			if m := special(x) | htmlSpecial(x); m != 0 {
				return i + bits.TrailingZeros64(m)/8
			}
		}
		return i
	}
	for ; i+8 <= len(s); i += 8 {
		if m := special(word(s[i : i+8])); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	return i
}

// word returns the 8 bytes of s as a number, s[0] lowest; the compiler
// makes it one load.
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Each byte of ones is 1, of highs 0x80.
const ones, highs = 0x0101010101010101, 0x8080808080808080

// special returns, for the 8 bytes of x, a number with the high bit of
// each byte set that may need AppendString's attention: a control
// character, " or \\, or a byte of a multi-byte character; htmlSpecial
// does the same for <, > and &. A borrow can set the bit of a byte above
// one that is set rightly, never below it, and never miss one: the lowest
// bit set is the first byte to look at. See "Determine if a word has a
// byte less than n" in Sean Eron Anderson's Bit Twiddling Hacks.
func special(x uint64) uint64 {
	return ((x - ones*0x20) | x | zeroByte(x^ones*'"') | zeroByte(x^ones*'\\')) & highs
}

func htmlSpecial(x uint64) uint64 {
	return (zeroByte(x^ones*'<') | zeroByte(x^ones*'>') | zeroByte(x^ones*'&')) & highs
}

// zeroByte sets the high bit of each byte of y that is 0 (and maybe of
// bytes above it); its other bits are garbage, for the caller to mask.
func zeroByte(y uint64) uint64 { return (y - ones) & ^y }

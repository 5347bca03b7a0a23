package markdown

import (
	"bytes"
	"fmt"

	"github.com/playbook-edu/playbook/internal/source"
)

// LimitError is a Markdown text that passes one of the limits the build
// keeps (package source), found before it is parsed: some texts take the
// parser time that grows with the square or the cube of their size.
type LimitError struct {
	Offset  int // where in the text the limit is passed
	Message string
	Hint    string
}

func (e *LimitError) Error() string { return e.Message }

// checkLimits returns the first limit text passes, or nil: its length, or
// how deep its lists and block quotes are nested on a line. Nesting is
// estimated from each line's opening: every list marker and '>' opens a
// level, and so does every two columns of indentation (a nested list needs
// at least that much). The estimate is never below the real depth, so no
// text passes the limit unseen; lines inside fenced code are not counted.
func checkLimits(text []byte) *LimitError {
	if len(text) > source.MaxMarkdownSize {
		return &LimitError{Offset: source.MaxMarkdownSize,
			Message: fmt.Sprintf("the text is longer than %d KB, the most the build reads", source.MaxMarkdownSize>>10),
			Hint:    "split it into several guides or pages"}
	}
	fence := byte(0)
	for start := 0; start < len(text); {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		line := text[start:end]
		depth, rest := openings(line)
		if f := fenceChar(line[rest:]); f != 0 && (fence == 0 || f == fence) {
			if fence == 0 {
				fence = f
			} else {
				fence = 0
			}
		} else if fence == 0 && depth > source.MaxNesting {
			return &LimitError{Offset: start,
				Message: fmt.Sprintf("lists or block quotes here are nested more than %d levels deep", source.MaxNesting),
				Hint:    "a guide needs two or three levels at most; indent this line less"}
		}
		start = end + 1
	}
	return nil
}

// openings returns the estimated nesting depth at the start of line and
// where its content begins.
func openings(line []byte) (depth, rest int) {
	cols := 0
	i := 0
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4 - cols%4
			i++
		case c == '>':
			depth++
			i++
		case (c == '-' || c == '*' || c == '+') && (i+1 == len(line) || line[i+1] == ' ' || line[i+1] == '\t'):
			depth++
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 10 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j < len(line) && (line[j] == '.' || line[j] == ')') && (j+1 == len(line) || line[j+1] == ' ' || line[j+1] == '\t') {
				depth++
				i = j + 1
				continue
			}
			return depth + cols/2, i
		default:
			return depth + cols/2, i
		}
	}
	return depth + cols/2, i
}

// fenceChar returns '`' or '~' when s opens or closes a fenced code block.
func fenceChar(s []byte) byte {
	if bytes.HasPrefix(s, []byte("```")) {
		return '`'
	}
	if bytes.HasPrefix(s, []byte("~~~")) {
		return '~'
	}
	return 0
}

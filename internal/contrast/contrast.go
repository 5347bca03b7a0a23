// Package contrast measures how readable text in one colour is on another,
// as WCAG 2.1 defines it, so that a district's brand colours never make the
// site unreadable.
//
// # The rule
//
// The contrast ratio of two colours is (L1 + 0.05) / (L2 + 0.05), where L1
// is the relative luminance of the lighter colour and L2 of the darker; it
// runs from 1:1 (the same colour) to 21:1 (black on white). WCAG 2.1 level
// AA (success criterion 1.4.3), the bar US public school sites are held to,
// asks for at least 4.5:1 between ordinary text and its background.
//
// # The brand colours
//
// The default theme shows white text on the primary colour (the header),
// links in the primary colour on white and on the light grey of the footer
// and pathway navigation, and white text on the accent colour wherever a
// theme highlights with it. Brand checks every such pair of playbook.yaml's
// colours and reports the least readable.
package contrast

import (
	"fmt"
	"math"
	"strconv"
)

// AA is the least contrast WCAG 2.1 level AA allows for ordinary text.
const AA = 4.5

// Colours of the default theme that brand colours meet.
const (
	White = "#ffffff" // header text; the page background
	Wash  = "#f3f5f8" // the footer's and pathway navigation's background
)

// Ratio returns the contrast ratio of two colours written as #rrggbb.
func Ratio(a, b string) (float64, error) {
	la, err := Luminance(a)
	if err != nil {
		return 0, err
	}
	lb, err := Luminance(b)
	if err != nil {
		return 0, err
	}
	hi, lo := max(la, lb), min(la, lb)
	return (hi + 0.05) / (lo + 0.05), nil
}

// Luminance returns the relative luminance of a colour written as #rrggbb:
// 0 for black, 1 for white.
func Luminance(hex string) (float64, error) {
	if len(hex) != 7 || hex[0] != '#' {
		return 0, fmt.Errorf("color %q is not written as #rrggbb", hex)
	}
	var channels [3]float64
	for i := range channels {
		v, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return 0, fmt.Errorf("color %q is not written as #rrggbb", hex)
		}
		c := float64(v) / 255
		if c <= 0.04045 {
			channels[i] = c / 12.92
		} else {
			channels[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*channels[0] + 0.7152*channels[1] + 0.0722*channels[2], nil
}

// Pair is text in one colour on a background of another, as a theme shows it.
type Pair struct {
	Text, Background string
	What             string // in words, for messages: "white text on the primary colour"
}

// Problem is a brand colour that makes some text too hard to read.
type Problem struct {
	Pair  Pair
	Ratio float64
}

// String describes the problem with the ratio to two decimals, rounded
// down so that a ratio shown as 4.50 always passes.
func (p Problem) String() string {
	return fmt.Sprintf("the contrast of %s (%s on %s) is %s:1; WCAG AA needs at least %.1f:1",
		p.Pair.What, p.Pair.Text, p.Pair.Background, Format(p.Ratio), AA)
}

// Format writes a ratio to two decimals, rounded down.
func Format(r float64) string {
	return strconv.FormatFloat(math.Floor(r*100)/100, 'f', 2, 64)
}

// Brand returns the pairs of the default theme in which a brand colour
// appears: "primary" or "accent".
func Brand(which, colour string) []Pair {
	switch which {
	case "primary":
		return []Pair{
			{White, colour, "white text on the primary color " + colour},
			{colour, Wash, "links in the primary color " + colour + " on the light grey of the footer"},
		}
	case "accent":
		return []Pair{{White, colour, "white text on the accent color " + colour}}
	}
	return nil
}

// Check returns the least readable pair below AA, or false when every pair
// is readable. Colours must be #rrggbb.
func Check(pairs []Pair) (Problem, bool) {
	worst, found := Problem{Ratio: math.Inf(1)}, false
	for _, p := range pairs {
		r, err := Ratio(p.Text, p.Background)
		if err != nil {
			continue // reported where the colour is read
		}
		if r < AA && r < worst.Ratio {
			worst, found = Problem{Pair: p, Ratio: r}, true
		}
	}
	return worst, found
}

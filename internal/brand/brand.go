// Package brand draws the site's icons and picture from the district's
// brand colors, at build time with nothing but the standard library:
//
//	Favicon(c)     favicon.svg, the icon a browser shows in its tab
//	Icon(c, 32)    the same as a PNG, for browsers that cannot show SVG icons
//	Icon(c, 180)   the icon a phone puts on its home screen (apple-touch-icon)
//	Card(c)        the 1200×630 picture that link previews (OpenGraph) show
//	               when a page is shared
//
// Each shows the default theme's mark, a white "P", on the
// primary color; the card adds a band of the accent color along its
// foot. White on the primary color is readable by construction: the
// loader refuses a primary color that white text is hard to read on
// (package contrast). A theme replaces any of them with a file of its own,
// and the site uses a district's SVG logo as its favicon (package render).
//
// # Same bytes every time
//
// The shapes are measured with integers only: each pixel is split into
// 4×4 samples, each sample tested against the mark's rectangles and
// circles in exact integer arithmetic, and the pixel takes the share of
// samples inside. Floating point could round differently from one
// processor to another; integers cannot, so the files are byte-identical
// on every machine (image/png and compress/flate are deterministic for a
// given Go release).
//
// Images are drawn once for each set of colours and size and kept: the
// bytes Icon and Card return are shared, and must not be changed.
package brand

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"
	"sync"
)

// Default colours of the default theme, used when playbook.yaml sets none.
// They are the values of --brand and --accent in the default theme's
// playbook.css (a test keeps them in step).
const (
	DefaultPrimary = "#1d4e89"
	DefaultAccent  = "#a4470e"
)

// Colors are the brand colours an image is drawn in, each #rrggbb; an
// empty one is the default theme's.
type Colors struct {
	Primary, Accent string
}

// Card size, as OpenGraph recommends.
const (
	CardWidth  = 1200
	CardHeight = 630
)

// samples is the number of samples along each side of a pixel.
const samples = 4

// grid is the size of the square the mark is drawn in: favicon.svg's
// viewBox, 0 0 32 32.
const grid = 32

// Icon returns a size×size PNG of the mark on the primary colour. Icons of
// 64 pixels or more fill the square, since phones round the corners of
// home-screen icons themselves; smaller ones have favicon.svg's rounded
// corners, transparent outside them.
func Icon(c Colors, size int) ([]byte, error) {
	if size < 1 || size > 1024 {
		return nil, fmt.Errorf("brand: icon size %d is not between 1 and 1024", size)
	}
	bg, err := parse(c.Primary, DefaultPrimary)
	if err != nil {
		return nil, err
	}
	return cached(key{"icon", bg, bg, size}, func() image.Image { return drawIcon(bg, size) })
}

// drawIcon draws Icon's image.
func drawIcon(bg color.NRGBA, size int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	rounded := size < 64
	for y := range size {
		for x := range size {
			var inShape, inMark int
			for sy := range samples {
				for sx := range samples {
					u, v := sample(x, sx), sample(y, sy)
					if rounded && !inRoundedSquare(u, v, size) {
						continue
					}
					inShape++
					if inMark32(u, v, size) {
						inMark++
					}
				}
			}
			if inShape == 0 {
				continue
			}
			px := blend(bg, white, inMark, inShape)
			px.A = uint8((255*inShape + samples*samples/2) / (samples * samples))
			img.SetNRGBA(x, y, px)
		}
	}
	return img
}

// The mark on the 32-unit grid of favicon.svg's viewBox, as SVG path data:
// the letter, and the counter cut out of its bowl. inMark32 draws the same
// shapes for the PNG images.
const (
	markPath    = "M9 24V8h8a5 5 0 0 1 0 10h-4v6z"
	counterPath = "M13 11v4h4a2 2 0 0 0 0-4z"
)

// Favicon returns favicon.svg: the white mark on a square of the primary
// color with rounded corners, as Icon draws it in PNG. The color is
// written as #rrggbb in lowercase, so the bytes depend on the color alone.
func Favicon(c Colors) ([]byte, error) {
	bg, err := parse(c.Primary, DefaultPrimary)
	if err != nil {
		return nil, err
	}
	fill := fmt.Sprintf("#%02x%02x%02x", bg.R, bg.G, bg.B)
	return fmt.Appendf(nil, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d">`+
		`<rect width="%[1]d" height="%[2]d" rx="6" fill="%[3]s"/>`+
		`<path d="%[4]s" fill="#fff"/><path d="%[5]s" fill="%[3]s"/></svg>`+"\n",
		grid, grid, fill, markPath, counterPath), nil
}

// Card returns the CardWidth×CardHeight PNG link previews show: the mark,
// large, in the middle of the primary colour, over a band of the accent
// colour along the foot.
func Card(c Colors) ([]byte, error) {
	bg, err := parse(c.Primary, DefaultPrimary)
	if err != nil {
		return nil, err
	}
	band, err := parse(c.Accent, DefaultAccent)
	if err != nil {
		return nil, err
	}
	return cached(key{"card", bg, band, 0}, func() image.Image { return drawCard(bg, band) })
}

// drawCard draws Card's image. It has few colours, the background, the
// band and the steps from the background to white along the mark's edges,
// so it is drawn with a palette of them: a quarter of the bytes to
// compress.
func drawCard(bg, band color.NRGBA) *image.Paletted {
	const (
		bandHeight = 36
		markSize   = 448 // the 32-unit grid drawn at 14 pixels a unit
		markX      = (CardWidth - markSize) / 2
		markY      = (CardHeight - bandHeight - markSize) / 2
	)
	// Colour 0 is the background, 1 the band, 1+k the mark covering k
	// samples of a pixel.
	palette := color.Palette{bg, band}
	for k := 1; k <= samples*samples; k++ {
		palette = append(palette, blend(bg, white, k, samples*samples))
	}
	img := image.NewPaletted(image.Rect(0, 0, CardWidth, CardHeight), palette)
	for y := CardHeight - bandHeight; y < CardHeight; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+CardWidth]
		for x := range row {
			row[x] = 1
		}
	}
	for y := markY; y < markY+markSize; y++ {
		for x := markX; x < markX+markSize; x++ {
			lx, ly := x-markX, y-markY
			// At 14 pixels a unit the mark has no part thinner than a
			// pixel: where a pixel's corner samples agree, so do the rest.
			in, corners := 0, 0
			for _, c := range [4][2]int{{0, 0}, {samples - 1, 0}, {0, samples - 1}, {samples - 1, samples - 1}} {
				if inMark32(sample(lx, c[0]), sample(ly, c[1]), markSize) {
					corners++
				}
			}
			switch corners {
			case 0:
				continue
			case 4:
				in = samples * samples
			default:
				for sy := range samples {
					for sx := range samples {
						if inMark32(sample(lx, sx), sample(ly, sy), markSize) {
							in++
						}
					}
				}
			}
			if in > 0 {
				img.SetColorIndex(x, y, uint8(1+in))
			}
		}
	}
	return img
}

var white = color.NRGBA{255, 255, 255, 255}

// sample returns the position of sample s of pixel p along one side, in
// units of 1/(2·samples) of a pixel: the centre of the sample.
func sample(p, s int) int64 { return int64((p*samples+s)*2 + 1) }

// A sample at (u, v) of an image size pixels wide lies at (u/d, v/d) in
// pixels, with d = 2·samples, and at (grid·u/(d·size), grid·v/(d·size))
// on the mark's 32-unit grid. The tests below multiply through by d·size,
// so that they compare integers: a grid value g becomes g·d·size.

// inMark32 reports whether the sample at (u, v) of an image size pixels
// wide is inside the white "P" of favicon.svg:
//
//	M9 24V8h8a5 5 0 0 1 0 10h-4v6z     the letter (markPath)
//	M13 11v4h4a2 2 0 0 0 0-4z          its counter, cut out (counterPath)
func inMark32(u, v int64, size int) bool {
	d := int64(2*samples) * int64(size)
	x, y := grid*u, grid*v // the sample on the grid, times d
	at := func(g int64) int64 { return g * d }
	inRect := func(x0, y0, x1, y1 int64) bool { return x >= at(x0) && x < at(x1) && y >= at(y0) && y < at(y1) }
	inHalfDisc := func(cx, cy, r int64) bool { // the right half of a disc
		dx, dy := x-at(cx), y-at(cy)
		return dx >= 0 && dx*dx+dy*dy < at(r)*at(r)
	}
	letter := inRect(9, 8, 17, 18) || inRect(9, 18, 13, 24) || inHalfDisc(17, 13, 5)
	counter := inRect(13, 11, 17, 15) || inHalfDisc(17, 13, 2)
	return letter && !counter
}

// inRoundedSquare reports whether the sample at (u, v) is inside
// favicon.svg's background, a square with corners of radius 6.
func inRoundedSquare(u, v int64, size int) bool {
	d := int64(2*samples) * int64(size)
	x, y := grid*u, grid*v
	r := 6 * d
	cx := min(max(x, r), grid*d-r) // the nearest point of the square shrunk by r
	cy := min(max(y, r), grid*d-r)
	dx, dy := x-cx, y-cy
	return dx*dx+dy*dy < r*r
}

// blend mixes fg over bg in the share in/of, rounding to the nearest.
func blend(bg, fg color.NRGBA, in, of int) color.NRGBA {
	mix := func(a, b uint8) uint8 { return uint8((int(a)*(of-in) + int(b)*in + of/2) / of) }
	return color.NRGBA{mix(bg.R, fg.R), mix(bg.G, fg.G), mix(bg.B, fg.B), 255}
}

// parse reads a colour written as #rrggbb, or def when s is empty.
func parse(s, def string) (color.NRGBA, error) {
	if s == "" {
		s = def
	}
	if len(s) != 7 || s[0] != '#' {
		return color.NRGBA{}, fmt.Errorf("brand: colour %q is not written as #rrggbb", s)
	}
	n, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return color.NRGBA{}, fmt.Errorf("brand: colour %q is not written as #rrggbb", s)
	}
	return color.NRGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 255}, nil
}

// key names an image drawn: its kind, colours and size.
type key struct {
	kind      string
	primary   color.NRGBA
	secondary color.NRGBA
	size      int
}

// images keeps the images drawn so far, by key: the dev server renders the
// site again on every edit, with the same colours.
var images sync.Map // key → *drawn

type drawn struct {
	once sync.Once
	data []byte
	err  error
}

// cached returns the PNG of the image draw makes for k, drawing and
// encoding it the first time k is asked for.
func cached(k key, draw func() image.Image) ([]byte, error) {
	v, _ := images.LoadOrStore(k, &drawn{})
	d := v.(*drawn)
	d.once.Do(func() {
		var b bytes.Buffer
		if err := png.Encode(&b, draw()); err != nil {
			d.err = fmt.Errorf("brand: encode %s: %w", k.kind, err)
			return
		}
		d.data = b.Bytes()
	})
	return d.data, d.err
}

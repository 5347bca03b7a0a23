package brand

import (
	"bytes"
	"encoding/xml"
	"image"
	"image/color"
	"image/png"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/themes"
)

func decode(t *testing.T, make func() ([]byte, error)) image.Image {
	t.Helper()
	data, err := make()
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	return img
}

// at returns the colour of the pixel at grid position (gx, gy) of the
// mark's 32-unit grid, drawn size pixels wide from (x0, y0).
func at(img image.Image, x0, y0, size int, gx, gy float64) color.NRGBA {
	return color.NRGBAModel.Convert(img.At(x0+int(gx*float64(size)/grid), y0+int(gy*float64(size)/grid))).(color.NRGBA)
}

var (
	navy   = color.NRGBA{0x1d, 0x4e, 0x89, 255}
	red    = color.NRGBA{0x9b, 0x1c, 0x1c, 255}
	orange = color.NRGBA{0xa4, 0x47, 0x0e, 255}
	green  = color.NRGBA{0x1e, 0x5e, 0x2e, 255}
	clear  = color.NRGBA{}
)

func TestIcon(t *testing.T) {
	for _, tc := range []struct {
		name   string
		colors Colors
		size   int
		bg     color.NRGBA
		corner color.NRGBA // the top left pixel
	}{
		{"tab icon, default colour", Colors{}, 32, navy, clear},
		{"home-screen icon, default colour", Colors{}, 180, navy, navy},
		{"home-screen icon, brand colour", Colors{Primary: "#9b1c1c"}, 180, red, red},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img := decode(t, func() ([]byte, error) { return Icon(tc.colors, tc.size) })
			if b := img.Bounds(); b.Dx() != tc.size || b.Dy() != tc.size {
				t.Fatalf("icon is %v, want %d×%d", b, tc.size, tc.size)
			}
			for _, p := range []struct {
				what   string
				gx, gy float64
				want   color.NRGBA
			}{
				{"top left corner", 0, 0, tc.corner},
				{"background", 4, 4, tc.bg},
				{"the letter's stem", 11, 21, color.NRGBA{255, 255, 255, 255}},
				{"the letter's bowl", 20, 13, color.NRGBA{255, 255, 255, 255}},
				{"the counter in the bowl", 15, 13, tc.bg},
				{"beside the stem", 16, 21, tc.bg},
			} {
				if got := at(img, 0, 0, tc.size, p.gx, p.gy); got != p.want {
					t.Errorf("%s at (%v, %v) is %v, want %v", p.what, p.gx, p.gy, got, p.want)
				}
			}
		})
	}
}

func TestCard(t *testing.T) {
	img := decode(t, func() ([]byte, error) { return Card(Colors{Primary: "#1e5e2e"}) })
	if b := img.Bounds(); b.Dx() != CardWidth || b.Dy() != CardHeight {
		t.Fatalf("card is %v, want %d×%d", b, CardWidth, CardHeight)
	}
	const markSize, markX, markY = 448, (CardWidth - 448) / 2, (CardHeight - 36 - 448) / 2
	for _, p := range []struct {
		what string
		got  color.NRGBA
		want color.NRGBA
	}{
		{"top left corner", at(img, 0, 0, markSize, 0, 0), green},
		{"the accent band", at(img, 0, CardHeight-1, markSize, 0, 0), orange},
		{"the letter's stem", at(img, markX, markY, markSize, 11, 21), color.NRGBA{255, 255, 255, 255}},
		{"the counter", at(img, markX, markY, markSize, 15, 13), green},
	} {
		if p.got != p.want {
			t.Errorf("%s is %v, want %v", p.what, p.got, p.want)
		}
	}
}

// TestSameBytes draws each image twice, past the cache, and expects the
// same bytes: the site is byte-identical from build to build.
func TestSameBytes(t *testing.T) {
	encode := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if !bytes.Equal(encode(drawIcon(navy, 32)), encode(drawIcon(navy, 32))) {
		t.Error("the icon differs from one drawing to the next")
	}
	if !bytes.Equal(encode(drawCard(navy, orange)), encode(drawCard(navy, orange))) {
		t.Error("the card differs from one drawing to the next")
	}
	a, _ := Icon(Colors{}, 180)
	if b := encode(drawIcon(navy, 180)); !bytes.Equal(a, b) {
		t.Error("Icon's bytes are not those of the image it draws")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Icon(Colors{Primary: "navy"}, 32); err == nil {
		t.Error("a colour that is not #rrggbb makes an icon")
	}
	if _, err := Card(Colors{Accent: "#12345"}); err == nil {
		t.Error("a colour that is not #rrggbb makes a card")
	}
	if _, err := Icon(Colors{}, 0); err == nil {
		t.Error("an icon of no pixels is made")
	}
}

// TestDefaultsAreTheThemes checks DefaultPrimary and DefaultAccent are the
// colours the default theme's stylesheet uses when playbook.yaml sets none.
func TestDefaultsAreTheThemes(t *testing.T) {
	css, err := fs.ReadFile(themes.Default(), "static/assets/playbook.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct{ prop, want string }{{"--brand", DefaultPrimary}, {"--accent", DefaultAccent}} {
		m := regexp.MustCompile(d.prop + `:\s*(#[0-9a-fA-F]{6})`).FindSubmatch(css)
		if m == nil || string(m[1]) != d.want {
			t.Errorf("the default theme's %s is %s, the package's default %s", d.prop, m, d.want)
		}
	}
}

// TestFavicon checks favicon.svg is drawn in the primary color, the same
// bytes for the same color however it is written, and is the mark the
// PNG icons show: the default color gives the default theme's favicon as
// it always was.
func TestFavicon(t *testing.T) {
	const theDefault = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1d4e89"/><path d="M9 24V8h8a5 5 0 0 1 0 10h-4v6z" fill="#fff"/><path d="M13 11v4h4a2 2 0 0 0 0-4z" fill="#1d4e89"/></svg>` + "\n"
	for _, tc := range []struct {
		name   string
		colors Colors
		fill   string
	}{
		{"default color", Colors{}, "#1d4e89"},
		{"brand color", Colors{Primary: "#9b1c1c"}, "#9b1c1c"},
		{"brand color in capitals", Colors{Primary: "#9B1C1C", Accent: "#6b3fa0"}, "#9b1c1c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			svg, err := Favicon(tc.colors)
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.ReplaceAll(theDefault, "#1d4e89", tc.fill); string(svg) != want {
				t.Errorf("favicon.svg is\n%s\nwant\n%s", svg, want)
			}
			var doc struct {
				XMLName xml.Name
				ViewBox string `xml:"viewBox,attr"`
			}
			if err := xml.Unmarshal(svg, &doc); err != nil || doc.XMLName.Local != "svg" || doc.ViewBox != "0 0 32 32" {
				t.Errorf("not an SVG of the 32-unit grid: %v %+v", err, doc)
			}
		})
	}
	a, _ := Favicon(Colors{})
	b, _ := Favicon(Colors{Primary: "#9b1c1c"})
	if bytes.Equal(a, b) {
		t.Error("a brand color does not change the favicon")
	}
	if _, err := Favicon(Colors{Primary: "navy"}); err == nil {
		t.Error("a color that is not #rrggbb makes a favicon")
	}
}

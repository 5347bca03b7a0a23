package source

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
)

// What the site may publish as it is, from a playbook's content/images/ and
// from a theme's static/ folder. Both are served from the site's own
// origin, where readers' saved answers live and where the
// Content-Security-Policy trusts every script: an HTML page or a script
// among them would run with the site's full rights. So content/images/
// publishes only images, recognised by their bytes, and a theme publishes
// no page.

// Image formats, by the extensions a file of each may have.
var imageExts = map[string]string{
	".png":  "PNG",
	".jpg":  "JPEG",
	".jpeg": "JPEG",
	".gif":  "GIF",
	".webp": "WebP",
	".avif": "AVIF",
	".svg":  "SVG",
}

// ImageExtensions lists the extensions CheckImage accepts, for messages.
const ImageExtensions = ".png, .jpg, .jpeg, .gif, .webp, .avif and .svg"

// CheckImage reports why the file name holding data may not be published
// as an image: a name that is not an image's, bytes that are not an image
// of the kind its name says, or an SVG that could run script or load
// something from elsewhere.
func CheckImage(name string, data []byte) error {
	ext := strings.ToLower(path.Ext(name))
	want, ok := imageExts[ext]
	if !ok {
		return fmt.Errorf("is not an image: only %s files are published from here", ImageExtensions)
	}
	got := imageFormat(data)
	switch {
	case got == "" && want == "SVG":
		return errors.New("is not an SVG image: it does not start with an <svg> element")
	case got == "":
		return fmt.Errorf("is not a %s image: its content is not an image at all", want)
	case got != want:
		return fmt.Errorf("is a %s image but its name ends in %s", got, ext)
	case got == "SVG":
		return checkSVG(data)
	}
	return nil
}

// imageFormat recognises an image by its first bytes.
func imageFormat(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return "PNG"
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return "JPEG"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return "GIF"
	case len(data) >= 12 && string(data[:4]) == "RIFF" && string(data[8:12]) == "WEBP":
		return "WebP"
	case isAVIF(data):
		return "AVIF"
	case isSVG(data):
		return "SVG"
	}
	return ""
}

// isAVIF reports an ISO media file whose "ftyp" box names an AVIF brand.
func isAVIF(data []byte) bool {
	if len(data) < 16 || string(data[4:8]) != "ftyp" {
		return false
	}
	size := int(data[0])<<24 | int(data[1])<<16 | int(data[2])<<8 | int(data[3])
	if size < 16 || size > len(data) {
		return false
	}
	for i := 8; i+4 <= size; i += 4 {
		if i == 12 {
			continue // the minor version, not a brand
		}
		if b := string(data[i : i+4]); b == "avif" || b == "avis" {
			return true
		}
	}
	return false
}

// isSVG reports XML text whose first element is <svg>.
func isSVG(data []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	for {
		tok, err := d.RawToken()
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return t.Name.Local == "svg"
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return false
			}
		}
	}
}

// Elements an SVG published by the site may not contain: each runs script,
// embeds a document, or (animate, set) can turn an attribute into a link
// that runs script.
var svgForbidden = map[string]bool{
	"script": true, "foreignobject": true, "iframe": true, "embed": true, "object": true,
	"handler": true, "listener": true, "animate": true, "set": true, "animatemotion": true,
	"animatetransform": true, "animatecolor": true,
}

// checkSVG reports anything in an SVG that could run script or load a
// resource from elsewhere: a forbidden element, an on… event attribute, a
// link or url() that is not to a part of the image itself ("#id"), or a
// document type declaration (whose entities can expand without bound).
func checkSVG(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	inStyle := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("is not a well-formed SVG image: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return errors.New("is an SVG image with a <!DOCTYPE> or <!ENTITY> declaration, which the site does not publish")
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" {
				return errors.New("is an SVG image that loads a stylesheet, which the site does not publish")
			}
		case xml.StartElement:
			el := strings.ToLower(t.Name.Local)
			if svgForbidden[el] {
				return fmt.Errorf("is an SVG image with a <%s> element, which could run script; the site publishes only SVG images without one", t.Name.Local)
			}
			inStyle = el == "style"
			for _, a := range t.Attr {
				if err := checkSVGAttr(a); err != nil {
					return err
				}
			}
		case xml.EndElement:
			inStyle = false
		case xml.CharData:
			if inStyle {
				if err := checkCSS(string(t)); err != nil {
					return err
				}
			}
		}
	}
}

func checkSVGAttr(a xml.Attr) error {
	name := strings.ToLower(a.Name.Local)
	value := strings.TrimSpace(a.Value)
	switch {
	case strings.HasPrefix(name, "on"):
		return fmt.Errorf("is an SVG image with an event attribute %s, which runs script", a.Name.Local)
	case name == "href" || name == "src":
		if !strings.HasPrefix(value, "#") {
			return fmt.Errorf("is an SVG image with a link to %q; the site publishes only SVG images whose links stay inside the image (\"#id\")", clip(value))
		}
	case name == "style":
		return checkCSS(value)
	}
	if strings.Contains(strings.ToLower(value), "url(") {
		return checkCSS(value)
	}
	return nil
}

// checkCSS refuses style text that imports or loads anything but a part of
// the image itself.
func checkCSS(css string) error {
	lower := strings.ToLower(css)
	if strings.Contains(lower, "@import") || strings.Contains(lower, "expression(") {
		return errors.New("is an SVG image whose style loads another file, which the site does not publish")
	}
	for rest := lower; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			return nil
		}
		rest = rest[i+len("url("):]
		target := strings.TrimLeft(rest, " \t\n\"'")
		if !strings.HasPrefix(target, "#") {
			return errors.New("is an SVG image whose style loads a file with url(); only url(#id) inside the image is published")
		}
	}
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// Extensions of files a browser may show as a page, running their scripts.
var pageExts = map[string]bool{
	".html": true, ".htm": true, ".xhtml": true, ".xht": true, ".shtml": true,
	".xml": true, ".xsl": true, ".xslt": true, ".mht": true, ".mhtml": true,
}

// CheckThemeFile reports why a file of a theme's static folder may not be
// published: a page (HTML, XHTML, XML, which browsers show and run
// scripts in), a file whose bytes are a page whatever its name, or an
// image that CheckImage refuses. Scripts, stylesheets, fonts and other
// files of the theme are its own and are published as they are.
func CheckThemeFile(name string, data []byte) error {
	ext := strings.ToLower(path.Ext(name))
	if pageExts[ext] {
		return errors.New("is a web page; a theme publishes stylesheets, scripts, fonts and images, not pages (the site's pages come from its layouts)")
	}
	if _, ok := imageExts[ext]; ok {
		return CheckImage(name, data)
	}
	if ext != ".js" && ext != ".css" && ext != ".json" && ext != ".webmanifest" && ext != ".txt" {
		if ct := http.DetectContentType(data); strings.HasPrefix(ct, "text/html") || strings.HasPrefix(ct, "text/xml") {
			return errors.New("holds a web page whatever its name says; a theme publishes stylesheets, scripts, fonts and images, not pages")
		}
	}
	return nil
}

package publish

import (
	"encoding/xml"
	"slices"
	"strings"

	"github.com/playbook-edu/playbook/internal/link"
	"github.com/playbook-edu/playbook/internal/route"
)

// FeedLimit is the most entries the feed holds, newest first.
const FeedLimit = 30

// AtomFeed is an Atom feed (RFC 4287).
type AtomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Base     string      `xml:"http://www.w3.org/XML/1998/namespace base,attr,omitempty"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Author   AtomPerson  `xml:"author"`
	Links    []AtomLink  `xml:"link"`
	Entries  []AtomEntry `xml:"entry"`
}

// AtomPerson is an Atom author.
type AtomPerson struct {
	Name string `xml:"name"`
}

// AtomLink is an Atom link.
type AtomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

// AtomText is an Atom text construct.
type AtomText struct {
	Type string `xml:"type,attr,omitempty"`
	Body string `xml:",chardata"`
}

// AtomEntry is an entry of the feed: a story, or a guide with a date.
type AtomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Links     []AtomLink `xml:"link"`
	Category  []AtomCat  `xml:"category"`
	Summary   string     `xml:"summary"`
	Content   AtomText   `xml:"content"`
}

// AtomCat is an Atom category: "story" or "guide".
type AtomCat struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atomTime is a date as an Atom time: midnight UTC.
func atomTime(date string) string { return date + "T00:00:00Z" }

// Feed returns feed.xml: the FeedLimit newest stories and dated guides,
// newest first (ties by title), each with its full text.
//
// A feed reader fetches the feed on its own, away from the site, so every
// link in it must be a full address. When the base URL is known, the feed
// and each entry link to their pages by full address, and the feed's
// xml:base is the base URL, against which readers resolve the site paths
// in the entries' HTML. When it is not known there is no full address to
// give: the links are left out (Atom requires them only of entries
// without content), never written as site paths that a reader would
// resolve against the wrong site.
func Feed(g *link.Graph, w Words) []byte {
	s := newSite(g)
	c := g.Config
	f := AtomFeed{Base: c.BaseURL, Lang: c.Language, ID: "urn:uuid:" + s.id("feed", "feed"+c.Prefix), Title: c.Title, Subtitle: c.Description,
		Updated: atomTime(s.lastChange()), Author: AtomPerson{Name: c.District},
		Links: s.feedLinks(AtomLink{Rel: "self", Type: "application/atom+xml", Href: "/" + FeedFile}, AtomLink{Rel: "alternate", Type: "text/html", Href: route.Home})}
	var entries []AtomEntry
	for _, st := range g.Stories {
		entries = append(entries, AtomEntry{ID: "urn:uuid:" + s.id("story", st.ID), Title: st.Title,
			Updated: atomTime(st.Date), Published: atomTime(st.Date),
			Links:    s.feedLinks(AtomLink{Rel: "alternate", Type: "text/html", Href: route.Story(st.ID)}),
			Category: []AtomCat{{Term: "story", Label: w.T("feed.story")}},
			Summary:  st.Summary, Content: AtomText{Type: "html", Body: st.Body.HTML}})
	}
	for _, gd := range g.Guides {
		if gd.Date == "" {
			continue
		}
		entries = append(entries, AtomEntry{ID: "urn:uuid:" + s.id("guide", gd.ID), Title: gd.Title,
			Updated: atomTime(gd.Date), Published: atomTime(gd.Date),
			Links:    s.feedLinks(AtomLink{Rel: "alternate", Type: "text/html", Href: route.Guide(gd.ID)}),
			Category: []AtomCat{{Term: "guide", Label: w.T("feed.guide")}},
			Summary:  gd.Summary, Content: AtomText{Type: "html", Body: gd.Body.HTML}})
	}
	slices.SortStableFunc(entries, func(a, b AtomEntry) int {
		if a.Updated != b.Updated {
			return strings.Compare(b.Updated, a.Updated)
		}
		if a.Title != b.Title {
			return strings.Compare(a.Title, b.Title)
		}
		return strings.Compare(a.ID, b.ID)
	})
	f.Entries = entries[:min(len(entries), FeedLimit)]
	out, err := xml.MarshalIndent(f, "", " ")
	if err != nil {
		panic("publish: feed: " + err.Error()) // strings only: cannot fail
	}
	return append([]byte(xml.Header), append(out, '\n')...)
}

// feedLinks returns links, whose Hrefs are site paths, with full
// addresses; or none when the base URL is not known.
func (s *site) feedLinks(links ...AtomLink) []AtomLink {
	if s.root == "" {
		return nil
	}
	for i := range links {
		links[i].Href = s.url(links[i].Href)
	}
	return links
}

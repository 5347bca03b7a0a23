package render

import (
	"html/template"

	"github.com/playbook-edu/playbook/internal/model"
)

// jsonLD marks JSON-LD from package publish, whose <, > and & are escaped,
// as safe to write inside <script type="application/ld+json">.
func jsonLD(b []byte) template.JS { return template.JS(b) }

// guideLD returns gd's JSON-LD (Options.JSONLD).
func (v *views) guideLD(gd *model.Guide) []byte { return v.ld(v.g, gd) }

package route

import "testing"

func TestContentFile(t *testing.T) {
	tests := []struct {
		file, want string
		ok         bool
	}{
		{"content/guides/peer-mentoring.md", "/guides/peer-mentoring/", true},
		{"content/pages/about.md", "/about/", true},
		{"content/guides/sub/x.md", "", false},
		{"content/guides/.md", "", false},
		{"data/roles.yaml", "", false},
		{"README.md", "", false},
	}
	for _, tt := range tests {
		got, ok := ContentFile(tt.file)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ContentFile(%q) = %q, %v; want %q, %v", tt.file, got, ok, tt.want, tt.ok)
		}
	}
}

func TestFile(t *testing.T) {
	for in, want := range map[string]string{
		"/":              "index.html",
		"/guides/x/":     "guides/x/index.html",
		"/404.html":      "404.html",
		"/systems/twps/": "systems/twps/index.html",
	} {
		if got := File(in); got != want {
			t.Errorf("File(%q) = %q, want %q", in, got, want)
		}
	}
	if got := System("TWPS"); got != "/systems/twps/" {
		t.Errorf("System(TWPS) = %q", got)
	}
}

func TestBasePath(t *testing.T) {
	for in, want := range map[string]string{
		"":                             "/",
		"https://example.org":          "/",
		"https://example.org/":         "/",
		"https://example.org/playbook": "/playbook/",
		"https://example.org/a/b/":     "/a/b/",
		"%zz":                          "/",
	} {
		if got := BasePath(in); got != want {
			t.Errorf("BasePath(%q) = %q, want %q", in, got, want)
		}
	}
}

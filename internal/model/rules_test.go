package model

import "testing"

// TestEditURL expects each forge's own address of its editor, and the
// forge's name for the link's words.
func TestEditURL(t *testing.T) {
	for _, tc := range []struct{ repo, forge, want string }{
		{"https://github.com/district/playbook/", "GitHub", "https://github.com/district/playbook/edit/main/content/guides/a.md"},
		{"https://gitlab.com/district/playbook", "GitLab", "https://gitlab.com/district/playbook/-/edit/main/content/guides/a.md"},
		{"https://gitlab.district.org/team/playbook", "GitLab", "https://gitlab.district.org/team/playbook/-/edit/main/content/guides/a.md"},
		{"https://bitbucket.org/district/playbook", "Bitbucket", "https://bitbucket.org/district/playbook/src/main/content/guides/a.md?mode=edit"},
		{"https://codeberg.org/district/playbook", "Codeberg", "https://codeberg.org/district/playbook/_edit/main/content/guides/a.md"},
		{"https://Git.District.org/playbook", "git.district.org", "https://Git.District.org/playbook/edit/main/content/guides/a.md"},
		{"", "", ""},
	} {
		c := Config{RepoURL: tc.repo, EditBranch: "main"}
		if got := c.EditURL("content/guides/a.md"); got != tc.want {
			t.Errorf("EditURL with %q = %q, want %q", tc.repo, got, tc.want)
		}
		if got := c.Forge(); got != tc.forge {
			t.Errorf("Forge of %q = %q, want %q", tc.repo, got, tc.forge)
		}
	}
}

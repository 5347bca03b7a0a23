package publish

import (
	"testing"

	"github.com/google/uuid"
)

// TestID checks identifiers against values computed with another
// implementation of RFC 4122's name-based UUIDs (Python's uuid.uuid5):
// the project's namespace, and a record's identifier in a district's
// playbook. An identifier that changed would make every tool that imported
// a playbook see new records instead of the same ones updated.
func TestID(t *testing.T) {
	if got := projectNamespace.String(); got != "68ba3a05-cfda-5b67-8ce6-34d7b18128ff" {
		t.Errorf("the project namespace is %s: every identifier would change with it", got)
	}
	for _, tc := range []struct {
		district, kind, id string
		want               string
	}{
		{"Golden Valley Schools", "guide", "alpha", "369b8430-fddf-5d97-a52b-af7b74210ae1"},
		{"Example Unified School District", "document", "playbook", "c959a070-02e4-52af-a051-32d84d29d520"},
		{"Ésc <&> \u2028", "criterion", "team/item-1", "09d49079-2dc3-5ad9-99a7-aeafd77cbb3a"},
	} {
		t.Run(tc.district+" "+tc.kind+":"+tc.id, func(t *testing.T) {
			if got := ID(tc.district, tc.kind, tc.id); got != tc.want {
				t.Errorf("ID = %s, want %s", got, tc.want)
			}
			// The CASE package makes its identifiers from the parts of a
			// name, without joining them first: the same UUID.
			s := &site{ns: uuid.NewSHA1(projectNamespace, []byte(tc.district))}
			if got := s.uuid(tc.kind, tc.id[:len(tc.id)/2], tc.id[len(tc.id)/2:]).String(); got != tc.want {
				t.Errorf("site.uuid in two parts = %s, want %s", got, tc.want)
			}
		})
	}
}

package publish

import "testing"

// TestUUID5 checks name-based UUIDs against values computed with another
// implementation (Python's uuid.uuid5).
func TestUUID5(t *testing.T) {
	dns := [16]byte{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	for _, tc := range []struct {
		ns   [16]byte
		name string
		want string
	}{
		{dns, "python.org", "886313e1-3b8a-5372-9b90-0c9aee199e5d"},
		{urlNamespace, "https://example.org/", "527dda32-a0de-5105-a042-cb475b5f7d11"},
		{urlNamespace, "https://github.com/playbook-edu/playbook", "68ba3a05-cfda-5b67-8ce6-34d7b18128ff"},
	} {
		if got := formatUUID(uuid5(tc.ns, tc.name)); got != tc.want {
			t.Errorf("uuid5(%q) = %s, want %s", tc.name, got, tc.want)
		}
	}
	if formatUUID(projectNamespace) != "68ba3a05-cfda-5b67-8ce6-34d7b18128ff" {
		t.Errorf("the project namespace changed: every identifier would change with it")
	}
}

package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/playbook-edu/playbook/internal/scaffold"
)

// TestInitPinsAVersion runs init as a release build and as a development
// build, with and without -version: the new playbook runs the version
// named, or the one the command was built from; a development build
// without -version writes nothing and exits 2.
func TestInitPinsAVersion(t *testing.T) {
	for _, tc := range []struct {
		name   string
		built  string // the version the command was built from
		args   []string
		code   int
		pinned string // what .playbook-version holds; "" when nothing is written
		stderr string
	}{
		{name: "release build", built: "v1.4.0", code: 0, pinned: "v1.4.0"},
		{name: "release build, another version", built: "v1.4.0", args: []string{"-version", "v1.3.2"}, code: 0, pinned: "v1.3.2"},
		{name: "development build", built: "(devel)", code: 2,
			stderr: "playbook init: this playbook command is a development build (version (devel)), so it cannot tell which version the new playbook should run\n" +
				"    hint: name a release of github.com/playbook-edu/playbook with -version, for example: playbook init -version vX.Y.Z "},
		{name: "build of a changed checkout", built: "v1.4.1-0.20250101120000-abcdef123456+dirty", code: 2, stderr: "is a development build (version v1.4.1-0.20250101120000-abcdef123456+dirty)"},
		{name: "development build, -version", built: "(devel)", args: []string{"-version", "v1.5.0"}, code: 0, pinned: "v1.5.0"},
		{name: "-version latest", built: "v1.4.0", args: []string{"-version", "latest"}, code: 2,
			stderr: "playbook init: -version \"latest\" is not a release of playbook\n    hint: name one as its tag is written, for example -version v1.4.0\n"},
		{name: "-version without v", built: "(devel)", args: []string{"-version", "1.5.0"}, code: 2, stderr: `-version "1.5.0" is not a release of playbook`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func(v func() string) { builtVersion = v }(builtVersion)
			builtVersion = func() string { return tc.built }
			dir := filepath.Join(t.TempDir(), "district")
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append(append([]string{"init"}, tc.args...), dir), &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, tc.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr.String(), tc.stderr)
			}
			data, err := os.ReadFile(filepath.Join(dir, scaffold.VersionFile))
			switch {
			case tc.pinned == "" && err == nil:
				t.Errorf("wrote %s: %q", scaffold.VersionFile, data)
			case tc.pinned == "":
				if _, err := os.Stat(dir); err == nil {
					t.Errorf("wrote %s", dir)
				}
			case err != nil:
				t.Error(err)
			case string(data) != tc.pinned+"\n":
				t.Errorf("%s holds %q, want %q", scaffold.VersionFile, data, tc.pinned+"\n")
			case !strings.Contains(stdout.String(), "running playbook "+tc.pinned+" (see .playbook-version)"):
				t.Errorf("stdout %q does not say the version", stdout.String())
			}
		})
	}
}

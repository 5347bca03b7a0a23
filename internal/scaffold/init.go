package scaffold

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"

	"github.com/playbook-edu/playbook"
)

// VersionFile is the file of a new playbook that names, on one line, the
// playbook version it runs. The pull request workflow, netlify.toml and
// the README's install command read it, so a district moves to another
// version by changing this one line.
const VersionFile = ".playbook-version"

// releaseVersion matches a version of the playbook module that the go
// command can fetch: a release (v1.4.0), a prerelease (v1.5.0-rc.1) or a
// pseudo-version (v0.0.0-20250101120000-abcdef123456). Build metadata
// ("+dirty", a build of a changed checkout) is not part of one.
var releaseVersion = regexp.MustCompile(`^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)

// IsRelease reports whether version names a version of the playbook that a
// new playbook can run, such as "v1.4.0". A development build's "(devel)"
// is not one, nor "latest", which would change under the district's feet.
func IsRelease(version string) bool { return releaseVersion.MatchString(version) }

// Init writes a complete new playbook into the folder dir, which must not
// exist or be empty: the default playbook (playbook.yaml, data/, content/,
// schemas/) and the files around it (a README for the district,
// netlify.toml, .gitignore, the pull request workflow and VersionFile).
// version is the playbook version the new playbook runs, such as "v1.4.0",
// written once, in VersionFile; a version IsRelease refuses is refused. It
// returns the files written, relative to dir. Nothing is left behind when
// it fails.
func Init(dir, version string) ([]string, error) {
	if !IsRelease(version) {
		return nil, fmt.Errorf("%w: %q is not a version of playbook a new playbook can run; name a release, such as v1.4.0", ErrRefused, version)
	}
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return nil, fmt.Errorf("%w: %s is not empty; name a new folder, or an empty one", ErrRefused, dir)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	exists := err == nil
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	parent := filepath.Dir(abs)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	// Everything is written into a folder beside dir, then moved into place.
	tmp, err := os.MkdirTemp(parent, ".playbook-init-*")
	if err != nil {
		return nil, err
	}
	var written []string
	copyAll := func(src fs.FS, edit func([]byte) []byte) error {
		return fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			dst := filepath.Join(tmp, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return err
			}
			written = append(written, p)
			return os.WriteFile(dst, edit(data), 0o644)
		})
	}
	err = copyAll(playbook.Content(), func(b []byte) []byte { return b })
	if err == nil {
		err = copyAll(playbook.Around(), func(b []byte) []byte {
			return bytes.ReplaceAll(b, []byte("{{version}}"), []byte(version))
		})
	}
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	switch {
	case err != nil:
	case exists:
		err = moveInto(tmp, abs)
	default:
		err = os.Rename(tmp, abs)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("init %s: %w", dir, err)
	}
	return written, nil
}

// moveInto moves every entry of the folder from into the empty folder to,
// then removes from. When a move fails, the entries already moved go back.
func moveInto(from, to string) error {
	entries, err := os.ReadDir(from)
	if err != nil {
		return err
	}
	for i, e := range entries {
		if err := os.Rename(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
			for _, back := range entries[:i] {
				os.Rename(filepath.Join(to, back.Name()), filepath.Join(from, back.Name()))
			}
			return err
		}
	}
	return os.Remove(from)
}

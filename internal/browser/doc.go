// Package browser holds the tests that prove the built site works for a
// reader in a real browser: they build this repository's playbook into a
// temporary folder, serve it on 127.0.0.1 under the site's
// Content-Security-Policy, and drive Debian's Chromium through
// github.com/chromedp/chromedp.
//
// What they prove:
//
//   - the reader's role: chosen on the home page, a role page or in the
//     header, it is kept and shapes every guide (the reader's own pathway
//     first, with its previous and next steps, the others folded; with no
//     role, one line per pathway); progress is kept role by role, progress
//     saved by the script's first version moves over, and the home page
//     names the step to continue with;
//   - saved work: a ticked checklist item, a "Check yourself" box, a
//     reflection answer and a pathway step survive a reload; an export
//     imported into a fresh browser profile restores them; ids the content
//     no longer has are kept, never dropped; a checklist's answers are
//     summed up section by section;
//   - safety: saved work whose ids are "__proto__", "constructor" or
//     "toString" breaks nothing and changes no prototype; "Delete
//     everything saved on this device" empties the browser's storage after
//     asking; a page says so when the browser cannot save;
//   - without JavaScript, no control that needs it shows, a note says
//     where nothing is saved, a guide lists every pathway, and a checklist
//     or form is still a clean page to print;
//   - printing: every reflection form prints on one page of US Letter and
//     of A4, blank and filled in, its long "School or team" whole; a long
//     answer runs onto a second page that repeats the form's title; each
//     sheet carries the playbook's title, the district and its address;
//     /print/ is the whole playbook, its contents numbered and linked
//     inside it, every form and checklist on a page of its own, its pages
//     numbered, its PDF outline the headings in order;
//   - layout: no page is wider than a 320 px screen, and a guide loads on
//     a phone without shifting (cumulative layout shift 0), its script
//     held back until the page has painted;
//   - accessibility: axe-core finds no WCAG 2.1 A or AA violation on any
//     page, and the site works from the keyboard alone, with visible focus
//     and a skip link;
//   - markup: the Nu Html Checker finds no error in any page.
//
// The checkers come from npm (testdata/package.json, installed by .ci/run
// with npm ci into testdata/node_modules); the Nu Html Checker runs on the
// machine's java. On a machine without Chromium, java or the npm packages
// a test says what is missing and skips, except under CI=true, where a
// missing tool fails the test: CI must run every one of them.
package browser

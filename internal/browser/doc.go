// Package browser holds the tests that prove the built site works for a
// reader in a real browser: they build this repository's playbook into a
// temporary folder, serve it on 127.0.0.1 under the site's
// Content-Security-Policy, and drive Debian's Chromium through
// github.com/chromedp/chromedp.
//
// What they prove:
//
//   - saved work: a ticked checklist item, a reflection answer and a pathway
//     step survive a reload; an export imported into a fresh browser profile
//     restores them; ids the content no longer has are kept, never dropped;
//   - without JavaScript, no control that needs it shows and a checklist
//     or form is still a clean page to print;
//   - printing: every reflection form prints on one page of US Letter and of
//     A4, blank and with answers, with every prompt on it; /print/ is the
//     whole playbook, its contents and cross-references linked inside it;
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

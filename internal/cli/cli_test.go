package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chorus/internal/cli"
)

func TestFormsCheck(t *testing.T) {
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"forms", "check"}, &out, &errs); code != 0 {
		t.Fatalf("built-in forms: exit %d, %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "3 form(s) OK") {
		t.Errorf("output = %q", out.String())
	}
	// Plain English: each form's score, then its suggestions, named by
	// form and text.
	for _, want := range []string{"Plain English (advice, not rules):\n  coproduction-consultation v1: reading ease ",
		"  quality-checker-visit v3: reading ease ", "; easy read: reading ease ",
		"  warning: quality-checker-visit: introduction: passive: 'are saved' — say who does it\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	// The built-in forms have every easy-read wording and no titles that
	// clash: no warning names their files.
	if strings.Contains(out.String(), ".yaml:") {
		t.Errorf("warned about a built-in form:\n%s", out.String())
	}

	// A form for volunteers that lacks some easy-read wording, and whose
	// two "What shows this?" questions, in one section with no short
	// labels, would have one title in downloads: a warning each, and the
	// check still passes.
	out.Reset()
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "check", "testdata/forms-warnings"}, &out, &errs); code != 0 {
		t.Fatalf("a form with warnings: exit %d, %s", code, errs.String())
	}
	for _, want := range []string{"Warning: ", "  warning: team-check.yaml: introduction has no easy-read wording (add easyReadIntroduction)",
		"question(s) could be mistaken for another in downloads and results",
		`  warning: team-check.yaml: secondEvidence: has the same title in exports as firstEvidence ("The points — What shows this?")`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	if strings.Index(out.String(), "Plain English") < strings.LastIndex(out.String(), "could be mistaken for another") {
		t.Errorf("plain English comes before the other warnings:\n%s", out.String())
	}

	out.Reset()
	errs.Reset()
	code := cli.Main(context.Background(), []string{"forms", "check", "../app/testdata/forms-bad"}, &out, &errs)
	if code == 0 {
		t.Fatal("a bad definition passed the check")
	}
	for _, want := range []string{
		"broken.yaml: a: a singleChoice question needs options\n",
		`broken.yaml: b: showIf refers to "c", which is not a question in this form`,
	} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("missing %q in:\n%s", want, errs.String())
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"frobnicate"}, &out, &errs); code != 2 || !strings.Contains(errs.String(), "Usage") {
		t.Errorf("exit %d, %q", code, errs.String())
	}
}

// forms check uses the council's words to avoid when
// CHORUS_WORDS_TO_AVOID names a file, in place of the built-in list.
func TestFormsCheckWithCouncilWords(t *testing.T) {
	file := filepath.Join(t.TempDir(), "words.txt")
	if err := os.WriteFile(file, []byte("save → keep\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("CHORUS_WORDS_TO_AVOID", file)
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"forms", "check"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d, %s", code, errs.String())
	}
	if want := "  warning: quality-checker-visit: introduction: 'saved': say 'keep'\n"; !strings.Contains(out.String(), want) {
		t.Errorf("missing %q in:\n%s", want, out.String())
	}
}

package cli_test

import (
	"bytes"
	"context"
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
	// The six-point test is for volunteers and lacks some easy-read
	// wording: a warning each, and the check still passes. The Quality
	// Checker visit is complete.
	for _, want := range []string{"Warning: ", "  warning: coproduction-six-point-test.yaml: introduction has no easy-read wording (add easyReadIntroduction)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	// Its six "What shows this?" questions, in one section with no short
	// labels, would have one title in downloads: a warning each.
	for _, want := range []string{"question(s) could be mistaken for another in downloads and results",
		`  warning: coproduction-six-point-test.yaml: blurredBoundariesEvidence: has the same title in exports as wholeLifeEvidence ("The six points — What shows this?")`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	// Plain English, after the other warnings: each form's score, then
	// its suggestions, named by form and text.
	for _, want := range []string{"Plain English (advice, not rules):\n  coproduction-consultation v1: reading ease ",
		"  quality-checker-visit v3: reading ease ", "; easy read: reading ease ",
		"  warning: quality-checker-visit: introduction: passive: 'are saved' — say who does it\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
	if strings.Index(out.String(), "Plain English") < strings.LastIndex(out.String(), "could be mistaken for another") {
		t.Errorf("plain English comes before the other warnings:\n%s", out.String())
	}
	if strings.Contains(out.String(), "quality-checker-visit.yaml:") || strings.Contains(out.String(), "coproduction-consultation.yaml:") {
		t.Errorf("warned about a complete form or a public one:\n%s", out.String())
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

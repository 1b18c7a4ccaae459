package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/cli"
	"chorus/internal/form"
	"chorus/internal/formbook"
)

// TestFormsCheckWorkbooks: chorus forms check reads .xlsx workbooks in a
// forms directory, and places a workbook's problems by sheet, row and column.
func TestFormsCheckWorkbooks(t *testing.T) {
	builtIn, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	good := t.TempDir()
	for _, f := range builtIn {
		data, err := formbook.Write(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(good, f.ID+".xlsx"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"forms", "check", good}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "3 form(s) OK: coproduction-consultation v1, coproduction-six-point-test v2, quality-checker-visit v3") {
		t.Errorf("output = %q", out.String())
	}
	// A workbook's easy-read warnings name its columns.
	gaps, errs2 := form.Parse("team-check.yaml", mustRead(t, "testdata/forms-warnings/team-check.yaml"), time.UTC)
	if len(errs2) > 0 {
		t.Fatal(errs2)
	}
	gapsBook, err := formbook.Write(gaps)
	if err != nil {
		t.Fatal(err)
	}
	warned := t.TempDir()
	if err := os.WriteFile(filepath.Join(warned, "team-check.xlsx"), gapsBook, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "check", warned}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if want := "  warning: team-check.xlsx: introduction has no easy-read wording (add easy_read_introduction)"; !strings.Contains(out.String(), want) {
		t.Errorf("missing %q in:\n%s", want, out.String())
	}

	// A workbook whose first question is shown by a later one's answer.
	bad := &form.Form{ID: "bad", Version: "1", Title: "Bad", Kind: form.KindSurvey, Audience: form.AudiencePublic,
		Sections: []form.Section{{ID: "s", Title: "S", Questions: []form.Question{
			{ID: "a", Type: form.TypeShortText, Label: "A", ShowIf: &form.Condition{Question: "b", Equals: "x"}},
			{ID: "b", Type: form.TypeShortText, Label: "B"},
		}}}}
	data, err := formbook.Write(bad)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(good, "bad.xlsx"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "check", good}, &out, &errs); code != 1 {
		t.Fatalf("exit %d: a bad workbook passed the check", code)
	}
	want := "1 problem(s) in the form definitions:\nbad.xlsx: survey row 3, column relevant: refers to b, which comes later (row 4): a condition can only look at earlier questions\n"
	if !strings.Contains(errs.String(), want) {
		t.Errorf("stderr = %q, want %q", errs.String(), want)
	}
}

// TestFormsTemplate: chorus forms template writes the blank workbook to a
// new file, and never over an existing one.
func TestFormsTemplate(t *testing.T) {
	name := filepath.Join(t.TempDir(), "new-form.xlsx")
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"forms", "template", name}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := formbook.Template()
	if len(data) == 0 || len(data) != len(want) {
		t.Errorf("wrote %d bytes, want the template's %d", len(data), len(want))
	}
	// The blank template reads as a form with nothing in it yet.
	if _, ps := formbook.Read("new-form.xlsx", data, time.UTC); len(ps) == 0 {
		t.Error("the blank template read as a form")
	}
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "template", name}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "exists") {
		t.Errorf("over an existing file: exit %d, %s", code, errs.String())
	}
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "template", "form.yaml"}, &out, &errs); code != 1 || !strings.Contains(errs.String(), "ending .xlsx") {
		t.Errorf("a YAML name: exit %d, %s", code, errs.String())
	}
}

func mustRead(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

package app_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestLibreOfficeCSVHasNoFormulas: answers that hold a formula after a
// semicolon, a tab, a comma, a | or a line break (issue 16) are exported
// as CSV, and LibreOffice opens the file with each of those separators,
// with formulas evaluated: no cell is a formula, and each part that would
// have been one is text starting with '.
func TestLibreOfficeCSVHasNoFormulas(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "" && errors.Is(err, exec.ErrNotFound) {
			t.Skip("LibreOffice is not installed: the spreadsheet program test was not run")
		}
		t.Fatal(err)
	}
	h := start(t, "testdata/forms", "")
	answers := []string{"x;=1+1;y", "x\t=2+2\ty", "a,=3+3", "fine\n=4+4", "a| @SUM(5)", "b;-6+6"}
	for _, a := range answers {
		postSurvey(t, h, map[string]any{"name": "Sam", "happy": false, "why": a})
	}
	officer := h.signIn(t, "officer")
	c := h.getAs(t, officer, "/api/v1/forms/survey/export.csv")
	if c.status != 200 {
		t.Fatalf("export: %d %s", c.status, c.raw)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "export.csv")
	if err := os.WriteFile(in, c.raw, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, sep := range []struct {
		name string
		code int
		want []string // texts that cells LibreOffice reads must start with
	}{
		{"comma", ',', []string{"x;'=1+1;y", "x\t'=2+2\ty", "a,'=3+3", "fine\n'=4+4", "a|' @SUM(5)", "b;'-6+6"}},
		{"semicolon", ';', []string{"'=1+1", "'-6+6"}},
		{"tab", '\t', []string{"'=2+2"}},
		{"bar", '|', []string{"' @SUM(5)"}},
	} {
		t.Run(sep.name, func(t *testing.T) {
			x := openCSVWithLibreOffice(t, soffice, in, sep.code)
			var texts []string
			for _, sheet := range x.GetSheetList() {
				rows, err := x.GetRows(sheet)
				if err != nil {
					t.Fatal(err)
				}
				for r, row := range rows {
					for col, v := range row {
						cell, _ := excelize.CoordinatesToCellName(col+1, r+1)
						if f, _ := x.GetCellFormula(sheet, cell); f != "" {
							t.Errorf("%s!%s is the formula %q", sheet, cell, f)
						}
						if strings.HasPrefix(v, "=") || strings.HasPrefix(v, "#") {
							t.Errorf("%s!%s holds %q", sheet, cell, v)
						}
						texts = append(texts, v)
					}
				}
			}
			for _, w := range sep.want {
				if !slices.ContainsFunc(texts, func(v string) bool { return strings.HasPrefix(v, w) }) {
					t.Errorf("no cell holds a text starting %q; cells: %q", w, texts)
				}
			}
		})
	}
}

// openCSVWithLibreOffice has LibreOffice open a CSV file with the given
// separator, quotes as text delimiters, UTF-8, and formulas evaluated, and
// save it as a workbook, which it returns opened.
func openCSVWithLibreOffice(t *testing.T, soffice, in string, sep int) *excelize.File {
	t.Helper()
	dir := filepath.Dir(in)
	out := filepath.Join(dir, fmt.Sprintf("out-%d", sep))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Tokens: separator, text delimiter 34 ("), UTF-8 (76), from line 1,
	// no column formats, language 0, quoted fields not forced to text,
	// no special numbers, then (token 13) evaluate formulas.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		fmt.Sprintf("--infilter=Text - txt - csv (StarCalc):%d,34,76,1,,0,false,false,false,false,false,false,true", sep),
		"--convert-to", "xlsx", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, b)
	}
	x, err := excelize.OpenFile(filepath.Join(out, "export.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

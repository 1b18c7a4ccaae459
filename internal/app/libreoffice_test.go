package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// libreOffice converts every sheet of a workbook to CSV with LibreOffice
// headless, and returns each sheet's records by sheet name. Without
// LibreOffice the test is skipped, except in CI, where .ci/run installs it.
func libreOffice(t *testing.T, workbook []byte) map[string][][]string {
	t.Helper()
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") == "" && errors.Is(err, exec.ErrNotFound) {
			t.Skip("LibreOffice is not installed: the spreadsheet program test was not run")
		}
		t.Fatal(err)
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "export.xlsx")
	if err := os.WriteFile(in, workbook, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Field separator 44 (,), text delimiter 34 ("), UTF-8 (76), and the
	// last token -1: every sheet to its own file.
	cmd := exec.CommandContext(ctx, soffice, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", filepath.Join(dir, "out"), in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("LibreOffice: %v\n%s", err, out)
	}
	sheets := map[string][][]string{}
	files, _ := filepath.Glob(filepath.Join(dir, "out", "export-*.csv"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(b))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		sheets[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "export-"), ".csv")] = recs
	}
	if len(sheets) == 0 {
		t.Fatal("LibreOffice wrote no sheets")
	}
	return sheets
}

func TestLibreOfficeReadsTheExports(t *testing.T) {
	h := start(t, "testdata/forms", "")
	var receipts []string
	for _, name := range []string{"=1+1", "Zoë", "@home"} {
		receipts = append(receipts, postSurvey(t, h, map[string]any{"name": name, "happy": name != "Zoë", "why": "cost", "score": 4}))
	}
	officer := h.signIn(t, "officer")
	x := h.getAs(t, officer, "/api/v1/forms/survey/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d", x.status)
	}
	sheets := libreOffice(t, x.raw)
	for _, s := range []string{"Responses", "Summary", "Questions", "About"} {
		if sheets[s] == nil {
			t.Errorf("LibreOffice did not read the %s sheet (got %d sheets)", s, len(sheets))
		}
	}
	rows := sheets["Responses"]
	if len(rows) != 4 || rows[0][0] != "Receipt" || rows[0][6] != "Your name" {
		t.Fatalf("Responses as LibreOffice reads it: %q", rows)
	}
	for i, want := range receipts {
		if rows[i+1][0] != want {
			t.Errorf("row %d receipt %q, want %q", i+1, rows[i+1][0], want)
		}
	}
	// Text that looks like a formula stays text; numbers stay numbers.
	if rows[1][6] != "'=1+1" || rows[3][6] != "'@home" || rows[2][6] != "Zoë" || rows[1][9] != "4" {
		t.Errorf("values as LibreOffice reads them: %q", rows[1:])
	}
	if sum := flatten(sheets["Summary"]); !strings.Contains(sum, "Yes,2,") || !strings.Contains(sum, "No,1,") {
		t.Errorf("Summary as LibreOffice reads it:\n%s", sum)
	}

	hv := start(t, "", "") // the built-in forms, with the visit form
	officer = hv.signIn(t, "officer")
	phone, _ := hv.volunteer(t, officer, "Sam")
	postVisit(t, hv, phone, visitAnswers("svc-oakwood-lodge", "2026-02-01", "red"))
	postVisit(t, hv, phone, visitAnswers("svc-oakwood-lodge", "2026-03-01", "green"))
	v := hv.getAs(t, officer, "/api/v1/forms/quality-checker-visit/export.xlsx")
	if v.status != 200 {
		t.Fatalf("visits export: %d", v.status)
	}
	vs := libreOffice(t, v.raw)
	for _, s := range []string{"Visits", "By service", "Ratings", "Questions", "About"} {
		if vs[s] == nil {
			t.Errorf("LibreOffice did not read the %s sheet", s)
		}
	}
	if rows := vs["Visits"]; len(rows) != 3 || rows[1][0] != "Oakwood Lodge" || rows[2][3] != "Green - good" {
		t.Errorf("Visits as LibreOffice reads it: %q", rows)
	}
	if by := flatten(vs["By service"]); !strings.Contains(by, "Oakwood Lodge,svc-oakwood-lodge,2,") || !strings.Contains(by, "Green - good,▲ Better") {
		t.Errorf("By service as LibreOffice reads it:\n%s", by)
	}
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, ",") + "\n")
	}
	return b.String()
}

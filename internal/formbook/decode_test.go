package formbook_test

import (
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"chorus/forms"
	"chorus/internal/form"
	"chorus/internal/formbook"
)

// TestDecode reads each kind of file by its name.
func TestDecode(t *testing.T) {
	yamlData, err := fs.ReadFile(forms.FS, "coproduction-consultation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	f, ps := formbook.Decode("consultation.YAML", yamlData, time.UTC)
	if len(ps) > 0 || f.ID != "coproduction-consultation" {
		t.Fatalf("YAML: %v", ps)
	}
	jsonData, _ := json.Marshal(f)
	g, ps := formbook.Decode("consultation.json", jsonData, time.UTC)
	if len(ps) > 0 {
		t.Fatalf("JSON: %v", ps)
	}
	if a, b := mustJSON(t, f), mustJSON(t, g); a != b {
		t.Error("the JSON file did not give the same form as the YAML one")
	}
	book, err := formbook.Write(f)
	if err != nil {
		t.Fatal(err)
	}
	if h, ps := formbook.Decode("Consultation.XLSX", book, time.UTC); len(ps) > 0 || mustJSON(t, h) != mustJSON(t, f) {
		t.Errorf("workbook: %v", ps)
	}

	// A bad YAML file: its problems name their question, and no sheet.
	bad := strings.Replace(string(yamlData), "showIf: {question: keepInTouch, equals: true}", "showIf: {question: nowhere, equals: true}", 1)
	_, ps = formbook.Decode("bad.yml", []byte(bad), time.UTC)
	if len(ps) != 1 || ps[0].Question != "email" || ps[0].Sheet != "" || ps[0].Row != 0 ||
		ps[0].String() != `email: showIf refers to "nowhere", which is not a question in this form` {
		t.Errorf("bad YAML: %#v", ps)
	}
	// A bad JSON file: every problem at once.
	_, ps = formbook.Decode("bad.json", []byte(`{"id": "Bad Id", "version": "1", "kind": "visit", "audience": "public", "sections": [{"title": "S", "questions": [{"id": "q", "type": "geopoint", "label": "Where?"}]}]}`), time.UTC)
	if len(ps) != 3 || !strings.Contains(ps.Error(), "title is missing") || !strings.Contains(ps.Error(), `q: unknown type "geopoint"`) {
		t.Errorf("bad JSON:\n%s", ps)
	}
	if _, ps = formbook.Decode("empty.yaml", nil, time.UTC); len(ps) != 1 || ps[0].Message != "the file is empty" {
		t.Errorf("empty YAML: %v", ps)
	}

	for name, want := range map[string]string{
		"form.pdf":  `"form.pdf" is none of these`,
		"form":      `"form" is none of these`,
		"form.xls":  "not .xls: open the file and save it as .xlsx",
		"form.ods":  "not .ods",
		"form.csv":  "a .csv file cannot hold",
		"form.xlsx": "not an Excel workbook",
	} {
		if _, ps := formbook.Decode(name, []byte("hello"), time.UTC); len(ps) != 1 || !strings.Contains(ps[0].Message, want) {
			t.Errorf("%s: %v, want %q", name, ps, want)
		}
	}
	for _, name := range []string{"big.xlsx", "big.yaml"} {
		_, ps := formbook.Decode(name, make([]byte, formbook.MaxBytes+1), time.UTC)
		if len(ps) != 1 || !strings.Contains(ps[0].Message, "may be at most 2 MB") {
			t.Errorf("%s: %v", name, ps)
		}
	}
}

// TestLoadFS reads a directory of workbooks and YAML files, and reports a
// workbook's problems by file, sheet, row and column.
func TestLoadFS(t *testing.T) {
	yamlData, _ := fs.ReadFile(forms.FS, "coproduction-six-point-test.yaml")
	good := book(t, smallSurvey(), settingsSheet())
	dir := fstest.MapFS{
		"six-point.yaml": {Data: yamlData},
		"small.xlsx":     {Data: good},
		"~$small.xlsx":   {Data: []byte("Excel's lock file")},
		"notes.txt":      {Data: []byte("not a form")},
	}
	got, err := formbook.LoadFS(dir, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != "coproduction-six-point-test" || got[1].ID != "test-form" || got[1].File() != "small.xlsx" {
		t.Errorf("forms: %v", got)
	}

	dir["again.xlsx"] = &fstest.MapFile{Data: good}
	dir["bad.xlsx"] = &fstest.MapFile{Data: book(t, smallSurvey([]any{"text", "q", "Q", "", "${nowhere} = 1"}), settingsSheet())}
	_, err = formbook.LoadFS(dir, time.UTC)
	var de form.DefinitionErrors
	if !errors.As(err, &de) {
		t.Fatalf("error %T %v", err, err)
	}
	for _, want := range []string{
		`small.xlsx: form id "test-form" is already used by again.xlsx`,
		"bad.xlsx: survey row 4, column relevant: refers to nowhere, which is not the name of a question in this form",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%s", want, err)
		}
	}

	if _, err := formbook.LoadFS(fstest.MapFS{}, time.UTC); err == nil || !strings.Contains(err.Error(), "no form definition files (.xlsx, .yaml, .yml or .json)") {
		t.Errorf("empty directory: %v", err)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

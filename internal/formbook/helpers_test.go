package formbook_test

import (
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
	"chorus/internal/formbook"
)

// sheet is one sheet of a test workbook: its name and its rows from row 1.
type sheet struct {
	name string
	rows [][]any
}

// book writes a workbook with excelize's own API, cell by cell as Excel
// would store what an officer typed: numbers as numbers, dates as dates.
func book(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := x.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := x.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil || v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := x.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// surveyHeader is the survey sheet's header for test workbooks.
var surveyHeader = []any{"type", "name", "label", "required", "relevant", "min", "max"}

// settingsSheet is a good settings sheet.
func settingsSheet() sheet {
	return sheet{"settings", [][]any{
		{"form_id", "version", "form_title", "kind", "audience"},
		{"test-form", "1", "A test form", "survey", "public"},
	}}
}

// smallSurvey is a good survey sheet of one section, to which rows may be added.
func smallSurvey(more ...[]any) sheet {
	rows := [][]any{surveyHeader, {"begin group", "about", "About you"}, {"text", "name", "Your name"}}
	rows = append(rows, more...)
	rows = append(rows, []any{"end group"})
	return sheet{"survey", rows}
}

// read reads a workbook that should be good.
func read(t *testing.T, data []byte) *form.Form {
	t.Helper()
	f, ps := formbook.Read("test.xlsx", data, time.UTC)
	if len(ps) > 0 {
		t.Fatalf("problems:\n%s", ps)
	}
	return f
}

// problemsOf reads a workbook that should have problems.
func problemsOf(t *testing.T, data []byte) formbook.Problems {
	t.Helper()
	f, ps := formbook.Read("test.xlsx", data, time.UTC)
	if len(ps) == 0 || f != nil {
		t.Fatal("the workbook was read without problems")
	}
	return ps
}

// hasProblem reports whether ps holds a problem at the place with a
// message containing text.
func hasProblem(ps formbook.Problems, sheet string, row int, column, text string) bool {
	for _, p := range ps {
		if p.Sheet == sheet && p.Row == row && p.Column == column && strings.Contains(p.Message, text) {
			return true
		}
	}
	return false
}

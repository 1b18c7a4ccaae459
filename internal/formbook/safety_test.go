package formbook_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/formbook"
	"chorus/internal/xlsxtest"
)

// TestSharedTextBomb: one long text that thousands of cells refer to makes
// a small file that would fill memory as it is read, a copy for each
// cell. It is refused before it is read.
func TestSharedTextBomb(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "survey")
	if err := x.SetCellValue("survey", "A1", strings.Repeat("a", 1<<20)); err != nil {
		t.Fatal(err)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	// Every cell of 3,000 rows, out to column XFD, refers to the one text.
	data := xlsxtest.Rewrite(t, buf.Bytes(), "xl/worksheets/sheet1.xml", func(s string) string {
		var rows strings.Builder
		for r := 1; r <= 3000; r++ {
			fmt.Fprintf(&rows, `<row r="%d">`, r)
			for _, col := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "XFD"} {
				fmt.Fprintf(&rows, `<c r="%s%d" t="s"><v>0</v></c>`, col, r)
			}
			rows.WriteString("</row>")
		}
		start, end := strings.Index(s, "<sheetData>"), strings.Index(s, "</sheetData>")
		return s[:start] + "<sheetData>" + rows.String() + s[end:]
	})
	if len(data) > formbook.MaxBytes {
		t.Fatalf("the test file is %d bytes; it should be small", len(data))
	}
	_, ps := formbook.Read("bomb.xlsx", data, time.UTC)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "MB of text") {
		t.Errorf("problems: %v", ps)
	}
}

// TestFarColumnsAndLongCells: a cell in column XFD is not read (so no
// row is padded out to 16,384 cells), a column heading there is a
// problem, and a cell longer than Excel allows is a problem at its place.
func TestFarColumnsAndLongCells(t *testing.T) {
	x := excelize.NewFile()
	defer x.Close()
	x.SetSheetName("Sheet1", "survey")
	for cell, v := range map[string]string{
		"A1": "type", "B1": "name", "C1": "label",
		"A2": "begin group", "B2": "s", "C2": "S",
		"A3": "text", "B3": "q", "C3": "Q", "XFD3": "far away",
		"A4": "end group",
	} {
		if err := x.SetCellValue("survey", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	settings := settingsSheet()
	x.NewSheet(settings.name)
	for r, row := range settings.rows {
		x.SetSheetRow(settings.name, "A"+string(rune('1'+r)), &row)
	}
	buf, _ := x.WriteToBuffer()
	if f := read(t, buf.Bytes()); f.Sections[0].Questions[0].Label != "Q" {
		t.Errorf("read %+v", f.Sections[0])
	}

	x.SetCellValue("survey", "XFD1", "far heading")
	buf, _ = x.WriteToBuffer()
	ps := problemsOf(t, buf.Bytes())
	if !hasProblem(ps, "survey", 1, "far heading", "column XFD is too far to the right") || len(ps) != 1 {
		t.Errorf("problems:\n%s", ps)
	}

	// excelize cuts a text at Excel's limit as it writes; a cell written
	// by another program is not, so write the sheet's XML directly.
	data := xlsxtest.Rewrite(t, buf.Bytes(), "xl/worksheets/sheet1.xml", func(s string) string {
		s = strings.Replace(s, `<c r="XFD1" t="s"><v>`, `<c r="XFD1" t="s"><v>`, 1)
		return strings.Replace(s, "</row></sheetData>", `</row><row r="9"><c r="C9" t="inlineStr"><is><t>`+strings.Repeat("x", 40_000)+`</t></is></c></row></sheetData>`, 1)
	})
	ps = problemsOf(t, data)
	if !hasProblem(ps, "survey", 9, "label", "the cell holds 40000 characters; a cell may hold at most 32767") {
		t.Errorf("problems:\n%s", ps)
	}
}

// TestUnpackedSize: a small file that unpacks to more than a form needs is
// refused before it is unpacked.
func TestUnpackedSize(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for range 20 {
		w.Write(zeros)
	}
	zw.Close()
	_, ps := formbook.Read("zip.xlsx", buf.Bytes(), time.UTC)
	if len(ps) != 1 || !strings.Contains(ps[0].Message, "unpacks to more than 16 MB") {
		t.Errorf("problems: %v", ps)
	}
}

// TestTooManyRows: the survey sheet is read to 2,000 rows at most.
func TestTooManyRows(t *testing.T) {
	rows := [][]any{surveyHeader, {"begin group", "s", "S"}}
	for i := range 2001 {
		rows = append(rows, []any{"text", "q" + strings.Repeat("x", i%3) + string(rune('a'+i%26)), "Q"})
	}
	ps := problemsOf(t, book(t, sheet{"survey", rows}, settingsSheet()))
	if !hasProblem(ps, "survey", 2002, "", "more than 2000 rows") {
		t.Errorf("problems: %v", ps[:min(len(ps), 5)])
	}
}

// Package xlsxtest makes workbooks for tests as programs other than Excel
// could write them: a part of the file rewritten, or a first sheet whose
// rows and shared texts are given as XML, to feed readers what a
// careless or hostile file may hold. Tests import it; Chorus does not.
package xlsxtest

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Rewrite returns the workbook data with one part (a file in its zip,
// such as "xl/worksheets/sheet1.xml") changed by change; every other part
// is as it was.
func Rewrite(t testing.TB, data []byte, part string, change func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			content = []byte(change(string(content)))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(content); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// WithSheet is a workbook whose first sheet ("Sheet1") holds rows, the
// XML inside its sheetData, and whose shared texts are shared (each
// written as given, XML included), for cells of type "s" to point at.
func WithSheet(t testing.TB, rows string, shared ...string) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	_ = x.SetCellValue("Sheet1", "A1", "placeholder") // so that the file has a shared texts part
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	data := Rewrite(t, buf.Bytes(), "xl/worksheets/sheet1.xml", func(s string) string {
		start, end := strings.Index(s, "<sheetData>"), strings.Index(s, "</sheetData>")
		return s[:start] + "<sheetData>" + rows + s[end:]
	})
	return Rewrite(t, data, "xl/sharedStrings.xml", func(string) string {
		var si strings.Builder
		for _, s := range shared {
			si.WriteString("<si><t>" + s + "</t></si>")
		}
		return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + si.String() + `</sst>`
	})
}

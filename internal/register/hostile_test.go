package register

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/chorus"
	"chorus/internal/xlsxtest"
)

// hostileRows is how many rows the hostile files have: as many as a
// register may.
const hostileRows = MaxRows

// normalRegister is a register of n services as Excel would save it, with
// every column filled.
func normalRegister(t testing.TB, n int) []byte {
	t.Helper()
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	_ = sw.SetRow("A1", []any{"Service ID", "Name", "Type", "Provider", "Address", "CQC location ID"})
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = sw.SetRow(cell, []any{fmt.Sprintf("svc-%05d", i), fmt.Sprintf("Service number %d", i), "Care home",
			fmt.Sprintf("Provider %d Ltd", i%97), fmt.Sprintf("%d High Street, Northtown NT%d %dAB", i, i%9, i%7), fmt.Sprintf("1-%09d", i)})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// headerRow names the columns id and name, in inline texts.
const headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c>` +
	`<c r="C1" t="inlineStr"><is><t>type</t></is></c><c r="D1" t="inlineStr"><is><t>provider</t></is></c></row>`

// rowsOf writes n rows below the header, each made by cells.
func rowsOf(n int, cells func(r int) string) string {
	var b strings.Builder
	b.WriteString(headerRow)
	for r := 2; r < n+2; r++ {
		fmt.Fprintf(&b, `<row r="%d">%s</row>`, r, cells(r))
	}
	return b.String()
}

// idCell is a row's id, inline.
func idCell(r int) string {
	return fmt.Sprintf(`<c r="A%d" t="inlineStr"><is><t>svc-%05d</t></is></c>`, r, r)
}

// hostileFile is one hostile upload and what reading it must give.
type hostileFile struct {
	name string
	data []byte
	// refused is what the refusal says; "" when the file is read, with
	// good rows and row errors.
	refused    string
	good, errs int
}

func hostileFiles(t testing.TB) []hostileFile {
	t.Helper()
	oneMB := strings.Repeat("a", 1<<20)
	// A sheet that unpacks to 100 MB: a register row and then spaces.
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	_, _ = w.Write([]byte(`<worksheet><sheetData>` + rowsOf(1, idCell)))
	spaces := bytes.Repeat([]byte(" "), 1<<20)
	for range 100 {
		_, _ = w.Write(spaces)
	}
	_, _ = w.Write([]byte(`</sheetData></worksheet>`))
	zw.Close()
	// 5,000 empty files in one zip.
	var many bytes.Buffer
	zw = zip.NewWriter(&many)
	for i := range 5000 {
		_, _ = zw.Create(fmt.Sprintf("x/%d", i))
	}
	zw.Close()
	return []hostileFile{
		{name: "a 1 MB shared text in four cells of every row",
			data: xlsxtest.WithSheet(t, rowsOf(hostileRows, func(r int) string {
				return idCell(r) + fmt.Sprintf(`<c r="B%d" t="s"><v>0</v></c><c r="C%d" t="s"><v>0</v></c><c r="D%d" t="s"><v>0</v></c><c r="E%d" t="s"><v>0</v></c>`, r, r, r, r)
			}), oneMB),
			errs: 3 * hostileRows},
		{name: "a cell in column XFD on every row",
			data: xlsxtest.WithSheet(t, rowsOf(hostileRows, func(r int) string {
				return idCell(r) + fmt.Sprintf(`<c r="B%d" t="s"><v>0</v></c><c r="XFD%d" t="s"><v>0</v></c>`, r, r)
			}), "Oak House"),
			good: hostileRows},
		{name: "only a cell in column XFD on every row",
			data:    xlsxtest.WithSheet(t, rowsOf(hostileRows, func(r int) string { return fmt.Sprintf(`<c r="XFD%d" t="s"><v>0</v></c>`, r) }), "far"),
			refused: "has a header row but no services"},
		{name: "a 40,000-character inline cell",
			data: xlsxtest.WithSheet(t, rowsOf(1, func(r int) string {
				return idCell(r) + `<c r="B2" t="inlineStr"><is><t>` + strings.Repeat("x", 40_000) + `</t></is></c>`
			})),
			errs: 1},
		{name: "a sheet that unpacks to 100 MB", data: bomb.Bytes(), refused: "unpacks to more than 16 MB"},
		{name: "5,000 files in the zip", data: many.Bytes(), refused: "more than 1000 parts"},
		{name: "5,001 rows", data: xlsxtest.WithSheet(t, rowsOf(MaxRows+1, func(r int) string {
			return idCell(r) + fmt.Sprintf(`<c r="B%d" t="s"><v>0</v></c>`, r)
		}), "A place"), refused: "more than 5000 rows"},
	}
}

// TestHostileWorkbooks: each hostile file is read quickly, to a preview
// with its row errors or to a clear refusal.
func TestHostileWorkbooks(t *testing.T) {
	for _, f := range hostileFiles(t) {
		t.Run(f.name, func(t *testing.T) {
			if len(f.data) > MaxBytes {
				t.Fatalf("the test file is %d bytes, over the upload limit", len(f.data))
			}
			start := time.Now()
			rows, errs, err := Read(f.data)
			took := time.Since(start)
			if took > 3*time.Second {
				t.Errorf("reading took %s", took)
			}
			if f.refused != "" {
				if chorus.ErrorCode(err) != chorus.EINVALID || !strings.Contains(err.Error(), f.refused) {
					t.Errorf("err = %v, want a refusal saying %q", err, f.refused)
				}
				return
			}
			if err != nil || len(rows) != f.good || len(errs) != f.errs {
				t.Fatalf("%d rows, %d errors (%v), %v; want %d and %d", len(rows), len(errs), errs[:min(len(errs), 3)], err, f.good, f.errs)
			}
			for _, e := range errs {
				if !strings.Contains(e.Message, "longer than 2000 characters") {
					t.Fatalf("row error %+v", e)
				}
			}
			t.Logf("%d bytes read in %s", len(f.data), took)
		})
	}
}

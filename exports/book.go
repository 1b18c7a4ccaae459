package exports

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// maxRows is how many rows a sheet holds, its header included. A variable
// so that tests can make a sheet overflow without a million rows.
var maxRows = excelize.TotalRows

// book is a workbook being written, with the styles its sheets share.
type book struct {
	f      *excelize.File
	styles struct {
		header, wrap, date, stamp, percent, cut, bold, title int
		note, mean                                           int            // a line under a Summary title; a mean rank
		fill                                                 map[string]int // by option colour
	}
	cut int // texts cut to fit a cell
}

// Fills for option colours: Excel's own Good, Neutral and Bad styles, which
// keep dark text readable, and a grey for "didn't see".
var fills = map[string][2]string{ // colour: fill, font
	"green": {"C6EFCE", "006100"},
	"amber": {"FFEB9C", "9C5700"},
	"red":   {"FFC7CE", "9C0006"},
	"grey":  {"D9D9D9", "3F3F3F"},
}

// newBook starts a workbook whose sheets are named, in order, by sheets.
func newBook(sheets ...string) (*book, error) {
	b := &book{f: excelize.NewFile()}
	if err := b.f.SetSheetName("Sheet1", sheets[0]); err != nil {
		return nil, err
	}
	for _, s := range sheets[1:] {
		if _, err := b.f.NewSheet(s); err != nil {
			return nil, err
		}
	}
	st := &b.styles
	var err error
	style := func(s *excelize.Style) int {
		id, e := b.f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	top := &excelize.Alignment{Vertical: "top"}
	st.header = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}})
	st.bold = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top})
	st.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	st.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	datefmt, stampfmt, pctfmt := "d mmm yyyy", "d mmm yyyy hh:mm", "0.0%"
	st.date = style(&excelize.Style{CustomNumFmt: &datefmt, Alignment: top})
	st.stamp = style(&excelize.Style{CustomNumFmt: &stampfmt, Alignment: top})
	st.percent = style(&excelize.Style{CustomNumFmt: &pctfmt})
	meanfmt := "0.00"
	st.mean = style(&excelize.Style{CustomNumFmt: &meanfmt})
	st.note = style(&excelize.Style{Font: &excelize.Font{Italic: true}})
	st.cut = style(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Font: &excelize.Font{Color: "9C0006"}})
	st.fill = map[string]int{}
	for c, v := range fills {
		st.fill[c] = style(&excelize.Style{Alignment: top, Font: &excelize.Font{Color: v[1]},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{v[0]}}})
	}
	return b, err
}

// cell turns a cell value into what excelize writes, with its style.
func (b *book) cell(v any) any {
	switch v := v.(type) {
	case nil:
		return nil
	case text:
		s, cut := fitCell(safeText(string(v)))
		if cut {
			b.cut++
			return excelize.Cell{StyleID: b.styles.cut, Value: s}
		}
		return excelize.Cell{StyleID: b.styles.wrap, Value: s}
	case rated:
		s, _ := fitCell(safeText(v.text))
		if id, ok := b.styles.fill[v.colour]; ok {
			return excelize.Cell{StyleID: id, Value: s}
		}
		return excelize.Cell{StyleID: b.styles.wrap, Value: s}
	case day:
		return excelize.Cell{StyleID: b.styles.date, Value: wallClock(timeOf(v))}
	case stamp:
		return excelize.Cell{StyleID: b.styles.stamp, Value: timeOf(v)}
	}
	return v
}

// write finishes the workbook into w.
func (b *book) write(w io.Writer) error {
	// Not SetActiveSheet: it would parse back every streamed sheet. The
	// first sheet is the active one already.
	_, err := b.f.WriteTo(w)
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	return err
}

// table streams rows into a sheet under a bold, frozen, filterable header,
// and goes on in a new sheet ("Responses (2)") when one is full.
type table struct {
	b       *book
	base    string
	headers []string
	widths  []float64
	sheets  []string
	sw      *excelize.StreamWriter
	row     int // last row written in the current sheet
	after   string
}

// newTable starts a table on the existing sheet base.
func (b *book) newTable(base string, headers []string, widths []float64) (*table, error) {
	t := &table{b: b, base: base, headers: headers, widths: widths, after: base}
	return t, t.start(base)
}

func (t *table) start(sheet string) error {
	if len(t.sheets) > 0 {
		if _, err := t.b.f.NewSheet(sheet); err != nil {
			return err
		}
		if err := t.b.f.MoveSheet(sheet, t.after); err != nil {
			return err
		}
		// MoveSheet puts it before t.after; swap back so the parts read in order.
		if err := t.b.f.MoveSheet(t.after, sheet); err != nil {
			return err
		}
	}
	t.after = sheet
	t.sheets = append(t.sheets, sheet)
	sw, err := t.b.f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	t.sw, t.row = sw, 1
	for i, w := range t.widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	head := make([]any, len(t.headers))
	for i, h := range t.headers {
		head[i] = excelize.Cell{StyleID: t.b.styles.header, Value: safeText(h)}
	}
	return sw.SetRow("A1", head, excelize.RowOpts{Height: 45})
}

// add writes one row of cell values.
func (t *table) add(values []any) error {
	if t.row >= maxRows {
		if err := t.finish(); err != nil {
			return err
		}
		if err := t.start(fmt.Sprintf("%s (%d)", t.base, len(t.sheets)+1)); err != nil {
			return err
		}
	}
	t.row++
	row := make([]any, len(values))
	for i, v := range values {
		row[i] = t.b.cell(v)
	}
	cell, _ := excelize.CoordinatesToCellName(1, t.row)
	return t.sw.SetRow(cell, row)
}

// finish flushes the current sheet, with an auto-filter over its rows.
func (t *table) finish() error {
	last, _ := excelize.CoordinatesToCellName(max(len(t.headers), 1), max(t.row, 2))
	sheet := t.sheets[len(t.sheets)-1]
	if err := t.b.f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	return t.sw.Flush()
}

// excelizePanes freezes a sheet's first row.
var excelizePanes = excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}

// put writes one cell outside a stream, with its style when it has one.
func (b *book) put(sheet, ref string, v any) error {
	c, ok := v.(excelize.Cell)
	if !ok {
		return b.f.SetCellValue(sheet, ref, v)
	}
	if err := b.f.SetCellValue(sheet, ref, c.Value); err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, ref, ref, c.StyleID)
}

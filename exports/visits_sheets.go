package exports

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// writeByService fills the By service sheet: per service, how many visits,
// the last one's date, and per key question its latest rating (coloured)
// and the trend against the visit before.
func (b *book) writeByService(sheet string, v *visits) error {
	f := b.f
	head := []string{"Service", "Service id", "Visits", "Last visit"}
	width := []float64{30, 14, 8, 13}
	for _, q := range v.keys {
		head = append(head, keyName(q), "Trend")
		width = append(width, 16, 14)
	}
	for i, w := range width {
		_ = f.SetColWidth(sheet, columnName(i+1), columnName(i+1), w)
	}
	for i, h := range head {
		if err := b.put(sheet, cell(i+1, 1), excelize.Cell{StyleID: b.styles.header, Value: safeText(h)}); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelizePanes); err != nil {
		return err
	}
	row := 1
	for _, s := range v.sortedServices() {
		row++
		vals := []any{text(v.req.serviceName(s.id)), text(s.id), int64(s.count), nil}
		if d, err := time.Parse(time.DateOnly, s.latest.date); err == nil {
			vals[3] = day(d)
		}
		for i, q := range v.keys {
			vals = append(vals, v.req.answerValue(q, nonEmpty(s.latest.keys[i])))
			if s.previous == nil {
				vals = append(vals, text("First visit"))
			} else {
				vals = append(vals, text(trend(q, s.latest.keys[i], s.previous.keys[i])))
			}
		}
		for i, val := range vals {
			if err := b.put(sheet, cell(i+1, row), b.cell(val)); err != nil {
				return err
			}
		}
	}
	if row == 1 {
		return f.SetCellValue(sheet, "A2", "No visits match the filters.")
	}
	return f.AutoFilter(sheet, "A1:"+cell(len(head), row), nil)
}

func nonEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// ratingBuckets are the Ratings sheet's columns, with the colour they count.
var ratingBuckets = []struct{ colour, name string }{
	{form.ColourGreen, "Green / good"},
	{form.ColourAmber, "Amber / OK"},
	{form.ColourRed, "Red / not good"},
	{form.ColourGrey, "Didn't see"},
	{"", "No rating"},
}

// writeRatings fills the Ratings sheet: per key question, how many visits
// gave each colour, with a stacked bar chart of them.
func (b *book) writeRatings(sheet string, v *visits) error {
	f := b.f
	_ = f.SetColWidth(sheet, "A", "A", 34)
	_ = f.SetColWidth(sheet, "B", "F", 14)
	if err := b.put(sheet, "A1", excelize.Cell{StyleID: b.styles.header, Value: "Key question"}); err != nil {
		return err
	}
	for j, bk := range ratingBuckets {
		style := b.styles.header
		if id, ok := b.styles.fill[bk.colour]; ok {
			style = id
		}
		if err := b.put(sheet, cell(j+2, 1), excelize.Cell{StyleID: style, Value: bk.name}); err != nil {
			return err
		}
	}
	for i, q := range v.keys {
		rec := []any{safeText(keyName(q))}
		for _, bk := range ratingBuckets {
			rec = append(rec, v.colours[i][bk.colour])
		}
		if err := f.SetSheetRow(sheet, cell(1, i+2), &rec); err != nil {
			return err
		}
	}
	last := len(v.keys) + 1
	var series []excelize.ChartSeries
	for j, bk := range ratingBuckets {
		col := columnName(j + 2)
		fill := "FFFFFF"
		if c, ok := fills[bk.colour]; ok {
			fill = c[0]
		}
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", sheet, col),
			Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", sheet, last),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheet, col, col, last),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
			Line:       excelize.LineOptions{Width: 0.75},
		})
	}
	return f.AddChart(sheet, cell(1, last+2), &excelize.Chart{
		Type:      excelize.BarStacked,
		Series:    series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "Ratings per key question, all visits"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
	})
}

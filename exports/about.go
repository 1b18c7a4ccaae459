package exports

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// writeQuestions fills the Questions sheet, the data dictionary: which
// column holds which question (its title as the column's header, its id,
// number, section and full label), its type, options and versions.
func (b *book) writeQuestions(sheet string, req *Request, cols []column, dataSheets []string) error {
	f := b.f
	headers := []any{"Column", "Title", "Question id", "Number", "Question", "Section", "Type", "Options (code = label)", "In versions"}
	for i, w := range []float64{9, 40, 22, 8, 60, 28, 22, 50, 12} {
		_ = f.SetColWidth(sheet, columnName(i+1), columnName(i+1), w)
	}
	if err := f.SetSheetRow(sheet, "A1", &headers); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", cell(len(headers), 1), b.styles.header); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelizePanes); err != nil {
		return err
	}
	row := 1
	for i, c := range cols {
		row++
		rec := []any{columnName(i + 1), c.header, "", "", "", "", "about the response", "", ""}
		if c.q != nil {
			label, qtype, opts := describe(c)
			rec = []any{columnName(i + 1), c.header, c.q.ID, c.q.Form.Number(c.q.Question), label, c.q.Section, qtype,
				strings.Join(opts, "; "), strings.Join(c.q.Versions, ", ")}
		}
		for j := range rec {
			if s, ok := rec[j].(string); ok {
				rec[j] = safeText(s)
			}
		}
		if err := f.SetSheetRow(sheet, cell(1, row), &rec); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A2", cell(len(headers), max(row, 2)), b.styles.wrap); err != nil {
		return err
	}
	note := fmt.Sprintf("Columns are those of the %s sheet.", strings.Join(dataSheets, " and "))
	return f.SetCellValue(sheet, cell(1, row+2), note)
}

// describe says what a question's column holds: the question's full
// label (with the part shown), its type and its options as code = label.
func describe(c column) (label, qtype string, opts []string) {
	q := c.q
	for _, o := range q.Options {
		opts = append(opts, o.Value+" = "+o.Label)
	}
	if q.Type == form.TypeYesNo || q.Type == form.TypeConsent {
		opts = []string{"true = Yes", "false = No"}
	}
	label, qtype = q.Label, q.Type
	switch c.part {
	case partChosen:
		o := q.Option(c.option)
		label, qtype, opts = q.Label+": "+o.Label, "1 = chosen, 0 = not chosen", []string{o.Value + " = " + o.Label}
	case partRank:
		o := q.Option(c.option)
		label, qtype, opts = q.Label+" — "+o.Label, "ranking: the place given (1 = first)", []string{o.Value + " = " + o.Label}
	case partStatement:
		label, qtype = q.Label+" — "+c.statement.Label, "grid statement "+c.statement.ID
	case partOther:
		o := specified(q)
		label, qtype, opts = q.Label+" — "+o.Label+": the text written", "text", nil
	}
	return label, qtype, opts
}

// writeAbout fills the About sheet: what was exported, with which
// filters, when, by whom, and how many responses.
func (b *book) writeAbout(sheet string, req *Request, rows int, notes ...string) error {
	f := b.f
	cur := req.current()
	filters := req.Filter.Describe(req.serviceName)
	if len(filters) == 0 {
		filters = []string{"None: every response"}
	}
	lines := [][2]any{
		{"Form", cur.Title},
		{"Form id", cur.ID},
		{"Versions", req.versionList() + " (current: " + cur.Version + ")"},
		{"Filters", strings.Join(filters, "; ")},
		{"Responses", rows},
		{"Exported", stamp(wallClock(req.ExportedAt.In(req.Location)))},
		{"Exported by", req.ExportedBy},
		{"Times", "Shown in " + req.Location.String() + " time."},
		{"Choice answers", map[bool]string{false: "Shown as labels; the Questions sheet lists their codes.", true: "Shown as codes; the Questions sheet lists their labels."}[req.Codes]},
		{"Formulas", "Texts that start with =, +, -, @, a tab or a carriage return are written after an apostrophe, so that no spreadsheet program runs them as a formula."},
	}
	if req.Labels != "" {
		lines = append(lines, [2]any{"Labels", "In " + LanguageName(cur, req.Labels) + ": titles, labels and options as the form gives them in that language, in " +
			LanguageName(cur, "") + " where it gives none. Answers and counts do not depend on the language."})
	}
	if b.cut > 0 {
		lines = append(lines, [2]any{"Long answers", fmt.Sprintf("%d answers were longer than a cell holds (32,767 characters); they are cut and end with [CUT …]. The CSV download has them in full.", b.cut)})
	}
	for _, n := range notes {
		lines = append(lines, [2]any{"Note", n})
	}
	_ = f.SetColWidth(sheet, "A", "A", 18)
	_ = f.SetColWidth(sheet, "B", "B", 90)
	if err := f.SetCellValue(sheet, "A1", safeText(cur.Title)); err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", "A1", b.styles.title); err != nil {
		return err
	}
	for i, l := range lines {
		r := i + 3
		if err := b.put(sheet, cell(1, r), excelize.Cell{StyleID: b.styles.bold, Value: l[0]}); err != nil {
			return err
		}
		if err := b.put(sheet, cell(2, r), b.cell(valueOf(l[1]))); err != nil {
			return err
		}
	}
	return nil
}

// valueOf makes a plain string a text cell value, so it is escaped and fitted.
func valueOf(v any) any {
	if s, ok := v.(string); ok {
		return text(s)
	}
	if n, ok := v.(int); ok {
		return int64(n)
	}
	return v
}

package exports

import (
	"fmt"
	"slices"

	"github.com/xuri/excelize/v2"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// tally counts, while the rows stream past, how often each option of each
// summarised question was chosen.
type tally struct {
	qs     []*question
	counts []map[string]int
	none   []int
	total  int
}

func newTally(qs []*question) *tally {
	t := &tally{}
	for _, q := range qs {
		if summarised(q) {
			t.qs = append(t.qs, q)
			t.counts = append(t.counts, map[string]int{})
			t.none = append(t.none, 0)
		}
	}
	return t
}

func (t *tally) add(r *chorus.Response) {
	t.total++
	for i, q := range t.qs {
		for _, k := range form.CountKeys(r.Answers[q.ID]) {
			if k == form.NoAnswer {
				t.none[i]++
			} else {
				t.counts[i][k]++
			}
		}
	}
}

// choices lists what a summarised question can be answered with, as
// (key in counts, label) pairs, followed by any value seen that no version
// offers.
func (t *tally) choices(i int, codes bool) [][2]string {
	q := t.qs[i]
	var out [][2]string
	known := map[string]bool{}
	if q.Type == form.TypeYesNo || q.Type == form.TypeConsent {
		out = [][2]string{{"true", "Yes"}, {"false", "No"}}
		known["true"], known["false"] = true, true
	}
	for _, o := range q.Options {
		label := o.Label
		if codes {
			label = o.Value
		}
		out = append(out, [2]string{o.Value, label})
		known[o.Value] = true
	}
	var unknown []string
	for k := range t.counts[i] {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		out = append(out, [2]string{k, k})
	}
	return out
}

// chartRows is how many rows a Summary chart spans.
const chartRows = 14

// writeSummary fills the Summary sheet: per question, counts and shares of
// each answer (no answer included) and a bar chart of them.
func (b *book) writeSummary(sheet string, t *tally, codes bool) error {
	f := b.f
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			return err
		}
		if style != 0 {
			return f.SetCellStyle(sheet, cell, cell, style)
		}
		return nil
	}
	_ = f.SetColWidth(sheet, "A", "A", 42)
	_ = f.SetColWidth(sheet, "B", "C", 14)
	if err := set("A1", fmt.Sprintf("Summary of %d responses", t.total), b.styles.title); err != nil {
		return err
	}
	if len(t.qs) == 0 {
		return set("A3", "This form has no choice, yes/no or rating questions to count.", 0)
	}
	row := 3
	for i, q := range t.qs {
		start := row
		title := q.Label
		if q.Type == form.TypeMultipleChoice {
			title += " (people could choose more than one answer, so the shares add up to more than 100%)"
		}
		if err := set(cell(1, row), safeText(title), b.styles.bold); err != nil {
			return err
		}
		row++
		for c, h := range []string{"Answer", "Responses", "Share"} {
			if err := set(cell(c+1, row), h, b.styles.header); err != nil {
				return err
			}
		}
		first := row + 1
		choices := append(t.choices(i, codes), [2]string{"", "No answer"})
		for _, ch := range choices {
			row++
			n := t.none[i]
			if ch[0] != "" { // option values are never empty
				n = t.counts[i][ch[0]]
			}
			share := 0.0
			if t.total > 0 {
				share = float64(n) / float64(t.total)
			}
			if err := f.SetSheetRow(sheet, cell(1, row), &[]any{safeText(ch[1]), n, share}); err != nil {
				return err
			}
			if err := f.SetCellStyle(sheet, cell(3, row), cell(3, row), b.styles.percent); err != nil {
				return err
			}
		}
		ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, first, col, row) }
		if err := f.AddChart(sheet, cell(5, start), &excelize.Chart{
			Type: excelize.Bar,
			Series: []excelize.ChartSeries{{
				Name: fmt.Sprintf("'%s'!$B$%d", sheet, first-1), Categories: ref("A"), Values: ref("B"),
				Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}},
			}},
			Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: clip(q.Label, 120)}}},
			Legend:    excelize.ChartLegend{Position: "none"},
			XAxis:     excelize.ChartAxis{ReverseOrder: true},
			Dimension: excelize.ChartDimension{Width: 520, Height: chartRows * 20},
			PlotArea:  excelize.ChartPlotArea{ShowVal: true},
		}); err != nil {
			return err
		}
		row = max(row, start+chartRows) + 2
	}
	return nil
}

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// clip shortens s to at most n characters for a chart title.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

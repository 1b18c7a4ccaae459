package exports

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// tally counts, while the rows stream past, the answers of each counted
// question as the intake's tallies do (form.Count), so that the Summary
// sheet and the officers' results agree.
type tally struct {
	qs       []*question
	versions map[string]*form.Form
	current  *form.Form
	counts   map[string]map[string]int64
	total    int64
}

func newTally(qs []*question, versions []*form.Form) *tally {
	t := &tally{versions: map[string]*form.Form{}, counts: map[string]map[string]int64{}, current: versions[len(versions)-1]}
	for _, f := range versions {
		t.versions[f.Version] = f
	}
	for _, q := range qs {
		if summarised(q) {
			t.qs = append(t.qs, q)
		}
	}
	return t
}

func (t *tally) add(r *chorus.Response) {
	t.total++
	v := t.versions[r.FormVersion]
	if v == nil {
		v = t.current
	}
	for _, q := range t.qs {
		form.Count(v, q, r.Answers, t.count)
	}
}

func (t *tally) count(key, answer string) {
	m := t.counts[key]
	if m == nil {
		m = map[string]int64{}
		t.counts[key] = m
	}
	m[answer]++
}

// chartRows is how many rows a Summary chart spans.
const chartRows = 14

// writeSummary fills the Summary sheet: per counted question (per
// statement of a grid), whom it was asked of, the counts and shares of
// each answer and a bar chart of them; for a ranking, each option's mean
// rank and how many put it first.
func (b *book) writeSummary(sheet string, t *tally, codes bool) error {
	f := b.f
	_ = f.SetColWidth(sheet, "A", "A", 42)
	_ = f.SetColWidth(sheet, "B", "D", 14)
	if err := b.setCell(sheet, 1, 1, fmt.Sprintf("Summary of %d responses", t.total), b.styles.title); err != nil {
		return err
	}
	blocks := Blocks(t.qs, t.counts, t.total, codes)
	if len(blocks) == 0 {
		return b.setCell(sheet, 1, 3, "This form has no choice, yes/no, rating, grid or ranking questions to count.", 0)
	}
	row := 3
	for _, bl := range blocks {
		next, err := b.writeBlock(sheet, row, &bl)
		if err != nil {
			return err
		}
		row = next
	}
	return nil
}

// writeBlock writes one block from row on and returns the row after it.
func (b *book) writeBlock(sheet string, row int, bl *Block) (int, error) {
	start := row
	title := bl.Title
	if bl.Multiple {
		title += " (people could choose more than one answer, so the shares add up to more than 100%)"
	}
	lines := []string{title}
	if bl.Conditional {
		lines = append(lines, bl.AskedOf+fmt.Sprintf(" Asked: %d of %d responses; answered: %d. Shares are of the %d who answered.", bl.Asked, bl.Responses, bl.Answered, bl.Answered))
	}
	for i, l := range lines {
		if err := b.setCell(sheet, 1, row, safeText(l), map[bool]int{true: b.styles.bold, false: b.styles.note}[i == 0]); err != nil {
			return 0, err
		}
		row++
	}
	head := []string{"Answer", "Responses", "Share"}
	if bl.Conditional {
		head[2] = "Share of those who answered"
	}
	if bl.Type == form.TypeRanking {
		head = []string{"Answer", "Ranked first", "Share ranked first", "Mean rank (1 = first)"}
	}
	for c, h := range head {
		if err := b.setCell(sheet, c+1, row, h, b.styles.header); err != nil {
			return 0, err
		}
	}
	first := row + 1
	if bl.Type == form.TypeRanking {
		for _, r := range bl.Ranks {
			row++
			mean := any(nil)
			if r.Ranked > 0 {
				mean = r.MeanRank
			}
			if err := b.setRow(sheet, row, safeText(r.Label), r.First, r.FirstShare, mean); err != nil {
				return 0, err
			}
			if err := b.f.SetCellStyle(sheet, cell(4, row), cell(4, row), b.styles.mean); err != nil {
				return 0, err
			}
		}
	} else {
		for _, o := range bl.Options {
			row++
			if err := b.setRow(sheet, row, safeText(o.Label), o.Count, o.Share); err != nil {
				return 0, err
			}
		}
	}
	last := row
	bases := [][2]any{}
	switch {
	case bl.Conditional:
		bases = [][2]any{{AskedNoAnswerLabel, bl.NoAnswer}, {"Not asked", bl.NotAsked}, {"Asked", bl.Asked}, {"Answered", bl.Answered}}
	case bl.Type == form.TypeRanking:
		bases = [][2]any{{NoAnswerLabel, bl.NoAnswer + bl.NotAsked}, {"Answered", bl.Answered}}
	}
	for _, r := range bases {
		row++
		if err := b.f.SetSheetRow(sheet, cell(1, row), &[]any{r[0], r[1]}); err != nil {
			return 0, err
		}
	}
	if bl.Other != "" {
		row++
		if err := b.setCell(sheet, 1, row, safeText("What people wrote for “Other” is in the column “"+bl.Other+"” of the Responses sheet."), b.styles.note); err != nil {
			return 0, err
		}
	}
	ref := func(col string) string { return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sheet, col, first, col, last) }
	if err := b.f.AddChart(sheet, cell(6, start), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name: fmt.Sprintf("'%s'!$B$%d", sheet, first-1), Categories: ref("A"), Values: ref("B"),
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"2F5597"}},
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: clip(bl.Title, 120)}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true},
		Dimension: excelize.ChartDimension{Width: 520, Height: chartRows * 20},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true},
	}); err != nil {
		return 0, err
	}
	return max(row, start+chartRows) + 2, nil
}

// setCell writes one value, with a style when style is not 0.
func (b *book) setCell(sheet string, col, row int, v any, style int) error {
	ref := cell(col, row)
	if err := b.f.SetCellValue(sheet, ref, v); err != nil {
		return err
	}
	if style != 0 {
		return b.f.SetCellStyle(sheet, ref, ref, style)
	}
	return nil
}

// setRow writes an answer's row: its label, a count, a share (as a
// percentage) and any more values.
func (b *book) setRow(sheet string, row int, values ...any) error {
	if err := b.f.SetSheetRow(sheet, cell(1, row), &values); err != nil {
		return err
	}
	return b.f.SetCellStyle(sheet, cell(3, row), cell(3, row), b.styles.percent)
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

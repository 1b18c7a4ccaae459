package exports

import (
	"io"

	"chorus/internal/chorus"
)

// WriteResponses writes the Responses workbook of any form: a row per
// response, then the Summary, Questions and About sheets.
func WriteResponses(w io.Writer, req Request, rows Responses) (Stats, error) {
	if err := req.check(); err != nil {
		return Stats{}, err
	}
	qs := mergeQuestions(req.Versions)
	cols := req.responseColumns(qs)
	b, err := newBook("Responses", "Summary", "Questions", "About")
	if err != nil {
		return Stats{}, err
	}
	defer b.f.Close() // removes the temporary files of streamed sheets, also after a failure
	t, err := b.newTable("Responses", headers(cols), widths(cols))
	if err != nil {
		return Stats{}, err
	}
	tl := newTally(qs, req.Versions)
	values := make([]any, len(cols))
	n, err := req.each(rows, func(r *chorus.Response) error {
		tl.add(r)
		for i, c := range cols {
			values[i] = c.value(r)
		}
		return t.add(values)
	})
	if err != nil {
		return Stats{Rows: n}, err
	}
	if err := t.finish(); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeSummary("Summary", tl, req.Codes); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeQuestions("Questions", &req, cols, t.sheets); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeAbout("About", &req, n); err != nil {
		return Stats{Rows: n}, err
	}
	return Stats{Rows: n, Cut: b.cut}, b.write(w)
}

func headers(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.header
	}
	return out
}

func widths(cols []column) []float64 {
	out := make([]float64, len(cols))
	for i, c := range cols {
		out[i] = c.width
	}
	return out
}

package exports

import (
	"bufio"
	"encoding/csv"
	"io"

	"chorus/internal/chorus"
)

// utf8BOM starts the CSV so that Excel reads it as UTF-8.
const utf8BOM = "\uFEFF"

// WriteCSV writes the Responses sheet as CSV, UTF-8 with a byte order
// mark. Texts are written whole: a CSV cell has no length limit.
func WriteCSV(w io.Writer, req Request, rows Responses) (Stats, error) {
	if err := req.check(); err != nil {
		return Stats{}, err
	}
	cols := req.responseColumns(mergeQuestions(req.Versions))
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(utf8BOM); err != nil {
		return Stats{}, err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	record := make([]string, len(cols))
	for i, h := range headers(cols) {
		record[i] = safeText(h)
	}
	if err := cw.Write(record); err != nil {
		return Stats{}, err
	}
	n, err := req.each(rows, func(r *chorus.Response) error {
		for i, c := range cols {
			record[i] = csvText(c.value(r))
		}
		return cw.Write(record)
	})
	if err != nil {
		return Stats{Rows: n}, err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return Stats{Rows: n}, err
	}
	return Stats{Rows: n}, bw.Flush()
}

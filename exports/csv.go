package exports

import (
	"bufio"
	"io"
	"strings"

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
	record := make([]string, len(cols))
	for i, h := range headers(cols) {
		record[i] = safeText(h)
	}
	if err := writeCSVRecord(bw, record); err != nil {
		return Stats{}, err
	}
	n, err := req.each(rows, func(r *chorus.Response) error {
		for i, c := range cols {
			record[i] = csvText(c.value(r))
		}
		return writeCSVRecord(bw, record)
	})
	if err != nil {
		return Stats{Rows: n}, err
	}
	return Stats{Rows: n}, bw.Flush()
}

// writeCSVRecord writes one record, ending in CRLF. A field is quoted
// (its quotes doubled) when it holds a quote, a line break or a separator
// (comma, semicolon, tab or |), or starts or ends with a space (which some
// readers trim from a field not quoted); its bytes are written as they
// are, a CR, CRLF or LF within it too. Opened with another separator than
// the comma, a spreadsheet program splits fields there, quotes or not (so
// does LibreOffice), so a ' goes before = + - or @ that would start a cell
// after one of those or a line break (spaces between): no part of an
// answer becomes a formula. The start of each field is disarmed by safeText.
func writeCSVRecord(w *bufio.Writer, fields []string) error {
	for i, f := range fields {
		if i > 0 {
			w.WriteByte(',')
		}
		if !strings.ContainsAny(f, "\",;\t|\r\n") && !strings.HasPrefix(f, " ") && !strings.HasSuffix(f, " ") {
			w.WriteString(f)
			continue
		}
		w.WriteByte('"')
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				w.WriteByte('"')
			}
			w.WriteByte(f[j])
			if strings.IndexByte(",;\t|\r\n", f[j]) < 0 {
				continue
			}
			k := j + 1
			for k < len(f) && f[k] == ' ' {
				k++
			}
			if k < len(f) && strings.IndexByte("=+-@", f[k]) >= 0 {
				w.WriteByte('\'')
			}
		}
		w.WriteByte('"')
	}
	_, err := w.WriteString("\r\n")
	return err
}

// CSVRecord writes one record of text from people as the exports do: each
// field disarmed so that no spreadsheet program reads a formula in it,
// whatever separator it is opened with, and its bytes otherwise kept.
func CSVRecord(w *bufio.Writer, fields []string) error {
	safe := make([]string, len(fields))
	for i, f := range fields {
		safe[i] = safeText(f)
	}
	return writeCSVRecord(w, safe)
}

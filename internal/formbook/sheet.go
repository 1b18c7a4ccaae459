package formbook

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Bounds on what is read of an uploaded workbook.
const (
	maxColumns      = 100   // columns read in each row (A to CV); cells further right are not read
	maxCellChars    = 32767 // characters in one cell (UTF-16 units, as Excel counts): Excel's own limit
	maxSurveyRows   = 2000  // non-empty rows below the survey sheet's header
	maxChoicesRows  = 5000  // non-empty rows below the choices sheet's header
	maxSettingsRows = 10    // rows below the settings sheet's header (one is used)
)

// table is one sheet as read: its known columns and its non-empty rows.
type table struct {
	sheet  string         // the sheet's name as Chorus calls it ("survey")
	header int            // the header's row number (0 when the sheet is empty)
	cols   map[string]int // a known column's name to its position in a row
	rows   []tableRow
	known  []column
	// langs are the columns of texts in another language (label::Polski
	// (pl)) by their column and language code, in header order, each
	// with its position in a row; names name each language code as its
	// first column does, and heads hold that column's header.
	langs []langColumn
	names map[string]string
	heads map[string]string
}

// tableRow is one non-empty row below the header.
type tableRow struct {
	num   int // the spreadsheet row number
	cells []string
}

// get returns a row's cell in the named column, or "" when the sheet has
// no such column.
func (t *table) get(r tableRow, col string) string {
	i, ok := t.cols[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return r.cells[i]
}

// has reports whether the sheet has the named column.
func (t *table) has(col string) bool {
	_, ok := t.cols[col]
	return ok
}

// readTable reads a sheet: the first non-empty row is its header, whose
// cells name known columns (in any order and case), notes columns
// (ignored) or unknown ones (a problem each). Rows whose known cells are
// all empty are skipped; at most maxRows others are read.
func readTable(f *excelize.File, name, sheet string, known []column, maxRows int, ps *problems) *table {
	t := &table{sheet: sheet, cols: map[string]int{}, known: known}
	byNormal := map[string]string{}
	for _, c := range known {
		byNormal[normalHeader(c.name)] = c.name
	}
	rows, err := f.Rows(name)
	if err != nil {
		ps.add(sheet, 0, "", "", "it could not be read: %v", err)
		return t
	}
	defer rows.Close()
	num := 0
	for rows.Next() {
		num++
		cells, err := rows.Columns()
		if err != nil {
			ps.add(sheet, num, "", "", "the row could not be read: %v", err)
			return t
		}
		if t.header == 0 {
			if !blank(cells) {
				t.readHeader(num, cells, byNormal, ps)
			}
			continue
		}
		if len(cells) > maxColumns {
			cells = cells[:maxColumns]
		}
		empty := true
		read := func(col string, i int) {
			if i >= len(cells) {
				return
			}
			if n := utf16Len(cells[i]); n > maxCellChars {
				ps.add(sheet, num, col, "", "the cell holds %d characters; a cell may hold at most %d", n, maxCellChars)
				cells[i] = ""
			}
			if strings.TrimSpace(cells[i]) != "" {
				empty = false
			}
		}
		for _, c := range t.known {
			if i, ok := t.cols[c.name]; ok {
				read(c.name, i)
			}
		}
		for _, l := range t.langs {
			read(l.header, l.pos)
		}
		if empty {
			continue
		}
		if len(t.rows) == maxRows {
			ps.add(sheet, num, "", "", "the %s sheet has more than %d rows; Chorus reads at most %d", sheet, maxRows, maxRows)
			return t
		}
		t.rows = append(t.rows, tableRow{num: num, cells: cells})
	}
	if err := rows.Error(); err != nil {
		ps.add(sheet, num, "", "", "the sheet could not be read to its end: %v", err)
	}
	return t
}

// readHeader reads the header row's column names.
func (t *table) readHeader(num int, cells []string, byNormal map[string]string, ps *problems) {
	t.header = num
	for i, h := range cells {
		if strings.TrimSpace(h) == "" || ignoredColumn(h) {
			continue
		}
		shown := clip(strings.TrimSpace(h))
		if i >= maxColumns {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			ps.add(t.sheet, num, shown, "", "column %s is too far to the right: Chorus reads only the first %d columns (A to CV)", letter, maxColumns)
			return
		}
		if base, lang, ok := strings.Cut(h, "::"); ok {
			t.readLanguageHeader(num, i, shown, base, lang, ps)
			continue
		}
		name, ok := byNormal[normalHeader(h)]
		switch {
		case !ok:
			msg := fmt.Sprintf("Chorus has no column %q on the %s sheet", shown, t.sheet)
			if a := advice(h); a != "" {
				msg += ": " + a
			} else {
				msg += fmt.Sprintf(" (its columns are %s; a column whose name starts with # is a note, and not read)", t.columnNames())
			}
			ps.add(t.sheet, num, shown, "", "%s", msg)
		case t.has(name):
			ps.add(t.sheet, num, shown, "", "column %s is there twice", name)
		default:
			t.cols[name] = i
		}
	}
}

// columnNames lists the sheet's known columns, for messages.
func (t *table) columnNames() string {
	names := make([]string, len(t.known))
	for i, c := range t.known {
		names[i] = c.name
	}
	return strings.Join(names, ", ")
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// clip shortens a text for a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// utf16Len counts a text's length as Excel does, in UTF-16 units.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// excelNumber undoes Excel's way with a number typed in a cell meant as
// text: 0.1 stored as 0.10000000000000001, or 1E+3. Other text is kept.
func excelNumber(s string) string {
	if len(s) < 16 && !strings.ContainsAny(s, "eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	f, _ = strconv.ParseFloat(strconv.FormatFloat(f, 'g', 15, 64), 64)
	return strconv.FormatFloat(f, 'f', -1, 64)
}

package register

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// cell is one non-empty cell of a row: its column (0 for A) and text.
type cell struct {
	col  int
	text string
	long bool // longer than MaxCellChars; text is then empty
}

// sheetRows reads a sheet as a stream, calling row with each row's
// non-empty cells in the first maxColumns columns (the slice is reused
// for the next row). Cells further right are passed over unread.
func sheetRows(f *zip.File, shared []sharedText, row func(num int, cells []cell) error) error {
	rc, d, err := open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	var (
		num, col int // the row's number; the cell's column, from 1
		typ      string
		skip     bool
		cells    []cell
		t        text
	)
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			switch v.Name.Local {
			case "row":
				if n, err := strconv.Atoi(attr(v, "r")); err == nil && n > num {
					num = n
				} else {
					num++
				}
				col, cells = 0, cells[:0]
			case "c":
				if c := columnOf(attr(v, "r")); c > 0 {
					col = c
				} else {
					col++
				}
				typ, skip, t = attr(v, "t"), col > maxColumns, text{}
			case "v":
				t.in = true
			default:
				t.start(v.Name.Local)
			}
		case xml.CharData:
			if !skip {
				t.add(v)
			}
		case xml.EndElement:
			switch v.Name.Local {
			case "v":
				t.in = false
			case "c":
				if skip {
					continue
				}
				c, err := cellOf(col, typ, &t, shared)
				if err != nil {
					return err
				}
				if c.long || strings.TrimSpace(c.text) != "" {
					cells = append(cells, c)
				}
			case "row":
				if len(cells) > 0 {
					if err := row(num, cells); err != nil {
						return err
					}
				}
			default:
				t.end(v.Name.Local)
			}
		}
	}
}

// cellOf makes a cell's text from what its element held: a shared text,
// an inline one, a boolean, or a number as Excel stores it.
func cellOf(col int, typ string, t *text, shared []sharedText) (cell, error) {
	c := cell{col: col - 1, long: t.long}
	raw := t.String()
	switch typ {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil || i < 0 || i >= len(shared) {
			return c, errors.New("a cell refers to a text that the workbook does not hold")
		}
		c.text, c.long = shared[i].text, shared[i].long
	case "b":
		c.text = "FALSE"
		if strings.TrimSpace(raw) == "1" {
			c.text = "TRUE"
		}
	case "", "n":
		c.text = number(raw)
	default: // inlineStr, str (a formula's text), e (an error such as #N/A), d
		c.text = raw
	}
	return c, nil
}

// columnOf reads the column of a cell reference such as AB12 (28), or
// returns 0 when there is none. Columns past maxColumns are all
// maxColumns+1.
func columnOf(ref string) int {
	n := 0
	for i := 0; i < len(ref); i++ {
		ch := ref[i] | 0x20 // lower case
		if ch < 'a' || ch > 'z' {
			break
		}
		n = n*26 + int(ch-'a'+1)
		if n > maxColumns {
			return maxColumns + 1
		}
	}
	return n
}

// number undoes Excel's way with a number: 0.1 stored as
// 0.10000000000000001, or 1E+3. Other text is kept.
func number(s string) string {
	s = strings.TrimSpace(s)
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

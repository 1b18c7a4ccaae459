// Package register reads a services register from a spreadsheet or CSV
// that officers upload, checks every row, and works out what would change,
// so that nothing is saved until the whole file is right. It does no I/O
// beyond reading the bytes it is given.
package register

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"chorus/internal/chorus"
)

// MaxRows bounds an upload: a county has hundreds of services, not more
// than this.
const MaxRows = 5000

// MaxBytes bounds an uploaded file.
const MaxBytes = 4 << 20

// RowError is what is wrong with one row of the file (row 1 is the header).
type RowError struct {
	Row     int    `json:"row"`
	Message string `json:"message"`
}

// Change is what saving one row would do: add a service, change one
// (Before is the service as it is), or nothing (same).
type Change struct {
	Row     int             `json:"row"`
	Action  string          `json:"action"` // add, change, same
	Service chorus.Service  `json:"service"`
	Before  *chorus.Service `json:"before,omitempty"`
}

// Preview is what an upload would do.
type Preview struct {
	Changes []Change   `json:"changes"`
	Errors  []RowError `json:"errors"`
	Adds    int        `json:"adds"`
	Updates int        `json:"updates"`
}

// IDPattern is what a service id looks like.
var IDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// columns maps the header names people use to the fields.
var columns = map[string]string{
	"id": "id", "service id": "id",
	"name": "name", "service": "name", "service name": "name",
	"type": "type", "service type": "type",
	"provider":     "provider",
	"address":      "address",
	"regulator id": "regulatorId", "regulator location id": "regulatorId", "cqc location id": "regulatorId", "location id": "regulatorId",
}

// MaxCellChars bounds the text of one cell: a field of a service holds
// at most 300 characters, so a longer cell is a mistake, reported as one
// for its row, and its text is not kept.
const MaxCellChars = 2000

// errTooManyRows stops reading a file with more than MaxRows services.
var errTooManyRows = errors.New("too many rows")

// Read reads an upload: an .xlsx workbook (its active sheet) or CSV, with a
// header row naming the columns id, name, type, provider, address and
// regulator id. It returns the services of the good rows and every row's
// problems.
//
// What it reads is bounded whatever the file holds: at most MaxBytes of
// file, maxPart unpacked of each part of a workbook, read as a stream,
// maxColumns columns, MaxCellChars characters a cell and MaxRows rows.
func Read(data []byte) ([]Row, []RowError, error) {
	if len(data) > MaxBytes {
		return nil, nil, chorus.Errorf(chorus.ETOOLARGE, "The file is larger than %d MiB: split it.", MaxBytes>>20)
	}
	r := &reader{field: map[int]string{}, ids: map[string]int{}}
	var err error
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		err = readWorkbook(data, r.row)
	} else {
		err = readCSV(data, r.row)
	}
	var ce *chorus.Error
	switch {
	case errors.As(err, &ce):
		return nil, nil, err
	case errors.Is(err, errTooManyRows):
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file has more than %d rows; at most %d services can be uploaded at once.", MaxRows, MaxRows)
	case errors.Is(err, errTooBig):
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file cannot be read: %v.", err)
	case err != nil:
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file cannot be read as a spreadsheet (.xlsx) or CSV: %v.", err)
	case !r.header:
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file is empty: it needs a header row and a row per service.")
	case len(r.rows) == 0 && len(r.errs) == 0:
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file has a header row but no services.")
	}
	return r.rows, r.errs, nil
}

// reader checks an upload's rows as they are read.
type reader struct {
	header bool
	field  map[int]string // a column (0 for A) to the field it holds
	ids    map[string]int // each id to the first row it is on
	n      int            // rows read below the header
	rows   []Row
	errs   []RowError
}

// row takes one row's non-empty cells: the header first, then services.
func (r *reader) row(num int, cells []cell) error {
	if !r.header {
		return r.readHeader(cells)
	}
	if r.n++; r.n > MaxRows {
		return errTooManyRows
	}
	var s chorus.Service
	bad := func(format string, args ...any) { r.errs = append(r.errs, RowError{num, fmt.Sprintf(format, args...)}) }
	ok, longName := true, false
	for _, c := range cells {
		v := strings.TrimSpace(c.text)
		f, known := r.field[c.col]
		if !known {
			continue
		}
		if c.long {
			bad("the %s (column %s) is longer than %d characters", fieldNames[f], columnName(c.col), MaxCellChars)
			ok, longName = false, longName || f == "name"
			continue
		}
		switch f {
		case "id":
			s.ID = v
		case "name":
			s.Name = v
		case "type":
			s.Type = v
		case "provider":
			s.Provider = v
		case "address":
			s.Address = v
		case "regulatorId":
			s.RegulatorID = v
		}
	}
	switch {
	case s.ID == "":
		bad("the id is missing")
		ok = false
	case !IDPattern.MatchString(s.ID):
		bad("the id %q must be 2 to 63 lower-case letters, digits and hyphens, such as svc-oak-house", clip(s.ID))
		ok = false
	case r.ids[s.ID] != 0:
		bad("the id %q is also on row %d", s.ID, r.ids[s.ID])
		ok = false
	}
	if r.ids[s.ID] == 0 && IDPattern.MatchString(s.ID) {
		r.ids[s.ID] = num // later copies point at the first
	}
	if s.Name == "" && !longName {
		bad("the name is missing")
		ok = false
	}
	for _, f := range []struct{ name, v string }{{"name", s.Name}, {"type", s.Type}, {"provider", s.Provider}, {"address", s.Address}, {"regulator id", s.RegulatorID}} {
		if utf8.RuneCountInString(f.v) > 300 || !utf8.ValidString(f.v) {
			bad("the %s is longer than 300 characters or not text", f.name)
			ok = false
		}
	}
	if ok {
		r.rows = append(r.rows, Row{Row: num, Service: s})
	}
	return nil
}

// readHeader reads the first non-empty row's column names.
func (r *reader) readHeader(cells []cell) error {
	r.header = true
	seen := map[string]bool{}
	for _, c := range cells {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(c.text, "\uFEFF")))
		if f, ok := columns[key]; ok && !seen[f] {
			r.field[c.col] = f
			seen[f] = true
		}
	}
	if !seen["id"] || !seen["name"] {
		return chorus.Errorf(chorus.EINVALID, "The first row must name the columns, with at least id and name (also: type, provider, address, regulator id), in the first %d columns (A to %s).", maxColumns, columnName(maxColumns-1))
	}
	return nil
}

// fieldNames are the fields as messages name them.
var fieldNames = map[string]string{"id": "id", "name": "name", "type": "type", "provider": "provider", "address": "address", "regulatorId": "regulator id"}

// columnName is a column's letters: 0 is A.
func columnName(col int) string {
	name := ""
	for n := col + 1; n > 0; n = (n - 1) / 26 {
		name = string(rune('A'+(n-1)%26)) + name
	}
	return name
}

// clip shortens a text quoted in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// Row is one good row of an upload.
type Row struct {
	Row     int
	Service chorus.Service
}

// Compare works out what saving the rows would do to the register.
func Compare(rows []Row, errs []RowError, existing []chorus.Service) Preview {
	byID := map[string]chorus.Service{}
	for _, s := range existing {
		byID[s.ID] = s
	}
	p := Preview{Changes: []Change{}, Errors: errs}
	if p.Errors == nil {
		p.Errors = []RowError{}
	}
	for _, r := range rows {
		before, ok := byID[r.Service.ID]
		c := Change{Row: r.Row, Service: r.Service, Action: "add"}
		if ok {
			r.Service.RetiredAt = before.RetiredAt
			c.Service = r.Service
			c.Before = &before
			c.Action = "change"
			if same(before, r.Service) {
				c.Action = "same"
			}
		}
		switch c.Action {
		case "add":
			p.Adds++
		case "change":
			p.Updates++
		}
		p.Changes = append(p.Changes, c)
	}
	slices.SortFunc(p.Errors, func(a, b RowError) int { return a.Row - b.Row })
	return p
}

func same(a, b chorus.Service) bool {
	return a.Name == b.Name && a.Type == b.Type && a.Provider == b.Provider && a.Address == b.Address && a.RegulatorID == b.RegulatorID
}

// readCSV reads the rows of a CSV file, calling row with each record's
// non-empty cells in the first maxColumns columns.
func readCSV(data []byte, row func(num int, cells []cell) error) error {
	if !utf8.Valid(data) {
		return errors.New("a CSV file must be UTF-8 text")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	// Excel in much of Europe saves CSV with semicolons.
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	var cells []cell
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		cells = cells[:0]
		for i, v := range rec[:min(len(rec), maxColumns)] {
			switch {
			case utf8.RuneCountInString(v) > MaxCellChars:
				cells = append(cells, cell{col: i, long: true})
			case strings.TrimSpace(v) != "":
				cells = append(cells, cell{col: i, text: v})
			}
		}
		if len(cells) > 0 {
			line, _ := r.FieldPos(0)
			if err := row(line, cells); err != nil {
				return err
			}
		}
	}
}

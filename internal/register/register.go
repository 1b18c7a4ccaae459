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

	"github.com/xuri/excelize/v2"

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

// Read reads an upload: an .xlsx workbook (its first sheet) or CSV, with a
// header row naming the columns id, name, type, provider, address and
// regulator id. It returns the services of the good rows and every row's
// problems.
func Read(data []byte) ([]Row, []RowError, error) {
	if len(data) > MaxBytes {
		return nil, nil, chorus.Errorf(chorus.ETOOLARGE, "The file is larger than %d MiB: split it.", MaxBytes>>20)
	}
	records, err := records(data)
	if err != nil {
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file cannot be read as a spreadsheet (.xlsx) or CSV: %v.", err)
	}
	if len(records) == 0 {
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file is empty: it needs a header row and a row per service.")
	}
	if len(records) > MaxRows+1 {
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file has %d rows; at most %d services can be uploaded at once.", len(records)-1, MaxRows)
	}
	field := map[int]string{}
	seenField := map[string]bool{}
	for i, h := range records[0] {
		key := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		if f, ok := columns[key]; ok && !seenField[f] {
			field[i] = f
			seenField[f] = true
		}
	}
	if !seenField["id"] || !seenField["name"] {
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The first row must name the columns, with at least id and name (also: type, provider, address, regulator id).")
	}
	var rows []Row
	var errs []RowError
	ids := map[string]int{}
	for n, rec := range records[1:] {
		rowNo := n + 2
		var s chorus.Service
		empty := true
		for i, v := range rec {
			v = strings.TrimSpace(v)
			if v != "" {
				empty = false
			}
			switch field[i] {
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
		if empty {
			continue
		}
		bad := func(format string, args ...any) { errs = append(errs, RowError{rowNo, fmt.Sprintf(format, args...)}) }
		ok := true
		switch {
		case s.ID == "":
			bad("the id is missing")
			ok = false
		case !IDPattern.MatchString(s.ID):
			bad("the id %q must be 2 to 63 lower-case letters, digits and hyphens, such as svc-oak-house", s.ID)
			ok = false
		case ids[s.ID] != 0:
			bad("the id %q is also on row %d", s.ID, ids[s.ID])
			ok = false
		}
		if ids[s.ID] == 0 {
			ids[s.ID] = rowNo // later copies point at the first
		}
		if s.Name == "" {
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
			rows = append(rows, Row{Row: rowNo, Service: s})
		}
	}
	if len(rows) == 0 && len(errs) == 0 {
		return nil, nil, chorus.Errorf(chorus.EINVALID, "The file has a header row but no services.")
	}
	return rows, errs, nil
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

// records reads the rows of an .xlsx workbook's first sheet, or of a CSV.
func records(data []byte) ([][]string, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		// Limits, so that a small file that unzips to millions of rows
		// cannot take the server's memory.
		f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
		if err != nil {
			return nil, err
		}
		defer f.Close()
		sheets := f.GetSheetList()
		if len(sheets) == 0 {
			return nil, errors.New("the workbook has no sheets")
		}
		sheet := f.GetSheetName(f.GetActiveSheetIndex())
		if sheet == "" {
			sheet = sheets[0]
		}
		rows, err := f.Rows(sheet)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out [][]string
		for rows.Next() && len(out) <= MaxRows+1 {
			cols, err := rows.Columns()
			if err != nil {
				return nil, err
			}
			out = append(out, cols)
		}
		return out, rows.Error()
	}
	if !utf8.Valid(data) {
		return nil, errors.New("a CSV file must be UTF-8 text")
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(data))
	// Excel in much of Europe saves CSV with semicolons.
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var out [][]string
	for len(out) <= MaxRows+1 {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// Package formbook converts Chorus forms to and from XLSForm-style Excel
// workbooks: a survey sheet of questions and groups, a choices sheet of
// option lists and a settings sheet of the form's own details. Officers
// write a form in Excel and upload it (Read, Decode); every form can be
// downloaded as the workbook it would be written in (Write), and Read of
// that workbook gives the same form back. Template is the blank workbook
// officers start from.
//
// Uploaded files are untrusted: Read bounds the file's size, what it
// unpacks to, the rows and columns it reads and each cell's text, and
// reports every problem it finds at once, each with its sheet, row and
// column.
package formbook

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Problem is one thing wrong with an uploaded definition, where it is.
type Problem struct {
	Sheet    string `json:"sheet,omitempty"`    // "survey", "choices", "settings"; "" for YAML/JSON
	Row      int    `json:"row,omitempty"`      // 1-based spreadsheet row (row 1 is the header)
	Column   string `json:"column,omitempty"`   // the header name, e.g. "relevant"
	Question string `json:"question,omitempty"` // the question id when known
	Message  string `json:"message"`            // what is wrong, in plain words
}

// String places the problem and says what is wrong, as
// "survey row 14, column relevant: refers to q9, which comes later". A
// problem of a YAML or JSON file names its question instead, as
// "q9: showIf refers to ...".
func (p Problem) String() string {
	var where string
	switch {
	case p.Sheet != "" && p.Row > 0:
		where = fmt.Sprintf("%s row %d", p.Sheet, p.Row)
	case p.Sheet != "":
		where = p.Sheet + " sheet"
	case p.Question != "":
		where = p.Question
	}
	if p.Column != "" {
		if where != "" {
			where += ", "
		}
		where += "column " + p.Column
	}
	if where == "" {
		return p.Message
	}
	return where + ": " + p.Message
}

// Problems lists every problem found in one definition.
type Problems []Problem

// Error prints the problems one a line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// problems collects the problems of one workbook as it is read.
type problems struct {
	list Problems
}

// add records a problem at a sheet, row and column.
func (ps *problems) add(sheet string, row int, column, question, format string, args ...any) {
	ps.list = append(ps.list, Problem{Sheet: sheet, Row: row, Column: column, Question: question, Message: fmt.Sprintf(format, args...)})
}

// covers reports whether a problem already found while reading covers p:
// one at the same cell, or one about a whole sheet (no row) that p's sheet
// is. A check of the form that fails because a cell could not be read is
// then not reported twice.
func (ps *problems) covers(p Problem) bool {
	for _, q := range ps.list {
		if q.Sheet != p.Sheet {
			continue
		}
		if q.Row == 0 && q.Column == "" {
			return true
		}
		if q.Row == p.Row && q.Column == p.Column {
			return true
		}
	}
	return false
}

// sheetRank orders problems: the file's own first, then the sheets in the
// order an officer reads them.
func sheetRank(s string) int {
	switch s {
	case "":
		return 0
	case sheetSurvey:
		return 1
	case sheetChoices:
		return 2
	case sheetSettings:
		return 3
	}
	return 4
}

// sorted returns the problems in sheet and row order with repeats removed
// (a shared option list's mistake is found once for each question using it).
func (ps Problems) sorted() Problems {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(sheetRank(a.Sheet), sheetRank(b.Sheet)), cmp.Compare(a.Row, b.Row))
	})
	seen := map[Problem]bool{}
	kept := out[:0]
	for _, p := range out {
		key := p
		key.Question = ""
		if seen[key] {
			continue
		}
		seen[key] = true
		kept = append(kept, p)
	}
	return kept
}

package formbook

import (
	"fmt"
	"strconv"
	"strings"

	"chorus/internal/form"
)

// locate places one of form.Prepare's problems on the sheet, row and
// column it came from, in the workbook's words. It returns false for a
// problem the reader has reported in its own words already.
func (b *builder) locate(e form.DefinitionError) (Problem, bool) {
	if e.Language != "" {
		return b.locateTranslation(e)
	}
	if e.Question == "" {
		return b.locateForm(e.Message)
	}
	msg := workbookWords(e.Message)
	if e.Message == "duplicate question id" {
		return Problem{}, false // reported with both rows while reading
	}
	si, qi, ok := b.find(e.Question)
	if !ok {
		return Problem{Sheet: sheetSurvey, Question: e.Question, Message: msg}, true
	}
	row := b.where[si].questions[qi]
	p := Problem{Sheet: sheetSurvey, Row: row, Question: e.Question, Message: msg}
	if strings.HasPrefix(e.Message, "statement ") {
		if c, col, ok := b.locateChoice(b.where[si].rows[qi], "statement", e.Message); ok {
			p.Sheet, p.Row, p.Column = sheetChoices, c, col
			return p, true
		}
	}
	if strings.HasPrefix(e.Message, "option") {
		if c, col, ok := b.locateChoice(b.where[si].lists[qi], "option", e.Message); ok {
			p.Sheet, p.Row, p.Column = sheetChoices, c, col
			if strings.HasSuffix(msg, "has no value") || strings.HasSuffix(msg, "has no label") {
				p.Message = "the option " + msg[strings.Index(msg, "has no"):]
			}
			return p, true
		}
	}
	p.Column = b.questionColumn(e.Message, row)
	return p, true
}

// find returns where the question Prepare names is: by its id (its first
// use), or "section S question Q" for one without.
func (b *builder) find(question string) (si, qi int, ok bool) {
	var s, q int
	if n, _ := fmt.Sscanf(question, "section %d question %d", &s, &q); n == 2 {
		if s >= 1 && s <= len(b.where) && q >= 1 && q <= len(b.where[s-1].questions) {
			return s - 1, q - 1, true
		}
		return 0, 0, false
	}
	row, known := b.names[question]
	if !known {
		return 0, 0, false
	}
	for si, w := range b.where {
		for qi, r := range w.questions {
			if r == row {
				return si, qi, true
			}
		}
	}
	return 0, 0, false
}

// questionColumn guesses the survey column a question's problem is about.
func (b *builder) questionColumn(msg string, row int) string {
	cell := func(col string) string {
		for _, r := range b.survey.rows {
			if r.num == row {
				return strings.TrimSpace(b.survey.get(r, col))
			}
		}
		return ""
	}
	switch {
	case strings.HasPrefix(msg, "min and max"):
		if cell(colMin) == "" {
			return colMax
		}
		return colMin
	case strings.HasSuffix(msg, "is not a date: write YYYY-MM-DD or today"):
		if v, _ := quoted(msg); v == cell(colMaxDate) {
			return colMaxDate
		}
		return colMinDate
	}
	if strings.Contains(msg, "takes no answer, so it cannot be required") {
		return colRequired
	}
	prefixes := []struct{ prefix, col string }{
		{"id ", colName}, {"unknown type", colType}, {"label", colLabel}, {"icon", colIcon},
		{"guidance needs a body", colBody}, {"body", colBody}, {"a ", colType}, {"integer", colInteger},
		{"min (", colMin}, {"minDate", colMinDate}, {"maxLength", colMaxLength}, {"maxWords", colMaxWords},
		{"pattern", colPattern}, {"phone", colPhone}, {"showIf", colRelevant},
		{"specify", colType}, {"only one option", colType}, {"statements", colType},
	}
	for _, p := range prefixes {
		if strings.HasPrefix(msg, p.prefix) {
			return p.col
		}
	}
	return ""
}

// locateChoice finds the choices row of an option's or a statement's
// problem (what is "option" or "statement"): "option 3 has no label",
// "option value "x" is used twice", "option "x": colour ...", "statement
// id "x" is used twice".
func (b *builder) locateChoice(list, what, msg string) (row int, col string, ok bool) {
	choices := b.lists[list]
	var n int
	var rest string
	if k, _ := fmt.Sscanf(msg, what+" %d %s", &n, &rest); k == 2 && n >= 1 && n <= len(choices) {
		col = colLabel
		if strings.Contains(msg, "no value") || strings.Contains(msg, "no id") {
			col = colName
		}
		return choices[n-1].row, col, true
	}
	value, ok := quoted(msg)
	if !ok {
		return 0, "", false
	}
	col = colName
	switch {
	case strings.Contains(msg, "is used twice"):
		seen := false
		for _, c := range choices {
			if c.option.Value == value {
				if seen {
					return c.row, col, true
				}
				seen = true
			}
		}
		return 0, "", false
	case strings.Contains(msg, "icon"):
		col = colIcon
	case strings.Contains(msg, "colour"):
		col = colColour
	}
	for _, c := range choices {
		if c.option.Value == value {
			return c.row, col, true
		}
	}
	return 0, "", false
}

// quoted returns the first Go-quoted string in a message.
func quoted(msg string) (string, bool) {
	i := strings.IndexByte(msg, '"')
	if i < 0 {
		return "", false
	}
	s, err := strconv.QuotedPrefix(msg[i:])
	if err != nil {
		return "", false
	}
	v, err := strconv.Unquote(s)
	return v, err == nil
}

// locateForm places a problem of the form as a whole: on the settings
// row, or on a section's begin group row.
func (b *builder) locateForm(raw string) (Problem, bool) {
	msg := workbookWords(raw)
	var s int
	if n, _ := fmt.Sscanf(raw, "section %d", &s); n == 1 && s >= 1 && s <= len(b.where) {
		w := b.where[s-1]
		if w.untitled {
			return Problem{}, false // reported as questions outside any group
		}
		col := colLabel
		rest := strings.TrimPrefix(raw, fmt.Sprintf("section %d (%s): ", s, w.title))
		switch {
		case rest != raw:
			col, msg = colRelevant, workbookWords(rest) // the section's condition
		case strings.Contains(raw, "no questions"):
			col = colType
		}
		return Problem{Sheet: sheetSurvey, Row: w.row, Column: col, Message: msg}, true
	}
	switch {
	case strings.HasPrefix(raw, "id "):
		msg = "form_" + raw
	case strings.HasPrefix(raw, "title "):
		msg = "form_" + raw
	}
	if raw == "the form has no sections" {
		return Problem{Sheet: sheetSurvey, Message: "there are no questions: put begin group, the questions, then end group"}, true
	}
	settings := []struct{ prefix, col string }{
		{"id ", colFormID}, {"version", colVersion}, {"title", colFormTitle}, {"kind", colKind},
		{"audience", colAudience}, {"opens", colOpens}, {"closes", colCloses},
		{"visit applies", colKind}, {"visit.service", colVisitService}, {"visit.date", colVisitDate},
		{"visit.teamSize", colVisitTeamSize}, {"visit.keyQuestions", colVisitKeyQuestions},
		{"visit.safeguarding", colVisitSafeguarding},
	}
	p := Problem{Sheet: sheetSettings, Row: b.settingsRow, Message: msg}
	for _, s := range settings {
		if strings.HasPrefix(raw, s.prefix) {
			p.Column = s.col
			break
		}
	}
	return p, true
}

// WorkbookWords rewrites a message of package form (a problem found by
// form.Prepare, or a warning of form.EasyReadGaps) in the words of the
// workbook: its column names and its type names.
func WorkbookWords(msg string) string { return workbookWords(msg) }

// workbookWords is WorkbookWords. Longer names come first: at each place,
// the first that matches is used.
var workbookWords = strings.NewReplacer(
	"easyReadPatternMessage", colEasyReadPatternMessage, "easyReadIntroduction", colEasyReadIntroduction,
	"easyReadPrivacyNotice", colEasyReadPrivacyNotice, "easyReadHint", colEasyReadHint, "easyRead", colEasyRead,
	"patternMessage", colPatternMessage, "privacyNotice", colPrivacyNotice,
	"maxWords", colMaxWords, "shortLabel", colShortLabel,
	"shortText and longText questions", "text questions",
	"singleChoice and multipleChoice options", "select_one and select_multiple options",
	"showIf", colRelevant,
	"minDate", colMinDate, "maxDate", colMaxDate, "maxLength", colMaxLength,
	"visit.keyQuestions", colVisitKeyQuestions, "visit.service", colVisitService,
	"visit.date", colVisitDate, "visit.teamSize", colVisitTeamSize,
	"visit.safeguarding", colVisitSafeguarding,
	"visit applies only", "the visit_ columns apply only",
	"a singleChoice question", "a select_one question",
	"a multipleChoice question", "a select_multiple question",
	"a singleChoice or rating question", "a select_one or rating question",
	"a yesNo question", "a yes_no question",
	"multipleChoice questions", "select_multiple questions",
	"number questions", "integer and decimal questions",
	"a notice", "a note",
	"id is missing", "name is missing",
	"id must start", "name must start",
).Replace

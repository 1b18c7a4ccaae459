package formbook

import (
	"fmt"
	"strings"

	"chorus/internal/form"
)

// locateTranslation places a problem of the form's language or of a
// translation (form.DefinitionError.Language is set) at its cell: the
// settings' default_language, a language column's header, or the cell
// that holds (or should hold) a text in that language.
func (b *builder) locateTranslation(e form.DefinitionError) (Problem, bool) {
	code := e.Language
	switch e.Where {
	case "language":
		return Problem{Sheet: sheetSettings, Row: b.settingsRow, Column: colDefaultLanguage,
			Message: "default_language" + strings.TrimPrefix(e.Message, "language")}, true
	case "", "name":
		sheet, row, header := b.languageHeader(code)
		msg := strings.TrimPrefix(e.Message, "translations: ")
		if e.Where == "name" {
			msg = fmt.Sprintf("the column names no language before its code %s: write it as %s", code, languageColumnName("label", "Polski", code))
		}
		return Problem{Sheet: sheet, Row: row, Column: header, Message: msg}, true
	case "dir":
		return Problem{Sheet: sheetSettings, Row: b.settingsRow, Column: b.languageColumn(b.settings, colDirection, code), Message: e.Message}, true
	}
	sheet, col, ok := placeOf(strings.TrimSpace(e.Where))
	if !ok {
		sheet, _, _ = b.languageHeader(code)
		return Problem{Sheet: sheet, Question: e.Question, Message: e.Message}, true
	}
	p := Problem{Sheet: sheet, Question: e.Question, Message: b.languageMessage(e, col)}
	switch sheet {
	case sheetSettings:
		p.Row, p.Column = b.settingsRow, b.languageColumn(b.settings, col, code)
	case sheetSurvey:
		p.Row, p.Column = b.surveyRowOf(e.Where), b.languageColumn(b.survey, col, code)
	case sheetChoices:
		p.Row, p.Column = b.choiceRowOf(e.Where), b.languageColumn(b.choices, col, code)
	}
	return p, true
}

// languageMessage says a translation's problem with a text in the
// workbook's words: the cell is empty, or holds a text that the form has
// not in its main language.
func (b *builder) languageMessage(e form.DefinitionError, col string) string {
	t := b.form.Translations[e.Language]
	name := t.Name + " (" + e.Language + ")"
	if strings.Contains(e.Message, " has no text for ") {
		return fmt.Sprintf("the %s translation has no text here: write it, or write yes in the column %s on the settings sheet to show the %s text where it has none",
			name, languageColumnName(colPartial, t.Name, e.Language), languageNames(b.form))
	}
	return fmt.Sprintf("this cell gives in %s a text the form has not in %s: write that in the %s column too, or empty this cell", name, languageNames(b.form), col)
}

// languageNames names the form's main language.
func languageNames(f *form.Form) string { return f.Languages()[0].Name }

// languageHeader finds the first column in the language code: its sheet,
// header row and name.
func (b *builder) languageHeader(code string) (sheet string, row int, header string) {
	for _, t := range []*table{b.survey, b.choices, b.settings} {
		if t != nil && t.heads[code] != "" {
			return t.sheet, t.header, t.heads[code]
		}
	}
	return sheetSettings, 0, ""
}

// languageColumn is the header of col in the language code on a sheet:
// as written there, else as it should be written.
func (b *builder) languageColumn(t *table, col, code string) string {
	if t != nil {
		for _, l := range t.langs {
			if l.col == col && l.code == code {
				return l.header
			}
		}
	}
	return languageColumnName(col, b.form.Translations[code].Name, code)
}

// surveyRowOf is the survey row of a text: its question's, or its
// section's begin group row.
func (b *builder) surveyRowOf(where string) int {
	if key, ok := strings.CutPrefix(where, "section:"); ok {
		key, _, _ = strings.Cut(key, "/")
		for _, w := range b.where {
			if w.key == key && !w.untitled {
				return w.row
			}
		}
		return 0
	}
	q, _, _ := strings.Cut(where, ".")
	if si, qi, ok := b.find(q); ok {
		return b.where[si].questions[qi]
	}
	return 0
}

// choiceRowOf is the choices row of an option's or a grid statement's
// text: "QUESTION.option:VALUE" or "QUESTION.statement:ID".
func (b *builder) choiceRowOf(where string) int {
	q, rest, _ := strings.Cut(strings.TrimSuffix(where, form.EasyReadSuffix), ".")
	si, qi, ok := b.find(q)
	if !ok {
		return 0
	}
	list := b.where[si].lists[qi]
	value, isStatement := strings.CutPrefix(rest, "statement:")
	if isStatement {
		list = b.where[si].rows[qi]
	} else {
		value = strings.TrimPrefix(rest, "option:")
	}
	for _, c := range b.lists[list] {
		if c.option.Value == value {
			return c.row
		}
	}
	return 0
}

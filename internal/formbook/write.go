package formbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// ErrUnwritable is wrapped by Write's error for a form that holds a field
// or question type the workbook has no column for (one added to Chorus
// after this package): such a form is offered as YAML or JSON instead,
// never as a workbook that would lose part of it.
var ErrUnwritable = errors.New("a workbook cannot hold all of form")

// Write returns the workbook (.xlsx bytes) a form would be written in:
// its survey, choices and settings sheets, and the About sheet. Read of
// the workbook gives the same form back.
func Write(f *form.Form) ([]byte, error) {
	if f == nil {
		return nil, errors.New("no form to write")
	}
	if what, err := unwritable(f); err != nil {
		return nil, err
	} else if what != "" {
		return nil, fmt.Errorf("%w %s: it has %s; download it as YAML or JSON instead", ErrUnwritable, f.ID, what)
	}
	x, err := newBook()
	if err != nil {
		return nil, err
	}
	defer x.Close()
	w := &writer{x: x, f: f, types: map[string]string{}}
	for _, s := range f.Sections {
		for _, q := range s.Questions {
			if _, ok := w.types[q.ID]; !ok {
				w.types[q.ID] = q.Type
			}
		}
	}
	w.addLanguageColumns()
	w.writeSurvey(f)
	w.writeSettings(f)
	if w.err != nil {
		return nil, w.err
	}
	return finishBook(x)
}

// writer writes a form's cells, keeping the first error.
type writer struct {
	x     *excelize.File
	f     *form.Form
	types map[string]string // question id to type, for conditions
	err   error
	// cols are each sheet's columns: its own, then those of texts in
	// other languages; codes are the languages of those, in order.
	cols  map[string][]column
	codes []string

	lists     map[string]string // an option list (as JSON) to its name
	listNames map[string]bool
	choiceRow int
}

// set writes one cell by column position and row, leaving empty values
// out. Text longer than Excel's limit is an error, not cut short.
func (w *writer) set(sheet string, cols []column, col string, row int, v any) {
	if w.err != nil {
		return
	}
	if s, ok := v.(string); ok {
		if s == "" {
			return
		}
		if n := utf16Len(s); n > maxCellChars {
			w.err = fmt.Errorf("%s row %d, column %s: the text has %d characters, more than a cell can hold (%d)", sheet, row, col, n, maxCellChars)
			return
		}
	}
	for i, c := range cols {
		if c.name == col {
			cell, _ := excelize.CoordinatesToCellName(i+1, row)
			w.err = w.x.SetCellValue(sheet, cell, v)
			return
		}
	}
	w.err = fmt.Errorf("no column %s on the %s sheet", col, sheet)
}

// writeSurvey writes the sections, each between begin group and end group
// rows, and their option lists on the choices sheet.
func (w *writer) writeSurvey(f *form.Form) {
	set := func(row int, col string, v any) { w.set(sheetSurvey, w.cols[sheetSurvey], col, row, v) }
	row := 1
	for si, s := range f.Sections {
		row++
		set(row, colType, "begin group")
		set(row, colName, s.ID)
		set(row, colLabel, s.Title)
		set(row, colEasyRead, s.EasyRead)
		key := "section:" + s.ID
		if s.ID == "" {
			key = "section:" + strconv.Itoa(si+1)
		}
		for _, code := range w.codes {
			w.setLang(sheetSurvey, row, colLabel, code, key)
			w.setLang(sheetSurvey, row, colEasyRead, code, key+form.EasyReadSuffix)
		}
		if s.ShowIf != nil {
			w.relevant(row, "section "+s.Title, s.ShowIf, set)
		}
		for i := range s.Questions {
			row++
			w.writeQuestion(row, &s.Questions[i], set)
		}
		row++
		set(row, colType, "end group")
	}
}

// writeQuestion writes one question's row.
func (w *writer) writeQuestion(row int, q *form.Question, set func(int, string, any)) {
	list := ""
	switch q.Type {
	case form.TypeSingleChoice, form.TypeMultipleChoice, form.TypeRating, form.TypeRanking, form.TypeGrid:
		list = w.list(q.ID, q.ID, q.Options, false)
	}
	typ, appearance := writeType(q, list)
	if q.Type == form.TypeGrid {
		rows := make([]form.Option, len(q.Statements))
		for i, st := range q.Statements {
			rows[i] = form.Option{Value: st.ID, Label: st.Label, EasyRead: st.EasyRead}
		}
		typ += " " + w.list(q.ID+"_statements", q.ID, rows, true)
	}
	set(row, colType, typ)
	set(row, colName, q.ID)
	set(row, colLabel, q.Label)
	set(row, colShortLabel, q.ShortLabel)
	set(row, colHint, q.Hint)
	if q.Required {
		set(row, colRequired, "yes")
	}
	if q.ShowIf != nil {
		w.relevant(row, "question "+q.ID, q.ShowIf, set)
	}
	set(row, colEasyRead, q.EasyRead)
	set(row, colEasyReadHint, q.EasyReadHint)
	set(row, colIcon, q.Icon)
	if q.Min != nil {
		set(row, colMin, *q.Min)
	}
	if q.Max != nil {
		set(row, colMax, *q.Max)
	}
	set(row, colMinDate, q.MinDate)
	set(row, colMaxDate, q.MaxDate)
	if q.MaxLength != 0 {
		set(row, colMaxLength, q.MaxLength)
	}
	if q.MaxWords != 0 {
		set(row, colMaxWords, q.MaxWords)
	}
	set(row, colPattern, q.Pattern)
	set(row, colPatternMessage, q.PatternMessage)
	set(row, colEasyReadPatternMessage, q.EasyReadPatternMessage)
	set(row, colPhone, q.Phone)
	set(row, colBody, q.Body)
	set(row, colAppearance, appearance)
	for _, code := range w.codes {
		for _, col := range translatable[sheetSurvey] {
			w.setLang(sheetSurvey, row, col, code, questionWhere(q, col))
		}
	}
}

// relevant writes a question's or a section's condition.
func (w *writer) relevant(row int, what string, c *form.Condition, set func(int, string, any)) {
	rel, err := writeRelevant(c, w.types[c.Question])
	if err != nil && w.err == nil {
		w.err = fmt.Errorf("%s: %w", what, err)
	}
	set(row, colRelevant, rel)
}

// list returns the name of an option list (or a grid's statements, as
// options) of the question q, writing the list on the choices sheet the
// first time it is met. Questions with the same options, in every
// language, share one list, named after the first of them.
func (w *writer) list(name, q string, options []form.Option, statements bool) string {
	if w.lists == nil {
		w.lists, w.listNames, w.choiceRow = map[string]string{}, map[string]bool{}, 1
	}
	texts := make([][]string, len(options)) // each option's texts in each language
	for i, o := range options {
		for _, code := range w.codes {
			for _, col := range translatable[sheetChoices] {
				texts[i] = append(texts[i], w.f.Translations[code].Texts[choiceWhere(q, o.Value, col, statements)])
			}
		}
	}
	key, err := json.Marshal(struct {
		Options []form.Option
		Texts   [][]string
	}{options, texts})
	if err != nil {
		w.err = err
		return ""
	}
	if existing, ok := w.lists[string(key)]; ok {
		return existing
	}
	for i := 1; name == "" || w.listNames[name]; i++ {
		name = fmt.Sprintf("list%d", i)
	}
	w.lists[string(key)], w.listNames[name] = name, true
	set := func(col string, v string) { w.set(sheetChoices, w.cols[sheetChoices], col, w.choiceRow, v) }
	for _, o := range options {
		w.choiceRow++
		for _, code := range w.codes {
			for _, col := range translatable[sheetChoices] {
				w.setLang(sheetChoices, w.choiceRow, col, code, choiceWhere(q, o.Value, col, statements))
			}
		}
		set(colListName, name)
		set(colName, o.Value)
		set(colLabel, o.Label)
		set(colEasyRead, o.EasyRead)
		set(colIcon, o.Icon)
		set(colColour, o.Colour)
		if o.Specify {
			set(colSpecify, "yes")
		}
	}
	return name
}

// writeSettings writes the settings sheet's row of values.
func (w *writer) writeSettings(f *form.Form) {
	set := func(col, v string) { w.set(sheetSettings, w.cols[sheetSettings], col, 2, v) }
	set(colFormID, f.ID)
	set(colVersion, f.Version)
	set(colFormTitle, f.Title)
	set(colKind, f.Kind)
	set(colAudience, f.Audience)
	if f.Numbering {
		set(colNumbering, "yes")
	}
	set(colOpens, f.Opens)
	set(colCloses, f.Closes)
	set(colIntroduction, f.Introduction)
	set(colPrivacyNotice, f.PrivacyNotice)
	set(colEasyReadIntroduction, f.EasyReadIntroduction)
	set(colEasyReadPrivacyNotice, f.EasyReadPrivacyNotice)
	set(colDefaultLanguage, f.Language)
	w.writeSettingsLanguages()
	if v := f.Visit; v != nil {
		set(colVisitService, v.Service)
		set(colVisitDate, v.Date)
		set(colVisitTeamSize, v.TeamSize)
		set(colVisitKeyQuestions, strings.Join(v.KeyQuestions, ", "))
		set(colVisitSafeguarding, v.Safeguarding)
	}
}

// The fields of a form, as its JSON names them, that a workbook holds.
// Write refuses a form with any other field set (one added to form.Form
// after this package was written), so that no part of a form is lost on
// its way through a workbook without a word.
var (
	formFields      = []string{"id", "version", "title", "kind", "audience", "opens", "closes", "introduction", "privacyNotice", "easyReadIntroduction", "easyReadPrivacyNotice", "numbering", "language", "translations", "sections", "visit"}
	visitFields     = []string{"service", "date", "teamSize", "keyQuestions", "safeguarding"}
	sectionFields   = []string{"id", "title", "easyRead", "questions", "showIf"}
	questionFields  = []string{"id", "type", "label", "shortLabel", "hint", "easyRead", "easyReadHint", "icon", "required", "options", "min", "max", "integer", "minDate", "maxDate", "maxLength", "maxWords", "pattern", "patternMessage", "easyReadPatternMessage", "phone", "statements", "body", "showIf"}
	optionFields    = []string{"value", "label", "easyRead", "icon", "colour", "specify"}
	statementFields = []string{"id", "label", "easyRead"}
	conditionFields = []string{"question", "equals", "anyOf", "notEquals", "noneOf", "answered"}
)

// writableTypes are the question types a workbook holds.
var writableTypes = []string{form.TypeShortText, form.TypeLongText, form.TypeNumber, form.TypeDate,
	form.TypeSingleChoice, form.TypeMultipleChoice, form.TypeRating, form.TypeYesNo,
	form.TypeEmail, form.TypePhone, form.TypeConsent, form.TypeService, form.TypeNotice,
	form.TypeRanking, form.TypeGrid, form.TypeGuidance}

// unwritable says what of f a workbook cannot hold, or "" when it holds all.
func unwritable(f *form.Form) (string, error) {
	var found []string
	check := func(where string, v any, known []string) error {
		fields, err := fieldsOf(v)
		for k := range fields {
			if !slices.Contains(known, k) {
				found = append(found, where+k)
			}
		}
		return err
	}
	errs := []error{check("", f, formFields)}
	found = append(found, unplaceable(f)...)
	if f.Visit != nil {
		errs = append(errs, check("visit.", f.Visit, visitFields))
	}
	for si := range f.Sections {
		s := &f.Sections[si]
		errs = append(errs, check(fmt.Sprintf("section %d: ", si+1), s, sectionFields))
		if s.ShowIf != nil {
			errs = append(errs, check(fmt.Sprintf("section %d: showIf.", si+1), s.ShowIf, conditionFields))
		}
		for qi := range s.Questions {
			q := &s.Questions[qi]
			where := q.ID + ": "
			if q.ID == "" {
				where = fmt.Sprintf("section %d question %d: ", si+1, qi+1)
			}
			if !slices.Contains(writableTypes, q.Type) {
				found = append(found, where+"type "+q.Type)
			}
			errs = append(errs, check(where, q, questionFields))
			for _, o := range q.Options {
				errs = append(errs, check(where+"option ", o, optionFields))
			}
			for _, st := range q.Statements {
				errs = append(errs, check(where+"statement ", st, statementFields))
			}
			if q.ShowIf != nil {
				errs = append(errs, check(where+"showIf.", q.ShowIf, conditionFields))
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return "", err
	}
	sort.Strings(found)
	return strings.Join(slices.Compact(found), ", "), nil
}

// fieldsOf returns the fields that v's JSON sets.
func fieldsOf(v any) (map[string]json.RawMessage, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var fields map[string]json.RawMessage
	return fields, json.Unmarshal(data, &fields)
}

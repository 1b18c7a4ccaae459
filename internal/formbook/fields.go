package formbook

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"chorus/internal/form"
)

// The fields of a form, as its JSON names them, that a workbook holds.
// Write refuses a form with any other field set (one added to form.Form
// after this package was written), so that no part of a form is lost on
// its way through a workbook without a word.
var (
	formFields      = []string{"id", "version", "title", "kind", "audience", "opens", "closes", "introduction", "privacyNotice", "easyReadIntroduction", "easyReadPrivacyNotice", "numbering", "sections", "visit"}
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

package form

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// maxIconRunes bounds an icon: an emoji, even one joined from several
// code points, fits.
const maxIconRunes = 16

var (
	formIDPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)
	questionIDPattern = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,62}$`)
	versionPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$`)
)

// Prepare checks a definition read from file and indexes its questions.
// It returns every problem found; the form is usable only when there are none.
func (f *Form) Prepare(file string, loc *time.Location) DefinitionErrors {
	var errs DefinitionErrors
	f.file = file
	formErr := func(format string, args ...any) {
		errs = append(errs, DefinitionError{File: file, Message: fmt.Sprintf(format, args...)})
	}
	switch {
	case f.ID == "":
		formErr("id is missing")
	case !formIDPattern.MatchString(f.ID):
		formErr("id %q must be lower-case letters, digits and hyphens", f.ID)
	}
	switch {
	case f.Version == "":
		formErr("version is missing")
	case !versionPattern.MatchString(f.Version):
		formErr("version %q must be letters, digits, dots, hyphens or underscores", f.Version)
	}
	if strings.TrimSpace(f.Title) == "" {
		formErr("title is missing")
	}
	if f.Kind != KindVisit && f.Kind != KindConsultation && f.Kind != KindSurvey {
		formErr("kind %q must be one of visit, consultation, survey", f.Kind)
	}
	if f.Audience != AudienceVolunteers && f.Audience != AudiencePublic {
		formErr("audience %q must be one of volunteers, public", f.Audience)
	}
	var err error
	if f.opensAt, err = parseMoment(f.Opens, loc, false); err != nil {
		formErr("opens: %v", err)
	}
	if f.closesAt, err = parseMoment(f.Closes, loc, true); err != nil {
		formErr("closes: %v", err)
	}
	if !f.opensAt.IsZero() && !f.closesAt.IsZero() && !f.opensAt.Before(f.closesAt) {
		formErr("closes (%s) must come after opens (%s)", f.Closes, f.Opens)
	}
	if len(f.Sections) == 0 {
		formErr("the form has no sections")
	}

	all := map[string]bool{}
	for _, s := range f.Sections {
		for _, q := range s.Questions {
			all[q.ID] = true
		}
	}
	f.byID = map[string]*Question{}
	f.sectionOf = map[string]*Section{}
	f.order = nil
	for si := range f.Sections {
		s := &f.Sections[si]
		if strings.TrimSpace(s.Title) == "" {
			formErr("section %d has no title", si+1)
		}
		if len(s.Questions) == 0 {
			formErr("section %d (%s) has no questions", si+1, s.Title)
		}
		if s.ShowIf != nil {
			for _, msg := range f.checkCondition(s.ShowIf, "", all) {
				formErr("section %d (%s): %s", si+1, s.Title, msg)
			}
		}
		for qi := range s.Questions {
			q := &s.Questions[qi]
			for _, msg := range f.checkQuestion(q, all) {
				id := q.ID
				if id == "" {
					id = fmt.Sprintf("section %d question %d", si+1, qi+1)
				}
				errs = append(errs, DefinitionError{File: file, Question: id, Message: msg})
			}
			if q.ID != "" && f.byID[q.ID] == nil {
				f.byID[q.ID] = q
				f.sectionOf[q.ID] = s
			}
			f.order = append(f.order, q)
		}
	}
	for _, msg := range f.checkVisit() {
		formErr("%s", msg)
	}
	return append(errs, f.checkTranslations()...)
}

// checkVisit checks the visit block against the questions it names.
func (f *Form) checkVisit() []string {
	v := f.Visit
	if v == nil {
		return nil // without it, a visit form exports in the responses layout only
	}
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }
	if f.Kind != KindVisit {
		bad("visit applies only to forms of kind visit")
	}
	want := func(field, id string, types ...string) {
		q := f.byID[id]
		switch {
		case id == "":
			bad("visit.%s is missing", field)
		case q == nil:
			bad("visit.%s: %q is not a question in this form", field, id)
		case !slices.Contains(types, q.Type):
			bad("visit.%s: %q must be a %s question", field, id, strings.Join(types, " or "))
		}
	}
	want("service", v.Service, TypeService)
	want("date", v.Date, TypeDate)
	if v.TeamSize != "" {
		want("teamSize", v.TeamSize, TypeNumber)
	}
	if v.Safeguarding != "" {
		want("safeguarding", v.Safeguarding, TypeYesNo)
	}
	if len(v.KeyQuestions) == 0 {
		bad("visit.keyQuestions is missing")
	}
	seen := map[string]bool{}
	for _, id := range v.KeyQuestions {
		if seen[id] {
			bad("visit.keyQuestions: %q is listed twice", id)
		}
		seen[id] = true
		want("keyQuestions", id, TypeSingleChoice, TypeRating)
		if q := f.byID[id]; q != nil {
			for _, o := range q.Options {
				if o.Colour == "" {
					bad("visit.keyQuestions: %q: option %q needs a colour (green, amber, red or grey) for the visit results", id, o.Value)
				}
			}
		}
	}
	return msgs
}

// checkQuestion returns what is wrong with q, given the questions before it
// and the ids of all questions in the form.
func (f *Form) checkQuestion(q *Question, all map[string]bool) []string {
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }

	switch {
	case q.ID == "":
		bad("id is missing")
	case !questionIDPattern.MatchString(q.ID):
		bad("id must start with a letter and hold only letters, digits and underscores")
	case f.byID[q.ID] != nil:
		bad("duplicate question id")
	}
	if !knownTypes[q.Type] {
		bad("unknown type %q (use one of %s)", q.Type, typeList())
		return msgs
	}
	if strings.TrimSpace(q.Label) == "" && q.Type != TypeGuidance {
		bad("label is missing")
	}
	if utf8.RuneCountInString(q.Icon) > maxIconRunes {
		bad("icon must be a picture of at most %d characters, like an emoji", maxIconRunes)
	}
	if !takesAnswer(q.Type) && q.Required {
		bad("a %s takes no answer, so it cannot be required", q.Type)
	}

	if hasOptions(q.Type) {
		if len(q.Options) == 0 {
			bad("a %s question needs options", q.Type)
		}
		seen := map[string]bool{}
		for i, o := range q.Options {
			switch {
			case o.Value == "":
				bad("option %d has no value", i+1)
			case seen[o.Value]:
				bad("option value %q is used twice", o.Value)
			}
			seen[o.Value] = true
			if strings.TrimSpace(o.Label) == "" {
				bad("option %d has no label", i+1)
			}
			if utf8.RuneCountInString(o.Icon) > maxIconRunes {
				bad("option %q: icon must be a picture of at most %d characters, like an emoji", o.Value, maxIconRunes)
			}
			switch o.Colour {
			case "", ColourGreen, ColourAmber, ColourRed, ColourGrey:
			default:
				bad("option %q: colour %q must be one of green, amber, red, grey", o.Value, o.Colour)
			}
		}
	} else if len(q.Options) > 0 {
		bad("a %s question takes no options", q.Type)
	}

	if q.Min != nil || q.Max != nil {
		if q.Type != TypeNumber && q.Type != TypeMultipleChoice {
			bad("min and max apply only to number and multipleChoice questions")
		} else if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			bad("min (%v) is more than max (%v)", *q.Min, *q.Max)
		}
	}
	if q.Integer && q.Type != TypeNumber {
		bad("integer applies only to number questions")
	}
	if q.MinDate != "" || q.MaxDate != "" {
		if q.Type != TypeDate {
			bad("minDate and maxDate apply only to date questions")
		}
		for _, d := range []string{q.MinDate, q.MaxDate} {
			if d != "" && d != "today" {
				if _, err := time.Parse(time.DateOnly, d); err != nil {
					bad("%q is not a date: write YYYY-MM-DD or today", d)
				}
			}
		}
	}
	if q.MaxLength < 0 {
		bad("maxLength cannot be negative")
	} else if q.MaxLength > 0 && !isText(q.Type) {
		bad("maxLength applies only to text, email and phone questions")
	}
	if q.Pattern != "" {
		if !isText(q.Type) {
			bad("pattern applies only to text, email and phone questions")
		} else if re, err := compilePattern(q.Pattern); err != nil {
			bad("pattern %q is not a valid regular expression: %v", q.Pattern, err)
		} else {
			q.re = re
		}
	}
	if q.Phone != "" && q.Type != TypeNotice {
		bad("phone applies only to notices")
	}
	msgs = append(msgs, q.checkNewKinds()...)
	if q.ShowIf != nil {
		msgs = append(msgs, f.checkCondition(q.ShowIf, q.ID, all)...)
	}
	return msgs
}

// checkCondition checks a showIf against the questions defined so far, so a
// condition can only look back: a person answers the earlier question
// first. self is the id of the question it belongs to ("" for a section).
func (f *Form) checkCondition(c *Condition, self string, all map[string]bool) []string {
	src := f.byID[c.Question]
	switch {
	case c.Question == "":
		return []string{"showIf has no question"}
	case c.Question == self:
		return []string{"showIf refers to the question itself"}
	case src == nil && all[c.Question] && self == "":
		return []string{fmt.Sprintf("showIf refers to %q, which is in this section or a later one: a section's condition can only look at questions before it", c.Question)}
	case src == nil && all[c.Question]:
		return []string{fmt.Sprintf("showIf refers to %q, which comes later in the form: a condition can only look at earlier questions", c.Question)}
	case src == nil:
		return []string{fmt.Sprintf("showIf refers to %q, which is not a question in this form", c.Question)}
	}
	switch src.Type {
	case TypeNotice, TypeGuidance:
		return []string{fmt.Sprintf("showIf refers to %q, a %s, which has no answer", c.Question, src.Type)}
	case TypeGrid, TypeRanking:
		return []string{fmt.Sprintf("showIf refers to %q, a %s: a condition can look at other kinds of question only", c.Question, src.Type)}
	}
	var values []any
	n := 0
	for _, set := range []bool{c.Equals != nil, len(c.AnyOf) > 0, c.NotEquals != nil, len(c.NoneOf) > 0, c.Answered != nil} {
		if set {
			n++
		}
	}
	switch {
	case n > 1:
		return []string{"showIf takes one of equals, anyOf, notEquals, noneOf or answered, not several"}
	case c.Equals != nil:
		values = []any{c.Equals}
	case len(c.AnyOf) > 0:
		values = c.AnyOf
	case c.NotEquals != nil:
		values = []any{c.NotEquals}
	case len(c.NoneOf) > 0:
		values = c.NoneOf
	case c.Answered != nil:
		return nil
	default:
		return []string{"showIf needs one of equals, anyOf, notEquals, noneOf or answered"}
	}
	var msgs []string
	for _, v := range values {
		key, ok := conditionKey(v)
		if !ok {
			msgs = append(msgs, fmt.Sprintf("showIf value %v must be text, a number or true/false", v))
			continue
		}
		if hasOptions(src.Type) && !src.hasOption(key) {
			msgs = append(msgs, fmt.Sprintf("showIf value %q is not an option of %q", key, c.Question))
		}
		if (src.Type == TypeYesNo || src.Type == TypeConsent) && key != "true" && key != "false" {
			msgs = append(msgs, fmt.Sprintf("showIf value for yes/no question %q must be true or false", c.Question))
		}
	}
	return msgs
}

func (q *Question) hasOption(v string) bool {
	for _, o := range q.Options {
		if o.Value == v {
			return true
		}
	}
	return false
}

// conditionKey turns a condition value or an answer into the string that
// comparisons use, so that true, "true" and 3, "3" match alike.
func conditionKey(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case bool:
		return strconv.FormatBool(v), true
	case int:
		return strconv.Itoa(v), true
	case int64:
		return strconv.FormatInt(v, 10), true
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64), true
	case fmt.Stringer: // json.Number
		return v.String(), true
	}
	return "", false
}

// parseMoment reads an opening or closing date. A bare date opens at the
// start of that day, or closes at the end of it, in loc.
func parseMoment(s string, loc *time.Location, endOfDay bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if endOfDay {
			d = d.AddDate(0, 0, 1)
		}
		return d, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: write YYYY-MM-DD or a full timestamp such as 2026-03-31T17:00:00Z", s)
	}
	return t, nil
}

func typeList() string {
	return strings.Join([]string{TypeShortText, TypeLongText, TypeNumber, TypeDate, TypeSingleChoice,
		TypeMultipleChoice, TypeYesNo, TypeRating, TypeEmail, TypePhone, TypeConsent, TypeService, TypeNotice}, ", ")
}

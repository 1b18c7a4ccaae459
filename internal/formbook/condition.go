package formbook

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"chorus/internal/form"
)

// acceptedConditions says what a relevant cell may hold.
const acceptedConditions = "write ${name} = 'value' (several joined by or: any of them), ${name} != 'value' (several joined by and: none of them), selected(${name}, 'value') or not(selected(${name}, 'value')) for a select_multiple, or ${name} != '' (answered) or ${name} = '' (not answered); numbers without quotes, a yes_no answer as 'yes' or 'no'"

// term is one part of a relevant condition: a question and a value, or
// the question and ” for whether it is answered.
type term struct {
	question string
	value    literal
	negated  bool // != or not(...)
}

// literal is a value written in a condition.
type literal struct {
	text   string
	quoted bool // 'text' or "text"
	call   bool // true() or false()
}

// empty reports whether the literal is ”: a condition on being answered.
func (l literal) empty() bool { return l.quoted && l.text == "" }

// relevant is a relevant cell read: the question it looks at and how.
type relevant struct {
	question string
	negated  bool      // none of the values (notEquals, noneOf)
	answered *bool     // answered or not, with no values
	values   []literal // any of them (equals, anyOf), or none of them
	// list is set when the whole condition is in brackets: it is then
	// anyOf or noneOf even with one value. The meaning is the same as
	// equals or notEquals; the brackets keep a definition's own choice.
	list bool
}

// parseRelevant reads a relevant cell, or says what is wrong.
func parseRelevant(s string) (relevant, error) {
	toks, err := lex(s)
	if err != nil {
		return relevant{}, err
	}
	p := &parser{toks: toks}
	terms, joins, err := p.alternatives()
	if err != nil {
		return relevant{}, err
	}
	if !p.done() {
		return relevant{}, p.unexpected()
	}
	r := relevant{question: terms[0].question, negated: terms[0].negated, list: bracketed(toks)}
	for _, t := range terms[1:] {
		if t.question != r.question {
			return relevant{}, fmt.Errorf("the parts of the condition look at different questions (%s and %s): a condition may look at one question only", r.question, t.question)
		}
	}
	if terms[0].value.empty() {
		if len(terms) > 1 {
			return relevant{}, errors.New("'' (answered or not) stands alone in a condition: write ${name} != '' or ${name} = ''")
		}
		answered := terms[0].negated
		return relevant{question: r.question, answered: &answered}, nil
	}
	hasOr, hasAnd := false, false
	for _, j := range joins {
		hasOr, hasAnd = hasOr || j == "or", hasAnd || j == "and"
	}
	for _, t := range terms {
		switch {
		case t.value.empty():
			return relevant{}, errors.New("'' (answered or not) stands alone in a condition: write ${name} != '' or ${name} = ''")
		case hasOr && hasAnd:
			return relevant{}, errors.New("a condition joins its parts with or (any of some answers) or with and (none of some answers), not both")
		case hasOr && t.negated:
			return relevant{}, errors.New("or joins = and selected() parts (any of some answers); != and not() parts are joined by and (none of some answers)")
		case hasAnd && !t.negated:
			return relevant{}, errors.New("and joins != and not() parts (none of some answers); = and selected() parts are joined by or (any of some answers)")
		case t.negated != r.negated:
			return relevant{}, errors.New("a condition is either = parts joined by or, or != parts joined by and")
		}
		r.values = append(r.values, t.value)
	}
	return r, nil
}

// condition builds the form's condition from a relevant cell read, its
// values typed by the type of the question looked at.
func (r relevant) condition(sourceType string) *form.Condition {
	c := &form.Condition{Question: r.question, Answered: r.answered}
	var values []any
	for _, l := range r.values {
		values = append(values, conditionValue(l, sourceType))
	}
	switch {
	case r.answered != nil:
	case r.negated && len(values) == 1 && !r.list:
		c.NotEquals = values[0]
	case r.negated:
		c.NoneOf = values
	case len(values) == 1 && !r.list:
		c.Equals = values[0]
	default:
		c.AnyOf = values
	}
	return c
}

// conditionValue turns a literal into the value a YAML definition would
// hold for it, given the type of the question looked at: a yes_no answer
// 'yes' or 'no' is a boolean, a number without quotes a number, and any
// other quoted text a string.
func conditionValue(l literal, sourceType string) any {
	switch {
	case l.call:
		return l.text == "true"
	case l.quoted:
		if sourceType == form.TypeYesNo || sourceType == form.TypeConsent {
			switch strings.ToLower(l.text) {
			case "yes":
				return true
			case "no":
				return false
			}
		}
		return l.text
	}
	if n, err := strconv.ParseInt(l.text, 10, 64); err == nil && n >= math.MinInt && n <= math.MaxInt {
		return int(n)
	}
	f, _ := strconv.ParseFloat(l.text, 64)
	return f
}

// writeRelevant writes a condition as Write gives it: = joined by or for
// any of some values, != joined by and for none of them (selected() and
// not(selected()) for a multiple choice question), != ” or = ” for
// answered or not.
func writeRelevant(c *form.Condition, sourceType string) (string, error) {
	q := "${" + c.Question + "}"
	if c.Answered != nil {
		if *c.Answered {
			return q + " != ''", nil
		}
		return q + " = ''", nil
	}
	values, negated, list := c.AnyOf, false, len(c.AnyOf) > 0
	switch {
	case c.Equals != nil:
		values = []any{c.Equals}
	case c.NotEquals != nil:
		values, negated = []any{c.NotEquals}, true
	case len(c.NoneOf) > 0:
		values, negated, list = c.NoneOf, true, true
	}
	parts := make([]string, len(values))
	for i, v := range values {
		lit, err := writeLiteral(v, sourceType)
		if err != nil {
			return "", fmt.Errorf("condition on %s: %w", c.Question, err)
		}
		switch {
		case sourceType == form.TypeMultipleChoice && negated:
			parts[i] = fmt.Sprintf("not(selected(%s, %s))", q, lit)
		case sourceType == form.TypeMultipleChoice:
			parts[i] = fmt.Sprintf("selected(%s, %s)", q, lit)
		case negated:
			parts[i] = fmt.Sprintf("%s != %s", q, lit)
		default:
			parts[i] = fmt.Sprintf("%s = %s", q, lit)
		}
	}
	join := " or "
	if negated {
		join = " and "
	}
	if list && len(parts) == 1 {
		return "(" + parts[0] + ")", nil // anyOf or noneOf of one value
	}
	return strings.Join(parts, join), nil
}

// bracketed reports whether brackets hold the whole condition.
func bracketed(toks []token) bool {
	if len(toks) < 2 || toks[0].kind != '(' || toks[len(toks)-1].kind != ')' {
		return false
	}
	depth := 0
	for i, t := range toks {
		switch t.kind {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i < len(toks)-1 {
				return false // (a) or (b)
			}
		}
	}
	return true
}

// writeLiteral writes one condition value so that conditionValue reads it
// back the same.
func writeLiteral(v any, sourceType string) (string, error) {
	switch v := v.(type) {
	case bool:
		if sourceType == form.TypeYesNo || sourceType == form.TypeConsent {
			if v {
				return "'yes'", nil
			}
			return "'no'", nil
		}
		return strconv.FormatBool(v) + "()", nil
	case string:
		yesNo := sourceType == form.TypeYesNo || sourceType == form.TypeConsent
		switch {
		case v == "":
			return "", errors.New("an empty value cannot be written: '' means answered or not")
		case yesNo && (strings.EqualFold(v, "yes") || strings.EqualFold(v, "no")):
			return "", fmt.Errorf("the text %q on a yes/no question cannot be written apart from the answer %s", v, strings.ToLower(v))
		case !strings.Contains(v, "'"):
			return "'" + v + "'", nil
		case !strings.Contains(v, `"`):
			return `"` + v + `"`, nil
		}
		return "", fmt.Errorf("the value %q holds both kinds of quote", v)
	case int:
		return strconv.Itoa(v), nil
	case int64:
		return strconv.FormatInt(v, 10), nil
	case float64:
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return "", fmt.Errorf("the value %v is not a number", v)
		}
		return strconv.FormatFloat(v, 'f', -1, 64), nil
	case fmt.Stringer: // json.Number
		if _, err := strconv.ParseFloat(v.String(), 64); err != nil {
			return "", fmt.Errorf("the value %v is not a number", v)
		}
		return v.String(), nil
	}
	return "", fmt.Errorf("the value %v is not text, a number or true/false", v)
}

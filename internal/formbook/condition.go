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
const acceptedConditions = "write ${name} = 'value', several of these joined by or (all about the same question), or selected(${name}, 'value'); numbers without quotes, a yes_no answer as 'yes' or 'no'"

// term is one alternative of a relevant condition: a question and a value.
type term struct {
	question string
	value    literal
}

// literal is a value written in a condition.
type literal struct {
	text   string
	quoted bool // 'text' or "text"
	call   bool // true() or false()
}

// parseRelevant reads a relevant cell into the question it looks at and
// the values it accepts, or says what is wrong.
func parseRelevant(s string) (question string, values []literal, err error) {
	toks, err := lex(s)
	if err != nil {
		return "", nil, err
	}
	p := &parser{toks: toks}
	terms, err := p.alternatives()
	if err != nil {
		return "", nil, err
	}
	if !p.done() {
		return "", nil, p.unexpected()
	}
	for _, t := range terms[1:] {
		if t.question != terms[0].question {
			return "", nil, fmt.Errorf("the parts joined by or look at different questions (%s and %s): a condition may look at one question only", terms[0].question, t.question)
		}
	}
	for _, t := range terms {
		values = append(values, t.value)
	}
	return terms[0].question, values, nil
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

// writeRelevant writes a condition as Write gives it: selected() for a
// multiple choice question, ${q} = value for any other, joined by or.
func writeRelevant(c *form.Condition, sourceType string) (string, error) {
	values := c.AnyOf
	if c.Equals != nil {
		values = []any{c.Equals}
	}
	parts := make([]string, len(values))
	for i, v := range values {
		lit, err := writeLiteral(v, sourceType)
		if err != nil {
			return "", fmt.Errorf("condition on %s: %w", c.Question, err)
		}
		if sourceType == form.TypeMultipleChoice {
			parts[i] = fmt.Sprintf("selected(${%s}, %s)", c.Question, lit)
		} else {
			parts[i] = fmt.Sprintf("${%s} = %s", c.Question, lit)
		}
	}
	return strings.Join(parts, " or "), nil
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
		if yesNo && (strings.EqualFold(v, "yes") || strings.EqualFold(v, "no")) {
			return "", fmt.Errorf("the text %q on a yes/no question cannot be written apart from the answer %s", v, strings.ToLower(v))
		}
		switch {
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

// token is one piece of a condition.
type token struct {
	kind byte // '$' question, '\'' quoted text, '0' number, 'a' word, or the punctuation itself
	text string
}

// lex splits a condition into tokens.
func lex(s string) ([]token, error) {
	var toks []token
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '$':
			end := strings.IndexByte(s[i:], '}')
			if !strings.HasPrefix(s[i:], "${") || end < 0 {
				return nil, errors.New("a question is written ${name}, with curly brackets")
			}
			name := strings.TrimSpace(s[i+2 : i+end])
			if name == "" {
				return nil, errors.New("${} names no question")
			}
			toks = append(toks, token{'$', name})
			i += end + 1
		case c == '\'' || c == '"':
			end := strings.IndexByte(s[i+1:], c)
			if end < 0 {
				return nil, fmt.Errorf("a quote %c is not closed", c)
			}
			toks = append(toks, token{'\'', s[i+1 : i+1+end]})
			i += end + 2
		case c == '-' || c == '.' || (c >= '0' && c <= '9'):
			j := i + 1
			for j < len(s) && (s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			if _, err := strconv.ParseFloat(s[i:j], 64); err != nil {
				return nil, fmt.Errorf("%q is not a number", s[i:j])
			}
			toks = append(toks, token{'0', s[i:j]})
			i = j
		case isLetter(c):
			j := i + 1
			for j < len(s) && (isLetter(s[j]) || s[j] == '-' || s[j] == ':' || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			toks = append(toks, token{'a', s[i:j]})
			i = j
		case strings.HasPrefix(s[i:], "!=") || strings.HasPrefix(s[i:], "<=") || strings.HasPrefix(s[i:], ">=") || strings.HasPrefix(s[i:], "=="):
			toks = append(toks, token{'<', s[i : i+2]})
			i += 2
		default:
			toks = append(toks, token{c, string(c)})
			i++
		}
	}
	if len(toks) == 0 {
		return nil, errors.New("the condition is empty")
	}
	return toks, nil
}

// isLetter reports an ASCII letter or _, which start a word.
func isLetter(c byte) bool { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// parser reads tokens in order.
type parser struct {
	toks []token
	pos  int
}

func (p *parser) done() bool { return p.pos >= len(p.toks) }

func (p *parser) peek() token {
	if p.done() {
		return token{}
	}
	return p.toks[p.pos]
}

// word takes the next token if it is the word w, in any case.
func (p *parser) word(w string) bool {
	if t := p.peek(); t.kind == 'a' && strings.EqualFold(t.text, w) {
		p.pos++
		return true
	}
	return false
}

// punct takes the next token if it is the punctuation c.
func (p *parser) punct(c byte) bool {
	if t := p.peek(); t.kind == c {
		p.pos++
		return true
	}
	return false
}

// alternatives reads terms joined by or, each perhaps in brackets.
func (p *parser) alternatives() ([]term, error) {
	var terms []term
	for {
		if p.punct('(') {
			inner, err := p.alternatives()
			if err != nil {
				return nil, err
			}
			if !p.punct(')') {
				return nil, p.unexpected()
			}
			terms = append(terms, inner...)
		} else {
			t, err := p.term()
			if err != nil {
				return nil, err
			}
			terms = append(terms, t)
		}
		if !p.word("or") {
			return terms, nil
		}
	}
}

// term reads ${q} = value, or selected(${q}, value).
func (p *parser) term() (term, error) {
	if p.word("selected") {
		if !p.punct('(') {
			return term{}, p.unexpected()
		}
		q, ok := p.question()
		if !ok || !p.punct(',') {
			return term{}, p.unexpected()
		}
		v, ok := p.literal()
		if !ok || !p.punct(')') {
			return term{}, p.unexpected()
		}
		return term{q, v}, nil
	}
	q, ok := p.question()
	if !ok {
		return term{}, p.unexpected()
	}
	if !p.punct('=') {
		if t := p.peek(); t.kind == '<' && t.text == "==" {
			p.pos++
		} else {
			return term{}, p.unexpected()
		}
	}
	v, ok := p.literal()
	if !ok {
		return term{}, p.unexpected()
	}
	return term{q, v}, nil
}

func (p *parser) question() (string, bool) {
	if t := p.peek(); t.kind == '$' {
		p.pos++
		return t.text, true
	}
	return "", false
}

// literal reads 'text', a number, or true() / false().
func (p *parser) literal() (literal, bool) {
	t := p.peek()
	switch {
	case t.kind == '\'':
		p.pos++
		return literal{text: t.text, quoted: true}, true
	case t.kind == '0':
		p.pos++
		return literal{text: t.text}, true
	case t.kind == 'a' && (strings.EqualFold(t.text, "true") || strings.EqualFold(t.text, "false")):
		p.pos++
		if p.punct('(') && !p.punct(')') {
			return literal{}, false
		}
		return literal{text: strings.ToLower(t.text), call: true}, true
	}
	return literal{}, false
}

// unexpected explains the token the parser stopped at.
func (p *parser) unexpected() error {
	t := p.peek()
	var what string
	switch {
	case p.done():
		what = "the condition stops too soon"
	case t.kind == 'a' && strings.EqualFold(t.text, "and"):
		what = "Chorus conditions cannot use and"
	case t.kind == 'a' && strings.EqualFold(t.text, "not"):
		what = "Chorus conditions cannot use not"
	case t.kind == '<' && t.text == "!=":
		what = "Chorus conditions cannot use !="
	case t.kind == 'a' || strings.IndexByte("<>+*/|", t.kind) >= 0:
		what = fmt.Sprintf("Chorus conditions cannot use %s", t.text)
	case t.kind == '$':
		what = fmt.Sprintf("${%s} is not where it should be", t.text)
	case t.kind == '\'':
		what = fmt.Sprintf("'%s' is not where it should be", t.text)
	default:
		what = fmt.Sprintf("%q is not where it should be", t.text)
	}
	return fmt.Errorf("%s: %s", what, acceptedConditions)
}

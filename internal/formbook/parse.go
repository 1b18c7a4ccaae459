package formbook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

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

// alternatives reads terms joined by or or and, each perhaps in
// brackets, and the words that join them.
func (p *parser) alternatives() ([]term, []string, error) {
	var terms []term
	var joins []string
	for {
		if p.punct('(') {
			inner, innerJoins, err := p.alternatives()
			if err != nil {
				return nil, nil, err
			}
			if !p.punct(')') {
				return nil, nil, p.unexpected()
			}
			terms, joins = append(terms, inner...), append(joins, innerJoins...)
		} else {
			t, err := p.term()
			if err != nil {
				return nil, nil, err
			}
			terms = append(terms, t)
		}
		switch {
		case p.word("or"):
			joins = append(joins, "or")
		case p.word("and"):
			joins = append(joins, "and")
		default:
			return terms, joins, nil
		}
	}
}

// term reads ${q} = value, ${q} != value, selected(${q}, value), or
// not() around selected() or =.
func (p *parser) term() (term, error) {
	if p.word("not") {
		if !p.punct('(') {
			return term{}, p.unexpected()
		}
		t, err := p.term()
		if err != nil {
			return term{}, err
		}
		if t.negated || !p.punct(')') {
			return term{}, p.unexpected()
		}
		t.negated = true
		return t, nil
	}
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
		return term{question: q, value: v}, nil
	}
	q, ok := p.question()
	if !ok {
		return term{}, p.unexpected()
	}
	negated := false
	switch t := p.peek(); {
	case t.kind == '=':
		p.pos++
	case t.kind == '<' && t.text == "==":
		p.pos++
	case t.kind == '<' && t.text == "!=":
		p.pos++
		negated = true
	default:
		return term{}, p.unexpected()
	}
	v, ok := p.literal()
	if !ok {
		return term{}, p.unexpected()
	}
	return term{question: q, value: v, negated: negated}, nil
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
	case t.kind == 'a' && (strings.EqualFold(t.text, "and") || strings.EqualFold(t.text, "or") || strings.EqualFold(t.text, "not")):
		what = fmt.Sprintf("%s is not where it should be", t.text)
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

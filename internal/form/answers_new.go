package form

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxOtherLength bounds the text typed for "Other (please specify)".
const MaxOtherLength = 500

// Asked reports whether q is shown to a person with these answers (those
// kept so far, or a response's stored answers): its section's condition
// and its own hold. A question whose condition looks at a question not
// asked is not asked either, since a hidden question's answer is dropped.
func (f *Form) Asked(q *Question, answers map[string]any) bool {
	if s := f.sectionOf[q.ID]; s != nil && s.ShowIf != nil && !s.ShowIf.Holds(answers) {
		return false
	}
	return q.ShowIf == nil || q.ShowIf.Holds(answers)
}

// SectionShown reports whether a section is shown with these answers.
func (s *Section) SectionShown(answers map[string]any) bool {
	return s.ShowIf == nil || s.ShowIf.Holds(answers)
}

// Holds reports whether the condition holds for these answers.
func (c *Condition) Holds(answers map[string]any) bool {
	got, ok := answers[c.Question]
	if c.Answered != nil {
		return ok == *c.Answered
	}
	if !ok {
		return false
	}
	var have []string
	switch g := got.(type) {
	case []string:
		have = g
	default:
		k, _ := conditionKey(g)
		have = []string{k}
	}
	match := func(values []any) bool {
		for _, w := range values {
			wk, _ := conditionKey(w)
			for _, h := range have {
				if h == wk {
					return true
				}
			}
		}
		return false
	}
	switch {
	case c.NotEquals != nil:
		return !match([]any{c.NotEquals})
	case len(c.NoneOf) > 0:
		return !match(c.NoneOf)
	case c.Equals != nil:
		return match([]any{c.Equals})
	}
	return match(c.AnyOf)
}

// CountWords counts the words of a text as the web app does: runs of
// characters other than white space (Unicode's, and U+FEFF).
func CountWords(s string) int {
	return len(strings.FieldsFunc(s, isWordSpace))
}

func isWordSpace(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }

// chosen reports whether a choice answer holds the value.
func chosen(answer any, value string) bool {
	switch a := answer.(type) {
	case string:
		return a == value
	case []string:
		for _, v := range a {
			if v == value {
				return true
			}
		}
	}
	return false
}

// checkOther checks the text typed for the option that asks to specify.
func (q *Question) checkOther(raw any, o *Option) (string, string) {
	s, ok := raw.(string)
	if !ok || strings.TrimSpace(s) == "" {
		return "", fmt.Sprintf("You chose “%s” for “%s”: say what it is.", o.Label, q.Label)
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, isForbiddenControl) {
		return "", fmt.Sprintf("What you wrote for “%s” contains characters that cannot be stored. Remove them and try again.", o.Label)
	}
	if n := utf8.RuneCountInString(s); n > MaxOtherLength {
		return "", fmt.Sprintf("What you wrote for “%s” must be %d characters or fewer (it has %d).", o.Label, MaxOtherLength, n)
	}
	return s, ""
}

// checkGrid checks a grid's answer: an object of statement ids to option
// values; every statement when the grid is required.
func (q *Question) checkGrid(raw any) (any, string) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Sprintf("Choose an answer for each line of “%s”.", q.Label)
	}
	out := make(map[string]string, len(m))
	for id, v := range m {
		s, ok := v.(string)
		if q.Statement(id) == nil || !ok || !q.hasOption(s) {
			return nil, fmt.Sprintf("Choose one of the answers given for each line of “%s”.", q.Label)
		}
		out[id] = s
	}
	if q.Required && len(out) < len(q.Statements) {
		return nil, fmt.Sprintf("Choose an answer for each line of “%s”.", q.Label)
	}
	return out, ""
}

// checkRanking checks a ranking's answer: every option once, first choice
// first.
func (q *Question) checkRanking(raw any) (any, string) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Sprintf("Put the answers to “%s” in order.", q.Label)
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok || !q.hasOption(s) || seen[s] {
			return nil, fmt.Sprintf("Put each answer to “%s” in order once.", q.Label)
		}
		seen[s] = true
		out = append(out, s)
	}
	if len(out) != len(q.Options) {
		return nil, fmt.Sprintf("Put all %d answers to “%s” in order.", len(q.Options), q.Label)
	}
	return out, ""
}

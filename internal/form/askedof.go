package form

import "strings"

// AskedOf says in words whom q is asked of, from its section's condition
// and its own ("Asked of people who answered ‘Yes’ to ‘Q6 Do you pay a
// contribution?’"), for the Summary sheet and the officers' results; ""
// when it is asked of everyone.
func (f *Form) AskedOf(q *Question) string {
	var clauses []string
	if s := f.sectionOf[q.ID]; s != nil && s.ShowIf != nil {
		clauses = append(clauses, f.conditionWords(s.ShowIf))
	}
	if q.ShowIf != nil {
		clauses = append(clauses, f.conditionWords(q.ShowIf))
	}
	if len(clauses) == 0 {
		return ""
	}
	return "Asked of people who " + strings.Join(clauses, ", and who ") + "."
}

// conditionWords says a condition as the end of "people who …".
func (f *Form) conditionWords(c *Condition) string {
	about := c.Question
	var on *Question
	if on = f.Question(c.Question); on != nil {
		about = f.ColumnTitle(on)
	}
	quoted := "‘" + about + "’"
	multiple := on != nil && on.Type == TypeMultipleChoice
	switch {
	case c.Answered != nil && *c.Answered:
		return "answered " + quoted
	case c.Answered != nil:
		return "did not answer " + quoted
	case c.NotEquals != nil:
		if multiple {
			return "answered " + quoted + " without choosing " + valueWords(on, []any{c.NotEquals}, " or ")
		}
		return "answered " + quoted + " with anything but " + valueWords(on, []any{c.NotEquals}, " or ")
	case len(c.NoneOf) > 0:
		if multiple {
			return "answered " + quoted + " choosing none of " + valueWords(on, c.NoneOf, ", ")
		}
		return "answered " + quoted + " with anything but " + valueWords(on, c.NoneOf, " or ")
	}
	values := c.AnyOf
	if c.Equals != nil {
		values = []any{c.Equals}
	}
	if multiple {
		return "chose " + valueWords(on, values, " or ") + " in " + quoted
	}
	return "answered " + valueWords(on, values, " or ") + " to " + quoted
}

// valueWords names answers of q as a person saw them: an option's label,
// Yes or No, or the value as written; each in quotes.
func valueWords(q *Question, values []any, sep string) string {
	words := make([]string, len(values))
	for i, v := range values {
		k, _ := conditionKey(v)
		w := k
		switch {
		case q != nil && (q.Type == TypeYesNo || q.Type == TypeConsent) && k == "true":
			w = "Yes"
		case q != nil && (q.Type == TypeYesNo || q.Type == TypeConsent) && k == "false":
			w = "No"
		case q != nil && q.Option(k) != nil:
			w = q.Option(k).Label
		}
		words[i] = "‘" + w + "’"
	}
	return strings.Join(words, sep)
}

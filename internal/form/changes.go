package form

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// Drop is an answer people have given that a new version would no longer
// ask for: a question removed or changed in type, or an option removed.
type Drop struct {
	Question string `json:"question"`
	Message  string `json:"message"`
}

// Drops lists what publishing next in place of prev would stop asking.
// Answers already given are kept, under the version they were given on;
// the officer is shown this list before publishing.
func Drops(prev, next *Form) []Drop {
	var out []Drop
	for _, q := range prev.Questions() {
		if !q.TakesAnswer() {
			continue
		}
		n := next.Question(q.ID)
		switch {
		case n == nil:
			out = append(out, Drop{q.ID, fmt.Sprintf("“%s” is no longer asked.", q.Label)})
		case n.Type != q.Type:
			out = append(out, Drop{q.ID, fmt.Sprintf("“%s” changes from %s to %s: answers given before will not match it.", q.Label, q.Type, n.Type)})
		default:
			for _, o := range q.Options {
				if n.Option(o.Value) == nil {
					out = append(out, Drop{q.ID, fmt.Sprintf("“%s” no longer offers “%s” (%s).", q.Label, o.Label, o.Value)})
				}
			}
		}
	}
	return out
}

// SameRules reports whether next differs from prev only in its words
// (titles, labels, hints, easy read, pictures, messages, translations),
// its dates and
// its version: the changes an officer may make to a live form without an
// upload. It says what else changed when something did.
func SameRules(prev, next *Form) error {
	a, b := rulesOf(prev), rulesOf(next)
	if reflect.DeepEqual(a, b) {
		return nil
	}
	switch {
	case len(a.Sections) != len(b.Sections):
		return fmt.Errorf("the number of sections changed")
	case a.ID != b.ID:
		return fmt.Errorf("the form id changed")
	case a.Kind != b.Kind || a.Audience != b.Audience:
		return fmt.Errorf("the kind or audience changed")
	}
	for i := range a.Sections {
		sa, sb := a.Sections[i], b.Sections[i]
		if len(sa.Questions) != len(sb.Questions) {
			return fmt.Errorf("section %d gained or lost questions", i+1)
		}
		for j := range sa.Questions {
			if !reflect.DeepEqual(sa.Questions[j], sb.Questions[j]) {
				return fmt.Errorf("question %s changed more than its words", sa.Questions[j].ID)
			}
		}
	}
	return fmt.Errorf("the form changed more than its words and dates")
}

// rulesOf is a copy of f with every word, date and the version blanked.
func rulesOf(f *Form) Form {
	raw, _ := json.Marshal(f)
	var c Form
	_ = json.Unmarshal(raw, &c)
	c.Version, c.Title, c.Opens, c.Closes = "", "", "", ""
	c.Introduction, c.PrivacyNotice, c.EasyReadIntroduction, c.EasyReadPrivacyNotice = "", "", "", ""
	c.Language, c.Translations = "", nil // words, in other languages
	for i := range c.Sections {
		s := &c.Sections[i]
		s.Title, s.EasyRead = "", ""
		for j := range s.Questions {
			q := &s.Questions[j]
			q.Label, q.Hint, q.EasyRead, q.EasyReadHint, q.Icon = "", "", "", "", ""
			q.PatternMessage, q.EasyReadPatternMessage, q.ShortLabel, q.Body = "", "", "", ""
			for k := range q.Statements {
				q.Statements[k].Label, q.Statements[k].EasyRead = "", ""
			}
			for k := range q.Options {
				o := &q.Options[k]
				o.Label, o.EasyRead, o.Icon = "", "", ""
			}
		}
	}
	return c
}

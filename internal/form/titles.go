package form

import (
	"fmt"
	"strconv"
	"strings"
)

// Number is a question's number as people see it ("Q7") when the form is
// numbered: questions that take an answer are numbered in form order,
// whether or not a person is asked them. "" otherwise.
func (f *Form) Number(q *Question) string {
	if !f.Numbering || !takesAnswer(q.Type) {
		return ""
	}
	n := 0
	for _, x := range f.order {
		if takesAnswer(x.Type) {
			n++
		}
		if x == q || x.ID == q.ID {
			return "Q" + strconv.Itoa(n)
		}
	}
	return ""
}

// ColumnTitle names a question in exports and results so that it cannot be
// mistaken for another: its short label when it has one; else its number
// and label, with its section's title before the label when another
// question has the same label ("Q7 Proposal 2 — To what extent…").
func (f *Form) ColumnTitle(q *Question) string {
	if q.ShortLabel != "" {
		return q.ShortLabel
	}
	label := q.Label
	if f.labelRepeats(q) {
		if s := f.sectionOf[q.ID]; s != nil && s.Title != "" {
			label = s.Title + " — " + label
		}
	}
	if n := f.Number(q); n != "" {
		return n + " " + label
	}
	return label
}

// StatementTitle names one statement of a grid: "Q5 Aims — Charges should be fair".
func (f *Form) StatementTitle(q *Question, st *Statement) string {
	return f.ColumnTitle(q) + " — " + st.Label
}

// OtherTitle names the text typed for "Other (please specify)".
func (f *Form) OtherTitle(q *Question) string {
	o := q.Specified()
	if o == nil {
		return f.ColumnTitle(q) + " — other"
	}
	return f.ColumnTitle(q) + " — " + o.Label + ": what they wrote"
}

// RankTitle names the rank given to one option of a ranking.
func (f *Form) RankTitle(q *Question, o *Option) string {
	return f.ColumnTitle(q) + " — rank of " + o.Label
}

func (f *Form) labelRepeats(q *Question) bool {
	for _, x := range f.order {
		if x != q && takesAnswer(x.Type) && strings.EqualFold(strings.TrimSpace(x.Label), strings.TrimSpace(q.Label)) {
			return true
		}
	}
	return false
}

// TitleClashes lists questions whose titles in exports and results would
// still be the same as another's (the same label in the same section, or
// in sections of the same title, with no short label): a warning for
// `chorus forms check`, since an officer could read one question's results
// as another's.
func (f *Form) TitleClashes() DefinitionErrors {
	var out DefinitionErrors
	seen := map[string]string{}
	for _, q := range f.order {
		if !takesAnswer(q.Type) {
			continue
		}
		t := strings.ToLower(f.ColumnTitle(q))
		if other, ok := seen[t]; ok {
			out = append(out, DefinitionError{File: f.file, Question: q.ID,
				Message: fmt.Sprintf("has the same title in exports as %s (%q): give one of them a shortLabel, or number the form (numbering: true)", other, f.ColumnTitle(q))})
			continue
		}
		seen[t] = q.ID
	}
	for _, q := range f.order {
		if takesAnswer(q.Type) && q.ShortLabel == "" && f.labelRepeats(q) && !f.Numbering {
			if _, already := clashFor(out, q.ID); !already {
				out = append(out, DefinitionError{File: f.file, Question: q.ID,
					Message: fmt.Sprintf("shares its label %q with another question: exports tell them apart by section; a shortLabel would say it better", q.Label)})
			}
		}
	}
	return out
}

func clashFor(errs DefinitionErrors, id string) (DefinitionError, bool) {
	for _, e := range errs {
		if e.Question == id {
			return e, true
		}
	}
	return DefinitionError{}, false
}

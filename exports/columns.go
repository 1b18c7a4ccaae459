package exports

import (
	"slices"

	"chorus/internal/form"
)

// question is one question as it appears across all versions of a form:
// the newest definition, every option any version offered, and the
// versions it appears in.
type question struct {
	*form.Question
	Section  string        // title of its section in the newest version holding it
	Options  []form.Option // options of every version, newest labels first
	Versions []string
}

// option returns the option with the given value, or nil.
func (q *question) option(v string) *form.Option {
	for i := range q.Options {
		if q.Options[i].Value == v {
			return &q.Options[i]
		}
	}
	return nil
}

// mergeQuestions lists every question that takes an answer in any version,
// in form order: the current version's order, with a question that a later
// version removed placed after the question it followed when it existed.
// A question's columns therefore never disappear, and answers are never lost.
func mergeQuestions(versions []*form.Form) []*question {
	var order []string
	byID := map[string]*question{}
	for i := len(versions) - 1; i >= 0; i-- {
		f := versions[i]
		prev := -1 // position in order of the last question of f seen
		for _, fq := range f.Questions() {
			if !fq.TakesAnswer() {
				continue
			}
			q := byID[fq.ID]
			if q == nil {
				section := ""
				if s := f.Section(fq.ID); s != nil {
					section = s.Title
				}
				q = &question{Question: fq, Section: section}
				byID[fq.ID] = q
				order = slices.Insert(order, prev+1, fq.ID)
				prev++
			} else {
				prev = slices.Index(order, fq.ID)
			}
			q.Versions = append(q.Versions, f.Version)
			for _, o := range fq.Options {
				if q.option(o.Value) == nil {
					q.Options = append(q.Options, o)
				}
			}
		}
	}
	out := make([]*question, len(order))
	for i, id := range order {
		q := byID[id]
		slices.Reverse(q.Versions) // oldest first
		out[i] = q
	}
	return out
}

// summarised reports whether the Summary sheet counts the question's answers.
func summarised(q *question) bool {
	switch q.Type {
	case form.TypeSingleChoice, form.TypeMultipleChoice, form.TypeRating, form.TypeYesNo, form.TypeConsent:
		return true
	}
	return false
}

// columnName returns the spreadsheet name of the 1-based column n: A, Z, AA…
func columnName(n int) string {
	var b []byte
	for n > 0 {
		n--
		b = append([]byte{byte('A' + n%26)}, b...)
		n /= 26
	}
	return string(b)
}

package form

import "slices"

// Merged is one question as it appears across all versions of a form: the
// newest definition, every option and grid statement any version offered,
// the versions it appears in, and the title of its section.
type Merged struct {
	*Question
	// Form is the newest version holding the question: its titles in
	// exports and results are that version's.
	Form       *Form
	Section    string      // title of its section in the newest version holding it
	Options    []Option    // options of every version, newest labels first
	Statements []Statement // a grid's statements of every version, newest labels first
	Versions   []string    // oldest first
	// Conditional is true when, in some version, the question or its
	// section is asked only when a condition holds (showIf).
	Conditional bool
}

// Option returns the option with the given value from any version, or nil.
func (q *Merged) Option(v string) *Option {
	for i := range q.Options {
		if q.Options[i].Value == v {
			return &q.Options[i]
		}
	}
	return nil
}

// Title names the question in exports and results: Form.ColumnTitle.
func (q *Merged) Title() string { return q.Form.ColumnTitle(q.Question) }

// Merge lists every question that takes an answer in any of the versions
// (oldest first), in form order: the newest version's order, with a
// question that a later version removed placed after the question it
// followed when it existed. A removed question's answers therefore keep
// their place in exports and results.
func Merge(versions []*Form) []*Merged {
	var order []string
	byID := map[string]*Merged{}
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
				q = &Merged{Question: fq, Form: f, Section: section}
				byID[fq.ID] = q
				order = slices.Insert(order, prev+1, fq.ID)
				prev++
			} else {
				prev = slices.Index(order, fq.ID)
			}
			q.Versions = append(q.Versions, f.Version)
			for _, o := range fq.Options {
				if q.Option(o.Value) == nil {
					q.Options = append(q.Options, o)
				}
			}
			for _, st := range fq.Statements {
				if !slices.ContainsFunc(q.Statements, func(x Statement) bool { return x.ID == st.ID }) {
					q.Statements = append(q.Statements, st)
				}
			}
			if fq.ShowIf != nil || (f.sectionOf[fq.ID] != nil && f.sectionOf[fq.ID].ShowIf != nil) {
				q.Conditional = true
			}
		}
	}
	out := make([]*Merged, len(order))
	for i, id := range order {
		q := byID[id]
		slices.Reverse(q.Versions)
		out[i] = q
	}
	return out
}

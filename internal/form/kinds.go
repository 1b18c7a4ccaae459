package form

import (
	"fmt"
	"strings"
)

// checkNewKinds checks what grids, rankings, guidance, word limits and
// "Other (please specify)" options need.
func (q *Question) checkNewKinds() []string {
	var msgs []string
	bad := func(format string, args ...any) { msgs = append(msgs, fmt.Sprintf(format, args...)) }

	specify := 0
	for _, o := range q.Options {
		if o.Specify {
			specify++
		}
	}
	switch {
	case specify > 0 && q.Type != TypeSingleChoice && q.Type != TypeMultipleChoice:
		bad("specify (Other, please specify) applies only to singleChoice and multipleChoice options")
	case specify > 1:
		bad("only one option can ask the person to specify")
	}

	if q.Type == TypeGrid {
		if len(q.Statements) == 0 {
			bad("a grid needs statements")
		}
		seen := map[string]bool{}
		for i, st := range q.Statements {
			switch {
			case st.ID == "":
				bad("statement %d has no id", i+1)
			case !questionIDPattern.MatchString(st.ID):
				bad("statement %q: an id starts with a letter and holds only letters, digits and underscores", st.ID)
			case seen[st.ID]:
				bad("statement id %q is used twice", st.ID)
			}
			seen[st.ID] = true
			if strings.TrimSpace(st.Label) == "" {
				bad("statement %d has no label", i+1)
			}
		}
	} else if len(q.Statements) > 0 {
		bad("statements apply only to grid questions")
	}
	if q.Type == TypeRanking && len(q.Options) < 2 {
		bad("a ranking needs at least two options to put in order")
	}

	if q.MaxWords < 0 {
		bad("maxWords cannot be negative")
	} else if q.MaxWords > 0 && q.Type != TypeShortText && q.Type != TypeLongText {
		bad("maxWords applies only to shortText and longText questions")
	}

	if q.Type == TypeGuidance {
		if strings.TrimSpace(q.Body) == "" {
			bad("guidance needs a body: the text to show")
		}
		for _, p := range GuidanceProblems(q.Body) {
			bad("body: %s", p)
		}
	} else if q.Body != "" {
		bad("body applies only to guidance")
	}
	return msgs
}

// Specified returns the option of q that asks the person to specify, or nil.
func (q *Question) Specified() *Option {
	for i := range q.Options {
		if q.Options[i].Specify {
			return &q.Options[i]
		}
	}
	return nil
}

// Statement returns the grid statement with the given id, or nil.
func (q *Question) Statement(id string) *Statement {
	for i := range q.Statements {
		if q.Statements[i].ID == id {
			return &q.Statements[i]
		}
	}
	return nil
}

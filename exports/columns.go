package exports

import (
	"slices"
	"strings"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// question is a question merged across a form's versions.
type question = form.Merged

// mergeQuestions lists every question of every version in form order.
func mergeQuestions(versions []*form.Form) []*question { return form.Merge(versions) }

// summarised reports whether the Summary sheet counts the question's answers.
func summarised(q *question) bool { return form.Counted(q.Type) }

// column is one column of a sheet: its header, width, and how a response
// fills it. q says which question it shows, and which part of it: one
// option of a multiple choice (1/0) or of a ranking (its rank), one
// statement of a grid, or the text written for "Other (please specify)".
type column struct {
	header    string
	width     float64
	value     func(r *chorus.Response) any
	q         *question
	part      string // "", partChosen, partRank, partStatement or partOther
	option    string // the option of partChosen and partRank
	statement *form.Statement
}

// Parts of a question that a column can show.
const (
	partChosen    = "chosen"
	partRank      = "rank"
	partStatement = "statement"
	partOther     = "other"
)

// responseColumns are the Responses sheet's columns: the metadata, then the
// columns of each question in form order across all versions, then the
// review.
func (req *Request) responseColumns(qs []*question) []column {
	cols := req.metaColumns()
	if c := req.sentByColumn(); c != nil {
		cols = append(cols, *c)
	}
	if c := req.languageColumn(); c != nil {
		cols = append(cols, *c)
	}
	for _, q := range qs {
		cols = append(cols, req.questionColumns(q)...)
	}
	return uniqueHeaders(append(cols, reviewColumns()...))
}

// questionColumns are the columns of one question, titled so that none can
// be mistaken for another's (form.Form.ColumnTitle): a grid has one per
// statement (its answer); a ranking one per option (its rank, 1 = first);
// any other question one with its answer, then for "Other (please
// specify)" one with the text written, then for a multiple choice a 1/0
// column per option.
func (req *Request) questionColumns(q *question) []column {
	f, title := q.Form, q.Title()
	switch q.Type {
	case form.TypeGrid:
		var cols []column
		for _, st := range q.Statements {
			cols = append(cols, column{header: f.StatementTitle(q.Question, &st), width: 18, q: q, part: partStatement, statement: &st,
				value: func(r *chorus.Response) any {
					v, ok := form.GridAnswer(r.Answers[q.ID])[st.ID]
					if !ok {
						return nil
					}
					return req.answerValue(q, v)
				}})
		}
		return cols
	case form.TypeRanking:
		var cols []column
		for _, o := range q.Options {
			cols = append(cols, column{header: f.RankTitle(q.Question, &o), width: 10, q: q, part: partRank, option: o.Value,
				value: func(r *chorus.Response) any { return rankOf(r.Answers[q.ID], o.Value) }})
		}
		return cols
	}
	cols := []column{{header: title, width: widthFor(q), q: q,
		value: func(r *chorus.Response) any { return req.answerValue(q, r.Answers[q.ID]) }}}
	if specified(q) != nil {
		cols = append(cols, column{header: f.OtherTitle(q.Question), width: 30, q: q, part: partOther,
			value: func(r *chorus.Response) any {
				if s, ok := r.Answers[q.ID+form.OtherSuffix].(string); ok && s != "" {
					return text(s)
				}
				return nil
			}})
	}
	if q.Type == form.TypeMultipleChoice {
		for _, o := range q.Options {
			cols = append(cols, column{header: title + ": " + o.Label, width: 10, q: q, part: partChosen, option: o.Value,
				value: func(r *chorus.Response) any { return chose(r.Answers[q.ID], o.Value) }})
		}
	}
	return cols
}

// rankOf is the place a ranking answer gave an option (1 = first), or nil.
func rankOf(v any, option string) any {
	order, _ := v.([]string)
	if i := slices.Index(order, option); i >= 0 {
		return int64(i + 1)
	}
	return nil
}

// uniqueHeaders makes every header differ from every other (ignoring
// case), which titles do unless a form has clashing titles (form.Form.
// TitleClashes warns of them): a header seen before gets its question's id.
func uniqueHeaders(cols []column) []column {
	seen := map[string]bool{}
	for i := range cols {
		c := &cols[i]
		if seen[strings.ToLower(c.header)] && c.q != nil {
			id := c.q.ID
			switch {
			case c.statement != nil:
				id = form.StatementKey(c.q.ID, c.statement.ID)
			case c.option != "":
				id += ": " + c.option
			case c.part == partOther:
				id += form.OtherSuffix
			}
			c.header += " [" + id + "]"
		}
		seen[strings.ToLower(c.header)] = true
	}
	return cols
}

// widthFor is a column width that suits the question's answers.
func widthFor(q *question) float64 {
	switch q.Type {
	case form.TypeLongText:
		return 60
	case form.TypeShortText, form.TypeMultipleChoice, form.TypeService, form.TypeEmail:
		return 30
	case form.TypeNumber, form.TypeYesNo, form.TypeConsent:
		return 10
	case form.TypeDate:
		return 13
	}
	return 18
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

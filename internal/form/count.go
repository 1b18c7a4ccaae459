package form

import (
	"strconv"

	"chorus/internal/chorus"
)

// NoAnswer is the key under which results count a question left unanswered.
const NoAnswer = ""

// Counted reports whether results count the answers of questions of type t
// per option: choice, yes/no, consent and rating questions, each statement
// of a grid, and the places given in a ranking.
func Counted(t string) bool {
	switch t {
	case TypeSingleChoice, TypeMultipleChoice, TypeRating, TypeYesNo, TypeConsent, TypeGrid, TypeRanking:
		return true
	}
	return false
}

// CountKeys returns the keys that an answer counts under in results: the
// option's value, each chosen option of a multiple choice (or ranked
// option of a ranking), "true" or "false", or NoAnswer. The exported
// Summary sheet and the officers' results both count with it, so that
// their numbers agree.
func CountKeys(answer any) []string {
	switch v := answer.(type) {
	case string:
		return []string{v}
	case bool:
		return []string{strconv.FormatBool(v)}
	case []string:
		if len(v) == 0 {
			return []string{NoAnswer}
		}
		return v
	}
	return []string{NoAnswer}
}

// StatementKey is the tally key of one statement of a grid:
// "QUESTION:STATEMENT" (ids hold neither dots nor $).
func StatementKey(questionID, statementID string) string { return questionID + ":" + statementID }

// PlaceKey is the tally key that counts which option a ranking put in
// place n (1 = first): "QUESTION#n".
func PlaceKey(questionID string, n int) string { return questionID + "#" + strconv.Itoa(n) }

// Count calls add once for every (tally key, answer key) that one response
// counts under for the question q, merged across versions; v is the
// version the response was filled on (nil if unknown). Every counted unit
// (the question; each statement of a grid) counts chorus.TallySeen, then
// chorus.TallyAsked when v asked it (Asked) or it was answered anyway,
// then its answer's keys (CountKeys; NoAnswer for none). A ranking also
// counts, under PlaceKey(q, n), the option put in place n. The intake's
// tallies and the exported Summary sheet both count with it, so that the
// officers' results and the Summary agree.
func Count(v *Form, q *Merged, answers map[string]any, add func(key, answer string)) {
	var vq *Question
	if v != nil {
		vq = v.Question(q.ID)
	}
	asked := vq != nil && v.Asked(vq, answers)
	if q.Type == TypeGrid {
		grid := GridAnswer(answers[q.ID])
		for _, st := range q.Statements {
			key := StatementKey(q.ID, st.ID)
			got, ok := grid[st.ID]
			add(key, chorus.TallySeen)
			if ok || (asked && vq.Statement(st.ID) != nil) {
				add(key, chorus.TallyAsked)
			}
			if !ok {
				got = NoAnswer
			}
			add(key, got)
		}
		return
	}
	answer := answers[q.ID]
	keys := CountKeys(answer)
	add(q.ID, chorus.TallySeen)
	if asked || keys[0] != NoAnswer {
		add(q.ID, chorus.TallyAsked)
	}
	for _, k := range keys {
		add(q.ID, k)
	}
	if q.Type == TypeRanking {
		order, _ := answer.([]string)
		for i, o := range order {
			add(PlaceKey(q.ID, i+1), o)
		}
	}
}

// GridAnswer reads a grid's answer, statement id → option value, as the
// stores give it back (map[string]string) or as JSON decodes it; nil for
// none.
func GridAnswer(v any) map[string]string {
	switch m := v.(type) {
	case map[string]string:
		return m
	case map[string]any:
		out := make(map[string]string, len(m))
		for k, x := range m {
			if s, ok := x.(string); ok {
				out[k] = s
			}
		}
		return out
	}
	return nil
}

// ResultDims names the questions that results and exports filter by: the
// date (a visit's date; "" means the day received) and the service.
func (f *Form) ResultDims() (dateQuestion, serviceQuestion string) {
	if f.Visit != nil {
		return f.Visit.Date, f.Visit.Service
	}
	for _, q := range f.Questions() {
		if q.Type == TypeService {
			return "", q.ID
		}
	}
	return "", ""
}

package form

import "strconv"

// NoAnswer is the key under which results count a question left unanswered.
const NoAnswer = ""

// Counted reports whether results count the answers of questions of type t
// per option: choice, yes/no, consent and rating questions.
func Counted(t string) bool {
	switch t {
	case TypeSingleChoice, TypeMultipleChoice, TypeRating, TypeYesNo, TypeConsent:
		return true
	}
	return false
}

// CountKeys returns the keys that an answer counts under in results: the
// option's value, each chosen option of a multiple choice, "true" or
// "false", or NoAnswer. The exported Summary sheet and the officers'
// results both count with it, so that their numbers agree.
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

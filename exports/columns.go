package exports

import "chorus/internal/form"

// question is a question merged across a form's versions.
type question = form.Merged

// mergeQuestions lists every question of every version in form order.
func mergeQuestions(versions []*form.Form) []*question { return form.Merge(versions) }

// summarised reports whether the Summary sheet counts the question's answers.
func summarised(q *question) bool { return form.Counted(q.Type) }

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

package form

import (
	"fmt"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"chorus/internal/chorus"
)

// Env is what the answer rules need to know of the world outside the form.
type Env struct {
	// Today is the date, in the service's time zone, that "today" means.
	Today string
	// ServiceExists reports whether a service id is in the register.
	ServiceExists func(id string) bool
}

// Default length limits, applied when a definition sets none, so that every
// text answer has a bound the app can show.
const (
	DefaultShortTextLength = 500
	DefaultLongTextLength  = 10000
	maxEmailLength         = 254
	maxPhoneLength         = 30
)

var (
	emailPattern = regexp.MustCompile(`^[^\s@]+@[^\s@]+\.[^\s@]+$`)
	phonePattern = regexp.MustCompile(`^\+?[0-9 ()-]+$`)
)

// CheckAnswers applies the form's rules to answers, as the authority. It
// returns the answers to store (hidden questions' answers dropped, numbers
// as int64 or float64, multiple choices as []string) and one problem for
// each question whose answer breaks a rule, in form order.
func (f *Form) CheckAnswers(answers map[string]any, env Env) (map[string]any, []chorus.Problem) {
	var problems []chorus.Problem
	var unknown []string
	for id := range answers {
		if q := f.byID[strings.TrimSuffix(id, OtherSuffix)]; q != nil && strings.HasSuffix(id, OtherSuffix) && q.Specified() != nil {
			continue
		}
		if q := f.byID[id]; q == nil || !takesAnswer(q.Type) {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		problems = append(problems, chorus.Problem{Question: id, Message: "This form has no question with this id. The form may have changed: check you are using its latest version."})
	}

	clean := make(map[string]any, len(answers))
	for _, q := range f.order {
		if !takesAnswer(q.Type) || !f.Asked(q, clean) {
			continue
		}
		raw := answers[q.ID]
		if isEmpty(q, raw) {
			if q.Required {
				problems = append(problems, chorus.Problem{Question: q.ID, Message: q.requiredMessage()})
			}
			continue
		}
		v, msg := q.checkValue(raw, env)
		if msg != "" {
			problems = append(problems, chorus.Problem{Question: q.ID, Message: msg})
			continue
		}
		clean[q.ID] = v
		if o := q.Specified(); o != nil && chosen(v, o.Value) {
			text, msg := q.checkOther(answers[q.ID+OtherSuffix], o)
			if msg != "" {
				problems = append(problems, chorus.Problem{Question: q.ID, Message: msg})
				continue
			}
			clean[q.ID+OtherSuffix] = text
		}
	}
	return clean, problems
}

// isEmpty reports whether raw counts as no answer: null, blank text, an
// empty list, or an unticked consent box.
func isEmpty(q *Question, raw any) bool {
	switch v := raw.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		return len(v) == 0
	case map[string]any:
		return len(v) == 0
	case bool:
		return q.Type == TypeConsent && !v
	}
	return false
}

func (q *Question) requiredMessage() string {
	switch q.Type {
	case TypeSingleChoice, TypeMultipleChoice, TypeRating, TypeYesNo, TypeService:
		return fmt.Sprintf("Choose an answer for “%s”.", q.Label)
	case TypeGrid:
		return fmt.Sprintf("Choose an answer for each line of “%s”.", q.Label)
	case TypeRanking:
		return fmt.Sprintf("Put the answers to “%s” in order.", q.Label)
	case TypeConsent:
		return fmt.Sprintf("Tick the box to say “%s”.", q.Label)
	}
	return fmt.Sprintf("Answer “%s”.", q.Label)
}

// checkValue checks a non-empty answer against q's type and rules and
// returns the value to store, or a message saying what is wrong.
func (q *Question) checkValue(raw any, env Env) (any, string) {
	switch q.Type {
	case TypeShortText, TypeLongText, TypeEmail, TypePhone:
		return q.checkText(raw)
	case TypeNumber:
		return q.checkNumber(raw)
	case TypeDate:
		return q.checkDate(raw, env)
	case TypeSingleChoice, TypeRating:
		s, ok := raw.(string)
		if !ok || !q.hasOption(s) {
			return nil, fmt.Sprintf("Choose one of the answers given for “%s”.", q.Label)
		}
		return s, ""
	case TypeMultipleChoice:
		return q.checkMultiple(raw)
	case TypeGrid:
		return q.checkGrid(raw)
	case TypeRanking:
		return q.checkRanking(raw)
	case TypeYesNo:
		b, ok := raw.(bool)
		if !ok {
			return nil, fmt.Sprintf("Answer yes or no to “%s”.", q.Label)
		}
		return b, ""
	case TypeConsent:
		if b, ok := raw.(bool); !ok || !b {
			return nil, fmt.Sprintf("Tick the box to say “%s”.", q.Label)
		}
		return true, ""
	case TypeService:
		s, ok := raw.(string)
		if !ok || env.ServiceExists == nil || !env.ServiceExists(s) {
			return nil, fmt.Sprintf("Choose a service from the list for “%s”.", q.Label)
		}
		return s, ""
	}
	return nil, fmt.Sprintf("“%s” takes no answer.", q.Label)
}

func (q *Question) checkText(raw any) (any, string) {
	s, ok := raw.(string)
	if !ok {
		return nil, fmt.Sprintf("The answer to “%s” must be text.", q.Label)
	}
	if !utf8.ValidString(s) || strings.ContainsFunc(s, isForbiddenControl) {
		return nil, fmt.Sprintf("The answer to “%s” contains characters that cannot be stored. Remove them and try again.", q.Label)
	}
	if q.Type == TypeEmail || q.Type == TypePhone {
		s = strings.TrimSpace(s)
	}
	if n, max := utf8.RuneCountInString(s), q.maxLength(); n > max {
		return nil, fmt.Sprintf("The answer to “%s” must be %d characters or fewer (it has %d).", q.Label, max, n)
	}
	if n := CountWords(s); q.MaxWords > 0 && n > q.MaxWords {
		return nil, fmt.Sprintf("The answer to “%s” must be %d words or fewer (it has %d).", q.Label, q.MaxWords, n)
	}
	switch q.Type {
	case TypeEmail:
		if !emailPattern.MatchString(s) {
			return nil, fmt.Sprintf("Enter an email address in the right format, like name@example.com, for “%s”.", q.Label)
		}
	case TypePhone:
		if digits := countDigits(s); !phonePattern.MatchString(s) || digits < 7 || digits > 15 {
			return nil, fmt.Sprintf("Enter a phone number, like 01632 960 001 or +44 7700 900 982, for “%s”.", q.Label)
		}
	}
	if q.re != nil && !q.re.MatchString(s) {
		if q.PatternMessage != "" {
			return nil, q.PatternMessage
		}
		return nil, fmt.Sprintf("The answer to “%s” is not in the right format.", q.Label)
	}
	return s, ""
}

// maxLength returns the length limit of a text answer, in characters
// (Unicode code points, as the web app counts them).
func (q *Question) maxLength() int {
	switch {
	case q.MaxLength > 0:
		return q.MaxLength
	case q.Type == TypeLongText:
		return DefaultLongTextLength
	case q.Type == TypeEmail:
		return maxEmailLength
	case q.Type == TypePhone:
		return maxPhoneLength
	}
	return DefaultShortTextLength
}

func (q *Question) checkNumber(raw any) (any, string) {
	var f float64
	switch v := raw.(type) {
	case fmt.Stringer: // json.Number
		var err error
		if f, err = strconv.ParseFloat(v.String(), 64); err != nil {
			return nil, fmt.Sprintf("The answer to “%s” must be a number.", q.Label)
		}
	case float64:
		f = v
	case int:
		f = float64(v)
	default:
		return nil, fmt.Sprintf("The answer to “%s” must be a number.", q.Label)
	}
	if math.IsInf(f, 0) || math.IsNaN(f) || math.Abs(f) > 1e15 {
		return nil, fmt.Sprintf("The answer to “%s” is too large.", q.Label)
	}
	if q.Integer && f != math.Trunc(f) {
		return nil, fmt.Sprintf("The answer to “%s” must be a whole number.", q.Label)
	}
	if q.Min != nil && f < *q.Min {
		return nil, fmt.Sprintf("The answer to “%s” must be %s or more.", q.Label, fmtNum(*q.Min))
	}
	if q.Max != nil && f > *q.Max {
		return nil, fmt.Sprintf("The answer to “%s” must be %s or less.", q.Label, fmtNum(*q.Max))
	}
	if f == math.Trunc(f) {
		return int64(f), ""
	}
	return f, ""
}

func (q *Question) checkDate(raw any, env Env) (any, string) {
	s, ok := raw.(string)
	if !ok {
		return nil, fmt.Sprintf("The answer to “%s” must be a date.", q.Label)
	}
	if _, err := time.Parse(time.DateOnly, s); err != nil || len(s) != 10 {
		return nil, fmt.Sprintf("The answer to “%s” must be a real date, written as YYYY-MM-DD.", q.Label)
	}
	// Dates written YYYY-MM-DD compare as strings.
	if min := resolveDate(q.MinDate, env); min != "" && s < min {
		return nil, fmt.Sprintf("The date for “%s” must be on or after %s.", q.Label, min)
	}
	if max := resolveDate(q.MaxDate, env); max != "" && s > max {
		if q.MaxDate == "today" {
			return nil, fmt.Sprintf("The date for “%s” must be today or in the past.", q.Label)
		}
		return nil, fmt.Sprintf("The date for “%s” must be on or before %s.", q.Label, max)
	}
	return s, ""
}

func (q *Question) checkMultiple(raw any) (any, string) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Sprintf("Choose from the answers given for “%s”.", q.Label)
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, ok := item.(string)
		if !ok || !q.hasOption(s) || seen[s] {
			return nil, fmt.Sprintf("Choose from the answers given for “%s”, each once.", q.Label)
		}
		seen[s] = true
		out = append(out, s)
	}
	n := float64(len(out))
	if q.Min != nil && n < *q.Min {
		return nil, fmt.Sprintf("Choose at least %s answers for “%s”.", fmtNum(*q.Min), q.Label)
	}
	if q.Max != nil && n > *q.Max {
		return nil, fmt.Sprintf("Choose no more than %s answers for “%s”.", fmtNum(*q.Max), q.Label)
	}
	return out, ""
}

func resolveDate(d string, env Env) string {
	if d == "today" {
		return env.Today
	}
	return d
}

// isForbiddenControl reports control characters other than tab and line
// breaks, which have no place in an answer and break some spreadsheets.
func isForbiddenControl(r rune) bool {
	return unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t'
}

func countDigits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// compilePattern compiles a definition's pattern so that it must match the
// whole answer, as the web app does with new RegExp("^(?:" + p + ")$", "u").
func compilePattern(p string) (*regexp.Regexp, error) {
	return regexp.Compile(`^(?:` + p + `)$`)
}

package reports

import (
	"context"
	"time"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
)

// OptionResult is how many responses gave one answer, and their share.
type OptionResult = exports.OptionCount

// QuestionResult is what results show of one counted question, or of one
// statement of a grid: the same block as the Summary sheet's.
type QuestionResult = exports.Block

// Results are a form's counted answers for some filters: the same numbers
// as the Summary sheet of an export with those filters.
type Results struct {
	FormID    string           `json:"formId"`
	Title     string           `json:"title"`
	Filters   []string         `json:"filters"`
	Responses int64            `json:"responses"`
	Questions []QuestionResult `json:"questions"`
	// Languages counts the responses by the language they were filled in
	// (by code), for a form with translations; nil for others.
	Languages map[string]int64 `json:"languages,omitempty"`
}

// Results counts a form's answers from the tallies kept at intake: it
// reads a few small documents per day, never the responses.
func (s *Service) Results(ctx context.Context, formID, from, to, service string) (*Results, error) {
	versions, err := s.Forms.History(formID)
	if err != nil {
		return nil, err
	}
	cur := versions[len(versions)-1]
	filter, err := exports.NewFilter(cur, from, to, service, s.Location)
	if err != nil {
		return nil, err
	}
	// Tallies are kept by the visit date or by the day received (in the
	// configured time zone), as the filters are.
	var tallies []chorus.Tally
	if s.Tallies != nil {
		tallies = s.Tallies(formID, from, to, service)
	} else if tallies, err = s.Store.Tallies(ctx, formID, from, to, service); err != nil {
		return nil, err
	}
	r := Summarise(versions, tallies)
	names := map[string]string{}
	if service != "" {
		if n, err := s.Store.ServiceNames(ctx); err == nil {
			names = n
		}
	}
	r.Filters = filter.Describe(func(id string) string { return names[id] })
	return r, nil
}

// Summarise adds up tallies into results, in form order across all
// versions, worked out as the Summary sheet works them out (exports.Blocks).
func Summarise(versions []*form.Form, tallies []chorus.Tally) *Results {
	cur := versions[len(versions)-1]
	r := &Results{FormID: cur.ID, Title: cur.Title}
	counts := map[string]map[string]int64{}
	for _, t := range tallies {
		r.Responses += t.N
		for q, keys := range t.Counts {
			if counts[q] == nil {
				counts[q] = map[string]int64{}
			}
			for k, n := range keys {
				counts[q][k] += n
			}
		}
	}
	r.Questions = exports.Blocks(form.Merge(versions), counts, r.Responses, false)
	if r.Questions == nil {
		r.Questions = []QuestionResult{}
	}
	if exports.Translated(versions) {
		r.Languages = languages(counts[chorus.TallyLanguage], r.Responses, cur.MainLanguage())
	}
	return r
}

// languages counts responses by language from the tallies' counts of
// them: responses counted before Chorus counted languages (so before the
// form had translations) are in its main language.
func languages(counts map[string]int64, total int64, main string) map[string]int64 {
	out := map[string]int64{}
	var known int64
	for code, n := range counts {
		if n > 0 {
			out[code] = n
			known += n
		}
	}
	if total > known {
		out[main] += total - known
	}
	return out
}

// Since is the first day of the last n days, today included, in the
// service's time zone.
func (s *Service) Since(now time.Time, n int) string {
	return now.In(s.Location).AddDate(0, 0, -(n - 1)).Format(time.DateOnly)
}

package reports

import (
	"context"
	"slices"
	"time"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
)

// OptionResult is how many responses gave one answer.
type OptionResult struct {
	Value  string  `json:"value"`
	Label  string  `json:"label"`
	Colour string  `json:"colour,omitempty"`
	Count  int64   `json:"count"`
	Share  float64 `json:"share"`
}

// QuestionResult is the count of every answer to one question, "no answer"
// last.
type QuestionResult struct {
	ID       string         `json:"id"`
	Label    string         `json:"label"`
	Type     string         `json:"type"`
	Section  string         `json:"section,omitempty"`
	Multiple bool           `json:"multiple,omitempty"`
	Options  []OptionResult `json:"options"`
}

// Results are a form's counted answers for some filters: the same numbers
// as the Summary sheet of an export with those filters.
type Results struct {
	FormID    string           `json:"formId"`
	Title     string           `json:"title"`
	Filters   []string         `json:"filters"`
	Responses int64            `json:"responses"`
	Questions []QuestionResult `json:"questions"`
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

// Summarise adds up tallies into results, in form order across all versions.
func Summarise(versions []*form.Form, tallies []chorus.Tally) *Results {
	cur := versions[len(versions)-1]
	r := &Results{FormID: cur.ID, Title: cur.Title, Questions: []QuestionResult{}}
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
	share := func(n int64) float64 {
		if r.Responses == 0 {
			return 0
		}
		return float64(n) / float64(r.Responses)
	}
	for _, q := range form.Merge(versions) {
		if !form.Counted(q.Type) {
			continue
		}
		qr := QuestionResult{ID: q.ID, Label: q.Label, Type: q.Type, Section: q.Section, Multiple: q.Type == form.TypeMultipleChoice}
		known := map[string]bool{form.NoAnswer: true, chorus.TallySeen: true}
		add := func(value, label, colour string) {
			known[value] = true
			n := counts[q.ID][value]
			qr.Options = append(qr.Options, OptionResult{value, label, colour, n, share(n)})
		}
		if q.Type == form.TypeYesNo || q.Type == form.TypeConsent {
			add("true", "Yes", "")
			add("false", "No", "")
		}
		for _, o := range q.Options {
			add(o.Value, o.Label, o.Colour)
		}
		var unknown []string
		for k := range counts[q.ID] {
			if !known[k] {
				unknown = append(unknown, k)
			}
		}
		slices.Sort(unknown)
		for _, k := range unknown {
			add(k, k, "")
		}
		// A response filed before the question existed counts as no answer.
		none := counts[q.ID][form.NoAnswer] + r.Responses - counts[q.ID][chorus.TallySeen]
		qr.Options = append(qr.Options, OptionResult{Value: form.NoAnswer, Label: "No answer", Count: none, Share: share(none)})
		r.Questions = append(r.Questions, qr)
	}
	return r
}

// Since is the first day of the last n days, today included, in the
// service's time zone.
func (s *Service) Since(now time.Time, n int) string {
	return now.In(s.Location).AddDate(0, 0, -(n - 1)).Format(time.DateOnly)
}

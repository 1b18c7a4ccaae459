package exports

import (
	"cmp"
	"slices"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// Block is what the Summary sheet and the officers' results show of one
// counted question, or of one statement of a grid: its title, whom it was
// asked of, and its answers counted. Both are worked out by Blocks from
// counts kept by form.Count, so that they agree.
type Block struct {
	ID        string `json:"id"`                  // the question's id
	Statement string `json:"statement,omitempty"` // a grid statement's id
	Title     string `json:"title"`               // Form.ColumnTitle, or StatementTitle
	Label     string `json:"label"`               // the question's full label
	Type      string `json:"type"`
	Section   string `json:"section,omitempty"`
	Multiple  bool   `json:"multiple,omitempty"`
	// Conditional is true for a question asked only when a condition (its
	// own or its section's) held; AskedOf says whom in words.
	Conditional bool   `json:"conditional,omitempty"`
	AskedOf     string `json:"askedOf,omitempty"`
	// Responses counted; those asked the question (or that answered it
	// anyway); those that answered; those asked that did not answer; those
	// not asked (a condition did not hold, or their form version did not
	// have the question).
	Responses int64 `json:"responses"`
	Asked     int64 `json:"asked"`
	Answered  int64 `json:"answered"`
	NoAnswer  int64 `json:"noAnswer"`
	NotAsked  int64 `json:"notAsked"`
	// Base is what the shares are of: every response for a question asked
	// of everyone (whose Options end with "No answer"), else those that
	// answered.
	Base int64 `json:"base"`
	// Options are the answers with their counts and shares (none for a
	// ranking).
	Options []OptionCount `json:"options"`
	// Ranks are a ranking's options, by mean rank (1 = first).
	Ranks []RankCount `json:"ranks,omitempty"`
	// Other titles the column of the Responses sheet holding the texts
	// written for "Other (please specify)", when the question has one.
	Other string `json:"other,omitempty"`
}

// OptionCount is how many responses gave one answer, and their share of
// the block's base.
type OptionCount struct {
	Value  string  `json:"value"`
	Label  string  `json:"label"`
	Colour string  `json:"colour,omitempty"`
	Count  int64   `json:"count"`
	Share  float64 `json:"share"`
}

// RankCount is one option of a ranking: how many ranked it, its mean rank
// among them (1 = first), and how many put it first, with their share of
// those that answered.
type RankCount struct {
	Value      string  `json:"value"`
	Label      string  `json:"label"`
	Ranked     int64   `json:"ranked"`
	MeanRank   float64 `json:"meanRank"`
	First      int64   `json:"first"`
	FirstShare float64 `json:"firstShare"`
}

// NoAnswerLabel names the responses without an answer to a question asked
// of everyone; AskedNoAnswerLabel those asked a question behind a
// condition that did not answer it.
const (
	NoAnswerLabel      = "No answer"
	AskedNoAnswerLabel = "No answer (asked, did not answer)"
)

// Blocks works out the blocks of the counted questions (form.Counted)
// from counts: tally key → answer key → responses, as form.Count counts
// them, over total responses. With codes, answers are named by their
// codes rather than their labels.
func Blocks(qs []*form.Merged, counts map[string]map[string]int64, total int64, codes bool) []Block {
	var out []Block
	for _, q := range qs {
		if !form.Counted(q.Type) {
			continue
		}
		base := Block{ID: q.ID, Title: q.Title(), Label: q.Label, Type: q.Type, Section: q.Section,
			Multiple: q.Type == form.TypeMultipleChoice, Conditional: q.Conditional, Responses: total}
		if q.Conditional {
			base.AskedOf = q.Form.AskedOf(q.Question)
			if base.AskedOf == "" {
				base.AskedOf = "Asked of some people only: an earlier version of the form asked it when a condition held."
			}
		}
		if specified(q) != nil {
			base.Other = q.Form.OtherTitle(q.Question)
		}
		switch q.Type {
		case form.TypeGrid:
			for _, st := range q.Statements {
				b := base
				b.Statement, b.Title, b.Label = st.ID, q.Form.StatementTitle(q.Question, &st), q.Label+" — "+st.Label
				out = append(out, b.counted(q, counts[form.StatementKey(q.ID, st.ID)], codes))
			}
		case form.TypeRanking:
			b := base.counted(q, counts[q.ID], codes)
			b.Options, b.Ranks = []OptionCount{}, ranks(q, counts, b.Answered, codes)
			out = append(out, b)
		default:
			out = append(out, base.counted(q, counts[q.ID], codes))
		}
	}
	return out
}

// counted fills a block's bases and answers from the counts of one tally key.
func (b Block) counted(q *form.Merged, c map[string]int64, codes bool) Block {
	none := c[form.NoAnswer] + b.Responses - c[chorus.TallySeen]
	b.Answered = b.Responses - none
	// Tallies kept before "asked" was counted have none: read them as
	// asked of those that answered.
	b.Asked = max(c[chorus.TallyAsked], b.Answered)
	b.NoAnswer, b.NotAsked = b.Asked-b.Answered, b.Responses-b.Asked
	b.Base = b.Answered
	if !b.Conditional {
		b.Base = b.Responses
	}
	share := func(n int64) float64 {
		if b.Base == 0 {
			return 0
		}
		return float64(n) / float64(b.Base)
	}
	for _, ch := range choices(q, c, codes) {
		n := c[ch.Value]
		b.Options = append(b.Options, OptionCount{Value: ch.Value, Label: ch.Label, Colour: ch.Colour, Count: n, Share: share(n)})
	}
	if !b.Conditional {
		b.Options = append(b.Options, OptionCount{Value: form.NoAnswer, Label: NoAnswerLabel, Count: none, Share: share(none)})
	}
	return b
}

// choices lists what a counted question can be answered with, followed by
// any value counted that no version offers.
func choices(q *form.Merged, c map[string]int64, codes bool) []OptionCount {
	var out []OptionCount
	known := map[string]bool{form.NoAnswer: true, chorus.TallySeen: true, chorus.TallyAsked: true}
	if q.Type == form.TypeYesNo || q.Type == form.TypeConsent {
		out = []OptionCount{{Value: "true", Label: "Yes"}, {Value: "false", Label: "No"}}
		known["true"], known["false"] = true, true
	}
	for _, o := range q.Options {
		label := o.Label
		if codes {
			label = o.Value
		}
		out = append(out, OptionCount{Value: o.Value, Label: label, Colour: o.Colour})
		known[o.Value] = true
	}
	var unknown []string
	for k := range c {
		if !known[k] {
			unknown = append(unknown, k)
		}
	}
	slices.Sort(unknown)
	for _, k := range unknown {
		out = append(out, OptionCount{Value: k, Label: k})
	}
	return out
}

// ranks works out a ranking's mean ranks and first places, best first.
func ranks(q *form.Merged, counts map[string]map[string]int64, answered int64, codes bool) []RankCount {
	var out []RankCount
	for _, ch := range choices(q, counts[q.ID], codes) {
		r := RankCount{Value: ch.Value, Label: ch.Label, Ranked: counts[q.ID][ch.Value]}
		sum := int64(0)
		for place := 1; place <= len(q.Options); place++ {
			sum += int64(place) * counts[form.PlaceKey(q.ID, place)][ch.Value]
		}
		r.First = counts[form.PlaceKey(q.ID, 1)][ch.Value]
		if r.Ranked > 0 {
			r.MeanRank = float64(sum) / float64(r.Ranked)
		}
		if answered > 0 {
			r.FirstShare = float64(r.First) / float64(answered)
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b RankCount) int {
		switch {
		case a.Ranked == 0 || b.Ranked == 0:
			return cmp.Compare(b.Ranked, a.Ranked) // options nobody ranked last
		}
		return cmp.Compare(a.MeanRank, b.MeanRank)
	})
	return out
}

// specified returns the "Other (please specify)" option of any version.
func specified(q *form.Merged) *form.Option {
	for i := range q.Options {
		if q.Options[i].Specify {
			return &q.Options[i]
		}
	}
	return nil
}

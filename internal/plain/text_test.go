package plain_test

import (
	"reflect"
	"testing"

	"chorus/internal/plain"
)

func TestSentences(t *testing.T) {
	for text, want := range map[string][]string{
		"": nil,
		"Do not write names. We use your answers to make care services better. We keep your answers for 6 years.": {
			"Do not write names.", "We use your answers to make care services better.", "We keep your answers for 6 years."},
		"Green - good":                                  {"Green - good"}, // an option: no full stop, one sentence
		"Dr. Smith will call. She is kind.":             {"Dr. Smith will call.", "She is kind."},
		"Choose e.g. one or two. Then stop.":            {"Choose e.g. one or two.", "Then stop."},
		"Bring e.g. Tea. Then stop.":                    {"Bring e.g. Tea.", "Then stop."},
		"It costs £2.50 a week. See example.org today.": {"It costs £2.50 a week.", "See example.org today."},
		"Really?! Yes.":                                 {"Really?!", "Yes."},
		`He said "stop." Then he left.`:                 {`He said "stop."`, "Then he left."},
		"Wait... then go.":                              {"Wait... then go."},
		"J. R. Smith wrote it.":                         {"J. R. Smith wrote it."},
		"What is most important? Choose up to 3.":       {"What is most important?", "Choose up to 3."},
		"Do you agree?\n\n...":                          {"Do you agree?"},
		// A guidance body's Markdown: headings, list items and paragraphs
		// end sentences; a wrapped line does not; marks and addresses go.
		"## How charges work\nRead **the proposals**\n[online](https://example.org/proposals).\n\n- First item\n- Second item\n1. Third": {
			"How charges work", "Read the proposals online.", "First item", "Second item", "Third"},
	} {
		if got := plain.Sentences(text); !reflect.DeepEqual(got, want) {
			t.Errorf("Sentences(%q) =\n %q, want\n %q", text, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	for text, want := range map[string][]string{
		"Don't use long-term co-production, 1,000 times (2.5%)!":    {"Don't", "use", "long-term", "co-production", "1,000", "times", "2.5"},
		"Email chorus@example.org or see https://example.org/x now": {"Email", "or", "see", "now"},
		"‘Quoted’ words — and anyone’s":                             {"Quoted", "words", "and", "anyone’s"},
		"Green: good":                                               {"Green", "good"},
	} {
		if got := plain.Words(text); !reflect.DeepEqual(got, want) {
			t.Errorf("Words(%q) = %q, want %q", text, got, want)
		}
	}
}

package reports

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

const resultsForm = `
id: r
version: "1"
title: R
kind: consultation
audience: public
numbering: true
sections:
  - title: You
    questions:
      - {id: pays, type: yesNo, label: "Do you pay?"}
      - {id: amount, type: singleChoice, label: "How much?", showIf: {question: pays, equals: true}, options: [{value: low, label: Low}, {value: high, label: High}]}
      - {id: order, type: ranking, label: "Order", options: [{value: a, label: A}, {value: b, label: B}]}
`

// Summarise adds up the tallies of several days and services into the
// blocks the Summary sheet shows, as JSON the console reads: titles, whom a
// question was asked of, its bases, and a ranking's ranks.
func TestSummariseAddsUpTallies(t *testing.T) {
	f, errs := form.Parse("r.yaml", []byte(resultsForm), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	day := func(d string, n int64, amount map[string]int64) chorus.Tally {
		return chorus.Tally{FormID: "r", Day: d, N: n, Counts: map[string]map[string]int64{
			"pays":    {chorus.TallySeen: n, chorus.TallyAsked: n, "true": n - 1, "false": 1},
			"amount":  amount,
			"order":   {chorus.TallySeen: n, chorus.TallyAsked: n, "a": 1, "b": 1, form.NoAnswer: n - 1},
			"order#1": {"a": 1},
			"order#2": {"b": 1},
		}}
	}
	r := Summarise([]*form.Form{f}, []chorus.Tally{
		day("2026-01-01", 3, map[string]int64{chorus.TallySeen: 3, chorus.TallyAsked: 2, "low": 1, form.NoAnswer: 2}),
		day("2026-01-02", 2, map[string]int64{chorus.TallySeen: 2, chorus.TallyAsked: 1, "high": 1, form.NoAnswer: 1}),
	})
	if r.Responses != 5 || len(r.Questions) != 3 {
		t.Fatalf("%d responses, %d blocks", r.Responses, len(r.Questions))
	}
	amount := r.Questions[1]
	if amount.Title != "Q2 How much?" || !amount.Conditional || amount.Asked != 3 || amount.Answered != 2 || amount.NoAnswer != 1 || amount.NotAsked != 2 ||
		amount.Options[0].Share != 0.5 || !strings.HasPrefix(amount.AskedOf, "Asked of people who answered ‘Yes’ to ‘Q1 Do you pay?’") {
		t.Errorf("amount: %+v", amount)
	}
	order := r.Questions[2]
	if len(order.Ranks) != 2 || order.Ranks[0].Value != "a" || order.Ranks[0].First != 2 || order.Ranks[0].MeanRank != 1 || order.Ranks[1].MeanRank != 2 {
		t.Errorf("order: %+v", order)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"title":"Q2 How much?"`, `"askedOf":"Asked of people`, `"notAsked":2`, `"options":[]`, `"meanRank":1`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON lacks %s: %s", want, b)
		}
	}
}

// A form with translations has its responses counted by language: those
// counted before languages were (no language key) in its main language.
// A form with none has no languages.
func TestSummariseCountsLanguages(t *testing.T) {
	f, errs := form.Parse("r.yaml", []byte(resultsForm), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tallies := []chorus.Tally{
		{FormID: "r", Day: "2026-01-01", N: 4, Counts: map[string]map[string]int64{chorus.TallyLanguage: {"en": 1, "pl": 2, "ar": 1}}},
		{FormID: "r", Day: "2026-01-02", N: 3, Counts: map[string]map[string]int64{chorus.TallyLanguage: {"pl": 1, "ar": 0}}},
	}
	if r := Summarise([]*form.Form{f}, tallies); r.Languages != nil {
		t.Errorf("a form without translations: languages %v", r.Languages)
	}
	tf, errs := form.Parse("r.yaml", []byte(resultsForm+"translations: {pl: {name: Polski, partial: true}, ar: {name: العربية, partial: true}}\n"), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := Summarise([]*form.Form{f, tf}, tallies)
	want := map[string]int64{"en": 3, "pl": 3, "ar": 1}
	if len(r.Languages) != len(want) || r.Languages["en"] != 3 || r.Languages["pl"] != 3 || r.Languages["ar"] != 1 {
		t.Errorf("languages %v, want %v", r.Languages, want)
	}
	if b, _ := json.Marshal(r); !strings.Contains(string(b), `"languages":{"ar":1,"en":3,"pl":3}`) {
		t.Errorf("JSON: %s", b)
	}
}

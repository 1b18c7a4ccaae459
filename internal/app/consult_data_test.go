package app_test

import (
	"fmt"
	"slices"
)

// The consultation of testdata/forms-consult, answered by consultPeople
// people, each in a way worked out from their number, so that the test
// knows, without asking the server, whom each question was asked of and
// what each person answered.
const (
	consultForm   = "charging"
	consultPeople = 48
	// trickyText holds what a CSV writer can lose: leading and trailing
	// spaces, quotes, commas, a line feed, a CRLF, a lone carriage return,
	// a semicolon and a tab.
	trickyText = " Leading space, \"quoted\", commas\nLF line\r\nCRLF line\rlone CR; semi\ttab end "
)

var (
	consultAs      = []string{"person", "carer", "organisation", "other"}
	consultAsLabel = map[string]string{"person": "A person who uses care", "carer": "A carer", "organisation": "An organisation", "other": "Other (please specify)"}
	consultOrder   = [][]string{{"cost", "choice", "speed"}, {"choice", "cost", "speed"}, {"speed", "cost", "choice"},
		{"cost", "speed", "choice"}, {"choice", "speed", "cost"}, {"speed", "choice", "cost"}}
	consultRankLabel = map[string]string{"cost": "What it costs", "choice": "Choice of carer", "speed": "How soon care starts"}
	agreeLabel       = map[string]string{"yes": "Yes", "no": "No", "unsure": "Not sure"}
	gridLabel        = map[string]string{"agree": "Agree", "neither": "Neither agree nor disagree", "disagree": "Disagree",
		"high": "Very important", "some": "Quite important", "low": "Not important"}
)

// consultAnswers are the answers of person i. Nobody is sent an answer to
// a question they were not asked.
func consultAnswers(i int) map[string]any {
	as := consultAs[i%4]
	a := map[string]any{"respondingAs": as}
	if as == "other" {
		a["respondingAs:other"] = fmt.Sprintf("Advocate %d", i)
		if i == 3 {
			a["respondingAs:other"] = trickyText
		}
	}
	switch i % 3 {
	case 0:
		a["heard"] = []string{"letter"}
	case 1:
		a["heard"] = []string{"web", "elsewhere"}
		a["heard:other"] = fmt.Sprintf("Radio %d", i)
	}
	if (as == "organisation" || as == "other") && i%8 != 7 { // asked; 7, 15, … leave it
		a["orgSize"] = []string{"small", "large"}[i%2]
	}
	if as != "organisation" && i%7 != 0 { // asked; 0, 7, 21, … leave it
		a["pays"] = i%5 < 3
	}
	if a["pays"] == true { // the section Your contribution
		if i%6 != 1 {
			a["amount"] = []string{"low", "mid", "high"}[i%3]
		}
		switch (i / 4) % 3 {
		case 0:
			a["billViews"] = map[string]any{"clear": "agree", "fair": "disagree"}
		case 1:
			a["billViews"] = map[string]any{"clear": "neither"}
		}
	}
	if i%5 != 4 {
		a["agree1"] = []string{"yes", "no", "unsure"}[i%3]
		a["why1"] = fmt.Sprintf("Because of reason %d", i)
	}
	if i%9 != 8 {
		a["agree2"] = []string{"no", "yes", "unsure"}[(i/2)%3]
	}
	levels := []string{"high", "some", "low"}
	a["aims"] = map[string]any{"fairness": levels[i%3], "simplicity": levels[(i/3)%3], "choice": levels[2*(i%2)]}
	if i%7 != 6 {
		a["priorities"] = consultOrder[i%6]
	}
	switch {
	case i == 0:
		a["comments"] = trickyText
	case i%10 == 5:
		a["comments"] = fmt.Sprintf("Thanks, %d", i)
	}
	return a
}

// expected is what a Summary block should say, counted here from what was
// sent: how many were asked and answered, and each answer's count (for a
// ranking, how many put each option first, and the sum of its places).
type expected struct {
	conditional      bool
	asked, answered  int
	counts           map[string]int
	rankSum, ranked  map[string]int
	ranking, several bool
}

// consultExpected counts, block by block (titled as the exports title
// them), what the people sent.
func consultExpected() map[string]*expected {
	out := map[string]*expected{}
	block := func(title string, conditional bool) *expected {
		if out[title] == nil {
			out[title] = &expected{conditional: conditional, counts: map[string]int{}, rankSum: map[string]int{}, ranked: map[string]int{}}
		}
		return out[title]
	}
	choice := func(title string, conditional, asked bool, answer any, label map[string]string) {
		b := block(title, conditional)
		if asked || answer != nil {
			b.asked++
		}
		switch v := answer.(type) {
		case string:
			b.answered++
			b.counts[label[v]]++
		case bool:
			b.answered++
			b.counts[map[bool]string{true: "Yes", false: "No"}[v]]++
		case []string:
			b.answered++
			b.several = true
			for _, x := range v {
				b.counts[label[x]]++
			}
		}
	}
	heardLabel := map[string]string{"letter": "A letter", "web": "The council's website", "elsewhere": "Somewhere else (please say where)"}
	for i := range consultPeople {
		a := consultAnswers(i)
		as := a["respondingAs"].(string)
		inSection := a["pays"] == true
		choice("Q1 Are you responding as", false, true, as, consultAsLabel)
		choice("Q2 How did you hear about this consultation?", false, true, a["heard"], heardLabel)
		choice("Q3 How many people does your organisation support?", true, as == "organisation" || as == "other", a["orgSize"],
			map[string]string{"small": "Fewer than 50", "large": "50 or more"})
		choice("Q4 Do you pay a contribution towards your care?", true, as != "organisation", a["pays"], nil)
		choice("Q5 How much do you pay each week?", true, inSection, a["amount"], map[string]string{"low": "Up to £20", "mid": "£20 to £100", "high": "More than £100"})
		views, _ := a["billViews"].(map[string]any)
		for st, title := range map[string]string{"clear": "Q6 How much do you agree? — My bill is easy to understand", "fair": "Q6 How much do you agree? — What I pay is fair"} {
			choice(title, true, inSection, views[st], gridLabel)
		}
		choice("Agree with proposal 1", false, true, a["agree1"], agreeLabel)
		choice("Q9 Proposal 2 — Do you agree?", false, true, a["agree2"], agreeLabel)
		aims := a["aims"].(map[string]any)
		for st, title := range map[string]string{"fairness": "Q10 How important is each aim? — Charges are fair",
			"simplicity": "Q10 How important is each aim? — Charges are simple", "choice": "Q10 How important is each aim? — People keep choice and control"} {
			choice(title, false, true, aims[st], gridLabel)
		}
		b := block("Q11 Put these in order of importance to you", false)
		b.ranking = true
		b.asked++
		if order, ok := a["priorities"].([]string); ok {
			b.answered++
			b.counts[consultRankLabel[order[0]]]++
			for place, o := range order {
				b.rankSum[consultRankLabel[o]] += place + 1
				b.ranked[consultRankLabel[o]]++
			}
		}
	}
	return out
}

// consultHeaders are some of the Responses sheet's headers, in order, that
// the consultation's questions must have.
var consultHeaders = []string{
	"Q1 Are you responding as",
	"Q1 Are you responding as — Other (please specify): what they wrote",
	"Q2 How did you hear about this consultation?",
	"Q2 How did you hear about this consultation? — Somewhere else (please say where): what they wrote",
	"Q2 How did you hear about this consultation?: A letter",
	"Q3 How many people does your organisation support?",
	"Q4 Do you pay a contribution towards your care?",
	"Q5 How much do you pay each week?",
	"Q6 How much do you agree? — My bill is easy to understand",
	"Q6 How much do you agree? — What I pay is fair",
	"Agree with proposal 1",
	"Q8 Why do you say that?",
	"Q9 Proposal 2 — Do you agree?",
	"Q10 How important is each aim? — Charges are fair",
	"Q10 How important is each aim? — Charges are simple",
	"Q10 How important is each aim? — People keep choice and control",
	"Q11 Put these in order of importance to you — rank of What it costs",
	"Q11 Put these in order of importance to you — rank of Choice of carer",
	"Q11 Put these in order of importance to you — rank of How soon care starts",
	"Q12 Anything else you want to tell us?",
}

// inOrder reports whether want appear in got in the same order.
func inOrder(got, want []string) bool {
	at := 0
	for _, w := range want {
		i := slices.Index(got[at:], w)
		if i < 0 {
			return false
		}
		at += i + 1
	}
	return true
}

package exports_test

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
)

// consultV1 and consultV2: a numbered consultation with Other (please
// specify), a question and a section behind conditions, a grid (v2 adds a
// statement) and a ranking, and a label used twice in one section.
const consultV1 = `id: c
version: "1"
title: Charges
kind: consultation
audience: public
numbering: true
sections:
  - title: You
    questions:
      - {id: as, type: singleChoice, label: "Responding as", options: [{value: me, label: Me}, {value: other, label: "Other (please specify)", specify: true}]}
      - {id: pays, type: yesNo, label: "Do you pay?", showIf: {question: as, notEquals: other}}
  - title: Paying
    showIf: {question: pays, equals: true}
    questions:
      - {id: amount, type: singleChoice, label: "How much?", options: [{value: low, label: Low}, {value: high, label: High}]}
      - {id: bill, type: grid, label: "Your bill", statements: [{id: clear, label: Clear}], options: [{value: "y", label: "Yes"}, {value: "n", label: "No"}]}
  - title: Views
    questions:
      - {id: order, type: ranking, label: "Put in order", options: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}]}
      - {id: why, type: longText, label: "Why?"}
      - {id: why2, type: longText, label: "Why?", shortLabel: "Why, again"}
`

var consultV2 = strings.Replace(strings.Replace(consultV1, `version: "1"`, `version: "2"`, 1),
	`statements: [{id: clear, label: Clear}]`, `statements: [{id: clear, label: Clear}, {id: fair, label: Fair}]`, 1)

// counts counts answers as the intake and the Summary do.
func counts(versions []*form.Form, rs ...*chorus.Response) map[string]map[string]int64 {
	out := map[string]map[string]int64{}
	byVersion := map[string]*form.Form{}
	for _, v := range versions {
		byVersion[v.Version] = v
	}
	for _, q := range form.Merge(versions) {
		if !form.Counted(q.Type) {
			continue
		}
		for _, r := range rs {
			form.Count(byVersion[r.FormVersion], q, r.Answers, func(k, a string) {
				if out[k] == nil {
					out[k] = map[string]int64{}
				}
				out[k][a]++
			})
		}
	}
	return out
}

func consultResponses() []*chorus.Response {
	return []*chorus.Response{
		resp("rrr1", "1", map[string]any{"as": "me", "pays": true, "amount": "low", "bill": map[string]string{"clear": "y"}, "order": []string{"b", "a", "c"}}),
		resp("rrr2", "2", map[string]any{"as": "me", "pays": true, "bill": map[string]string{"clear": "n", "fair": "y"}, "order": []string{"b", "c", "a"}}),
		resp("rrr3", "2", map[string]any{"as": "me", "pays": false, "order": []string{"a", "b", "c"}}),
		resp("rrr4", "2", map[string]any{"as": "other", "as:other": "A neighbour", "why": " spaced, \"quoted\"\r\n"}),
		resp("rrr5", "2", map[string]any{"as": "me"}),
	}
}

func blockOf(t *testing.T, bs []exports.Block, title string) exports.Block {
	t.Helper()
	for _, b := range bs {
		if b.Title == title {
			return b
		}
	}
	t.Fatalf("no block %q", title)
	return exports.Block{}
}

func TestBlocksCountOverThePeopleAsked(t *testing.T) {
	vs := parse(t, consultV1, consultV2)
	bs := exports.Blocks(form.Merge(vs), counts(vs, consultResponses()...), 5, false)

	// Asked of 4 (not r4), answered by 3 (not r5): shares of the 3.
	pays := blockOf(t, bs, "Q2 Do you pay?")
	if !pays.Conditional || pays.Asked != 4 || pays.Answered != 3 || pays.NoAnswer != 1 || pays.NotAsked != 1 || pays.Base != 3 {
		t.Errorf("pays: %+v", pays)
	}
	if pays.AskedOf != "Asked of people who answered ‘Q1 Responding as’ with anything but ‘Other (please specify)’." {
		t.Errorf("pays asked of: %q", pays.AskedOf)
	}
	if len(pays.Options) != 2 || pays.Options[0].Count != 2 || math.Abs(pays.Options[0].Share-2.0/3) > 1e-12 {
		t.Errorf("pays options (no \"No answer\" among them): %+v", pays.Options)
	}
	// The section's condition: asked of the 2 who pay, answered by 1.
	amount := blockOf(t, bs, "Q3 How much?")
	if amount.Asked != 2 || amount.Answered != 1 || amount.NotAsked != 3 || amount.Options[0].Share != 1 ||
		amount.AskedOf != "Asked of people who answered ‘Yes’ to ‘Q2 Do you pay?’." {
		t.Errorf("amount: %+v", amount)
	}
	// A question asked of everyone keeps "No answer" among its answers,
	// with shares of every response; Other's text is not an answer.
	as := blockOf(t, bs, "Q1 Responding as")
	if as.Conditional || as.Base != 5 || len(as.Options) != 3 || as.Options[2].Label != "No answer" || as.Options[1].Count != 1 ||
		as.Other != "Q1 Responding as — Other (please specify): what they wrote" {
		t.Errorf("as: %+v", as)
	}
	// Each statement of the grid is a block; v1 did not ask "Fair".
	clear, fair := blockOf(t, bs, "Q4 Your bill — Clear"), blockOf(t, bs, "Q4 Your bill — Fair")
	if clear.Statement != "clear" || clear.Asked != 2 || clear.Answered != 2 || fair.Asked != 1 || fair.Answered != 1 || fair.NotAsked != 4 {
		t.Errorf("grid: clear %+v\nfair %+v", clear, fair)
	}
	// The ranking: B first twice, A once; mean ranks B 4/3, A 2, C 8/3.
	order := blockOf(t, bs, "Q5 Put in order")
	if len(order.Ranks) != 3 || order.Answered != 3 || len(order.Options) != 0 {
		t.Fatalf("ranking: %+v", order)
	}
	want := []exports.RankCount{{Value: "b", Label: "B", Ranked: 3, MeanRank: 4.0 / 3, First: 2, FirstShare: 2.0 / 3},
		{Value: "a", Label: "A", Ranked: 3, MeanRank: 2, First: 1, FirstShare: 1.0 / 3},
		{Value: "c", Label: "C", Ranked: 3, MeanRank: 8.0 / 3, First: 0, FirstShare: 0}}
	for i, w := range want {
		g := order.Ranks[i]
		if g.Value != w.Value || g.Ranked != w.Ranked || g.First != w.First || math.Abs(g.MeanRank-w.MeanRank) > 1e-12 || math.Abs(g.FirstShare-w.FirstShare) > 1e-12 {
			t.Errorf("rank %d: %+v, want %+v", i, g, w)
		}
	}
}

// Tallies kept before "asked" was counted have no asked key: a question
// behind a condition is then read as asked of those that answered.
func TestBlocksReadTalliesWithoutAsked(t *testing.T) {
	vs := parse(t, consultV2)
	c := map[string]map[string]int64{"pays": {chorus.TallySeen: 5, "true": 2, "false": 1, form.NoAnswer: 2}}
	pays := blockOf(t, exports.Blocks(form.Merge(vs), c, 6, false), "Q2 Do you pay?")
	if pays.Answered != 3 || pays.Asked != 3 || pays.NoAnswer != 0 || pays.NotAsked != 3 {
		t.Errorf("pays: %+v", pays)
	}
}

func TestConsultationWorkbookLayout(t *testing.T) {
	vs := parse(t, consultV1, consultV2)
	var buf bytes.Buffer
	if _, err := exports.WriteResponses(&buf, exports.Request{Versions: vs}, seq(consultResponses()...)); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	rows, _ := f.GetRows("Responses")
	head := strings.Join(rows[0][6:len(rows[0])-2], "|")
	want := "Q1 Responding as|Q1 Responding as — Other (please specify): what they wrote|Q2 Do you pay?|Q3 How much?|" +
		"Q4 Your bill — Clear|Q4 Your bill — Fair|Q5 Put in order — rank of A|Q5 Put in order — rank of B|Q5 Put in order — rank of C|" +
		"Q6 Views — Why?|Why, again"
	if head != want {
		t.Fatalf("headers:\n got %s\nwant %s", head, want)
	}
	if got := strings.Join(rows[1][6:15], "|"); got != "Me||Yes|Low|Yes||2|1|3" {
		t.Errorf("r1: %s", got)
	}
	if got := strings.Join(rows[4][6:8], "|"); got != "Other (please specify)|A neighbour" {
		t.Errorf("r4: %s", got)
	}

	sum, _ := f.GetRows("Summary")
	joined := flatten(sum)
	for _, w := range []string{
		"Q2 Do you pay?\nAsked of people who answered ‘Q1 Responding as’ with anything but ‘Other (please specify)’. Asked: 4 of 5 responses; answered: 3. Shares are of the 3 who answered.\nAnswer|Responses|Share of those who answered\nYes|2|66.7%\nNo|1|33.3%\nNo answer (asked, did not answer)|1\nNot asked|1\nAsked|4\nAnswered|3\n",
		"Q4 Your bill — Fair\n",
		"Q5 Put in order\nAnswer|Ranked first|Share ranked first|Mean rank (1 = first)\nB|2|66.7%|1.33\nA|1|33.3%|2.00\nC|0|0.0%|2.67\nNo answer|2\nAnswered|3\n",
		"What people wrote for “Other” is in the column “Q1 Responding as — Other (please specify): what they wrote” of the Responses sheet.",
	} {
		if !strings.Contains(joined, w) {
			t.Errorf("Summary lacks %q:\n%s", w, joined)
		}
	}
	if n := countParts(t, buf.Bytes(), "xl/charts/chart"); n != 6 { // as, pays, amount, two statements, the ranking
		t.Errorf("%d charts, want 6", n)
	}
	qs, _ := f.GetRows("Questions")
	for _, w := range []string{
		"L|Q4 Your bill — Fair|bill|Q4|Your bill — Fair|Paying|grid statement fair|y = Yes; n = No|1, 2",
		"N|Q5 Put in order — rank of B|order|Q5|Put in order — B|Views|ranking: the place given (1 = first)|b = B|1, 2",
		"H|Q1 Responding as — Other (please specify): what they wrote|as|Q1|Responding as — Other (please specify): the text written|You|text||1, 2",
	} {
		if !strings.Contains(flatten(qs), w) {
			t.Errorf("Questions lacks %q:\n%s", w, flatten(qs))
		}
	}
}

// Titles that would still clash (the same label in one section of a form
// that is not numbered) get the question's id, so no two headers match.
func TestClashingHeadersGetTheirIDs(t *testing.T) {
	src := strings.Replace(consultV2, "numbering: true\n", "", 1)
	src = strings.Replace(src, `shortLabel: "Why, again"`, `easyRead: "Why?"`, 1)
	var buf bytes.Buffer
	if _, err := exports.WriteCSV(&buf, exports.Request{Versions: parse(t, src)}, seq()); err != nil {
		t.Fatal(err)
	}
	if head := buf.String(); !strings.Contains(head, ",Views — Why?,Views — Why? [why2],") {
		t.Errorf("CSV header: %s", head)
	}
}

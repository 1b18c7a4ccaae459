package form

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"chorus/internal/chorus"
)

const countedV1 = `
id: c
version: "1"
title: C
kind: consultation
audience: public
numbering: true
sections:
  - title: You
    questions:
      - {id: as, type: singleChoice, label: "Responding as", options: [{value: me, label: Me}, {value: org, label: A group}, {value: other, label: Other, specify: true}]}
      - {id: heard, type: multipleChoice, label: "Heard from", options: [{value: web, label: Web}, {value: post, label: Post}]}
      - {id: pays, type: yesNo, label: "Do you pay?", showIf: {question: as, notEquals: org}}
      - {id: size, type: number, label: "How many?", showIf: {question: as, noneOf: [me, other]}}
      - {id: web1, type: shortText, label: "Which site?", showIf: {question: heard, equals: web}}
      - {id: post1, type: shortText, label: "Which paper?", showIf: {question: heard, noneOf: [web]}}
      - {id: told, type: shortText, label: "Who told you?", showIf: {question: heard, answered: false}}
  - title: Paying
    showIf: {question: pays, equals: true}
    questions:
      - {id: fair, type: grid, label: "Your bill", showIf: {question: heard, answered: true}, statements: [{id: clear, label: Clear}], options: [{value: "y", label: "Yes"}]}
      - {id: order, type: ranking, label: "Order", options: [{value: a, label: A}, {value: b, label: B}]}
`

func TestAskedOfSaysTheCondition(t *testing.T) {
	f := mustParse(t, countedV1)
	for id, want := range map[string]string{
		"as":    "",
		"pays":  "Asked of people who answered ‘Q1 Responding as’ with anything but ‘A group’.",
		"size":  "Asked of people who answered ‘Q1 Responding as’ with anything but ‘Me’ or ‘Other’.",
		"web1":  "Asked of people who chose ‘Web’ in ‘Q2 Heard from’.",
		"post1": "Asked of people who answered ‘Q2 Heard from’ choosing none of ‘Web’.",
		"told":  "Asked of people who did not answer ‘Q2 Heard from’.",
		"fair":  "Asked of people who answered ‘Yes’ to ‘Q3 Do you pay?’, and who answered ‘Q2 Heard from’.",
		"order": "Asked of people who answered ‘Yes’ to ‘Q3 Do you pay?’.",
	} {
		if got := f.AskedOf(f.Question(id)); got != want {
			t.Errorf("%s:\n got %q\nwant %q", id, got, want)
		}
	}
}

func TestMergeKeepsStatementsAndConditions(t *testing.T) {
	v1 := mustParse(t, countedV1)
	v2 := mustParse(t, strings.NewReplacer(`version: "1"`, `version: "2"`,
		`statements: [{id: clear, label: Clear}]`, `statements: [{id: fair, label: Fair}]`,
		`, showIf: {question: as, notEquals: org}`, ``).Replace(countedV1))
	merged := Merge([]*Form{v1, v2})
	byID := map[string]*Merged{}
	for _, q := range merged {
		byID[q.ID] = q
	}
	grid := byID["fair"]
	if ids := fmt.Sprint(grid.Statements); !strings.Contains(ids, "fair") || !strings.Contains(ids, "clear") || grid.Form != v2 {
		t.Errorf("grid across versions: %+v", grid)
	}
	if !byID["pays"].Conditional || byID["as"].Conditional || !byID["order"].Conditional {
		t.Errorf("conditional: pays %v as %v order %v", byID["pays"].Conditional, byID["as"].Conditional, byID["order"].Conditional)
	}
	if byID["pays"].Title() != "Q3 Do you pay?" {
		t.Errorf("title %q", byID["pays"].Title())
	}
}

func TestCountAgainstTheVersionFilledOn(t *testing.T) {
	f := mustParse(t, countedV1)
	qs := Merge([]*Form{f})
	count := func(answers map[string]any) []string {
		var out []string
		for _, q := range qs {
			if Counted(q.Type) {
				Count(f, q, answers, func(k, a string) {
					out = append(out, k+"="+strings.NewReplacer(chorus.TallySeen, "seen", chorus.TallyAsked, "asked").Replace(a))
				})
			}
		}
		return out
	}
	got := count(map[string]any{"as": "org", "heard": []string{"web", "post"}})
	want := []string{"as=seen", "as=asked", "as=org", "heard=seen", "heard=asked", "heard=web", "heard=post",
		"pays=seen", "pays=", "fair:clear=seen", "fair:clear=", "order=seen", "order="}
	if !slices.Equal(got, want) {
		t.Errorf("an organisation:\n got %q\nwant %q", got, want)
	}
	got = count(map[string]any{"as": "me", "heard": []string{"web"}, "pays": true,
		"fair": map[string]string{"clear": "y"}, "order": []string{"b", "a"}})
	want = []string{"as=seen", "as=asked", "as=me", "heard=seen", "heard=asked", "heard=web",
		"pays=seen", "pays=asked", "pays=true", "fair:clear=seen", "fair:clear=asked", "fair:clear=y",
		"order=seen", "order=asked", "order=b", "order=a", "order#1=b", "order#2=a"}
	if !slices.Equal(got, want) {
		t.Errorf("a payer:\n got %q\nwant %q", got, want)
	}
	// Asked but not answered; and a version without the question (nil).
	got = count(map[string]any{"as": "me", "pays": true})
	if !slices.Contains(got, "order=asked") || !slices.Contains(got, "order=") || slices.Contains(got, "fair:clear=asked") {
		t.Errorf("asked, not answered: %q", got)
	}
	var none []string
	Count(nil, qs[0], map[string]any{}, func(k, a string) { none = append(none, k+"="+a) })
	if len(none) != 2 || none[1] != "as=" {
		t.Errorf("no version: %q", none)
	}
}

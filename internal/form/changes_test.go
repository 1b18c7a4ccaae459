package form

import (
	"strings"
	"testing"
	"time"
)

func mustParse(t *testing.T, src string) *Form {
	t.Helper()
	f, errs := Parse("test.yaml", []byte(src), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return f
}

const changesBase = `
id: s
version: "1"
title: Survey
kind: survey
audience: public
opens: "2026-01-01"
sections:
  - title: One
    questions:
      - id: a
        type: singleChoice
        label: A?
        options: [{value: x, label: X}, {value: y, label: Y}]
      - {id: b, type: shortText, label: B}
      - {id: n, type: notice, label: Call us}
`

func TestDrops(t *testing.T) {
	prev := mustParse(t, changesBase)
	if d := Drops(prev, prev); len(d) != 0 {
		t.Errorf("a form against itself drops %v", d)
	}
	next := mustParse(t, strings.NewReplacer(
		"{value: y, label: Y}", "{value: z, label: Z}",
		"{id: b, type: shortText, label: B}", "{id: b, type: number, label: B}",
		"      - {id: n, type: notice, label: Call us}\n", "",
	).Replace(changesBase))
	got := Drops(prev, next)
	if len(got) != 2 || got[0].Question != "a" || !strings.Contains(got[0].Message, "“Y”") ||
		got[1].Question != "b" || !strings.Contains(got[1].Message, "shortText to number") {
		t.Errorf("drops = %+v", got)
	}
	gone := mustParse(t, strings.Replace(changesBase, "      - {id: b, type: shortText, label: B}\n", "", 1))
	if got := Drops(prev, gone); len(got) != 1 || got[0].Question != "b" || !strings.Contains(got[0].Message, "no longer asked") {
		t.Errorf("a removed question: %+v", got)
	}
}

func TestSameRules(t *testing.T) {
	prev := mustParse(t, changesBase)
	words := mustParse(t, strings.NewReplacer("title: Survey", "title: Our survey", "label: A?", "label: A really?",
		"label: X}", "label: Ex}", `opens: "2026-01-01"`, `opens: "2026-02-01"`, `version: "1"`, `version: "2"`).Replace(changesBase))
	if err := SameRules(prev, words); err != nil {
		t.Errorf("words and dates changed: %v", err)
	}
	for name, change := range map[string][2]string{
		"an option value": {"value: x,", "value: w,"},
		"a type":          {"type: shortText", "type: longText"},
		"required":        {"{id: b, type: shortText,", "{id: b, required: true, type: shortText,"},
		"an audience":     {"audience: public", "audience: volunteers"},
	} {
		next := mustParse(t, strings.Replace(changesBase, change[0], change[1], 1))
		if err := SameRules(prev, next); err == nil {
			t.Errorf("%s changed, and SameRules saw no change", name)
		}
	}
}

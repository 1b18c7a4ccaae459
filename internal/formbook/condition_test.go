package formbook

import (
	"reflect"
	"strings"
	"testing"

	"chorus/internal/form"
)

// TestConditions reads each kind of relevant cell Chorus takes into the
// values a YAML definition would hold.
func TestConditions(t *testing.T) {
	for _, c := range []struct {
		cell, source string
		question     string
		want         []any
	}{
		{"${colour} = 'red'", form.TypeSingleChoice, "colour", []any{"red"}},
		{`${colour}="red"`, form.TypeSingleChoice, "colour", []any{"red"}},
		{"${colour} = 'red' or ${colour} = 'blue'", form.TypeSingleChoice, "colour", []any{"red", "blue"}},
		{"(${colour} = 'red' OR ${colour} = 'blue')", form.TypeSingleChoice, "colour", []any{"red", "blue"}},
		{"selected(${pets}, 'dog')", form.TypeMultipleChoice, "pets", []any{"dog"}},
		{"selected( ${pets} , 'dog' ) or selected(${pets}, 'cat')", form.TypeMultipleChoice, "pets", []any{"dog", "cat"}},
		{"${size} = 3", form.TypeNumber, "size", []any{3}},
		{"${size} = 2.5", form.TypeNumber, "size", []any{2.5}},
		{"${size} = '3'", form.TypeSingleChoice, "size", []any{"3"}},
		{"${ok} = 'yes'", form.TypeYesNo, "ok", []any{true}},
		{"${ok} = 'No'", form.TypeYesNo, "ok", []any{false}},
		{"${ok} = true()", form.TypeYesNo, "ok", []any{true}},
		{"${ok} = false()", form.TypeYesNo, "ok", []any{false}},
		{"${ok} = 'true'", form.TypeYesNo, "ok", []any{"true"}},
		{"${agreed} = 'yes'", form.TypeConsent, "agreed", []any{true}},
		{"${answer} = 'yes'", form.TypeSingleChoice, "answer", []any{"yes"}},
	} {
		q, lits, err := parseRelevant(c.cell)
		if err != nil {
			t.Errorf("%s: %v", c.cell, err)
			continue
		}
		var got []any
		for _, l := range lits {
			got = append(got, conditionValue(l, c.source))
		}
		if q != c.question || !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %s %#v, want %s %#v", c.cell, q, got, c.question, c.want)
		}
	}
}

// TestConditionsRefused: anything else is refused, saying what is taken.
func TestConditionsRefused(t *testing.T) {
	for cell, want := range map[string]string{
		"${a} = 'x' and ${b} = 'y'":  "cannot use and",
		"not(${a} = 'x')":            "cannot use not",
		"${a} != 'x'":                "cannot use !=",
		"${a} > 3":                   "cannot use >",
		"${a} <= 3":                  "cannot use <=",
		"count-selected(${a}) = 2":   "cannot use count-selected",
		"${a} = 'x' or ${b} = 'y'":   "look at different questions (a and b)",
		"${a} = 'x":                  "quote ' is not closed",
		"$a = 'x'":                   "${name}, with curly brackets",
		"${a} =":                     "stops too soon",
		"${a}":                       "stops too soon",
		"'x' = ${a}":                 "'x' is not where it should be",
		"selected(${a}, 'x') ${b}":   "${b} is not where it should be",
		"${a} = today()":             "cannot use today",
		"${a} = 'x' or":              "stops too soon",
		"   ":                        "empty",
		"${a} = concat('x', 'y')":    "cannot use concat",
		"string-length(${a}) > 3":    "cannot use string-length",
		"${a} = 'x' or ${a} = 'y' )": `")" is not where it should be`,
	} {
		_, _, err := parseRelevant(cell)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", cell, err, want)
		}
	}
}

// TestConditionsWritten: each value type is written so that it reads back
// as the same value.
func TestConditionsWritten(t *testing.T) {
	for _, c := range []struct {
		cond   form.Condition
		source string
		cell   string
	}{
		{form.Condition{Question: "a", Equals: "red"}, form.TypeSingleChoice, "${a} = 'red'"},
		{form.Condition{Question: "a", Equals: "it's"}, form.TypeShortText, `${a} = "it's"`},
		{form.Condition{Question: "a", AnyOf: []any{"x", "y"}}, form.TypeMultipleChoice, "selected(${a}, 'x') or selected(${a}, 'y')"},
		{form.Condition{Question: "a", Equals: true}, form.TypeYesNo, "${a} = 'yes'"},
		{form.Condition{Question: "a", Equals: false}, form.TypeYesNo, "${a} = 'no'"},
		{form.Condition{Question: "a", Equals: "true"}, form.TypeYesNo, "${a} = 'true'"},
		{form.Condition{Question: "a", Equals: 3}, form.TypeNumber, "${a} = 3"},
		{form.Condition{Question: "a", Equals: 2.5}, form.TypeNumber, "${a} = 2.5"},
		{form.Condition{Question: "a", Equals: "3"}, form.TypeSingleChoice, "${a} = '3'"},
		{form.Condition{Question: "a", Equals: true}, form.TypeSingleChoice, "${a} = true()"},
	} {
		cell, err := writeRelevant(&c.cond, c.source)
		if err != nil || cell != c.cell {
			t.Errorf("%+v: %q %v, want %q", c.cond, cell, err, c.cell)
			continue
		}
		q, lits, err := parseRelevant(cell)
		if err != nil || q != c.cond.Question {
			t.Errorf("%s: %v", cell, err)
			continue
		}
		want := c.cond.AnyOf
		if c.cond.Equals != nil {
			want = []any{c.cond.Equals}
		}
		for i, l := range lits {
			if got := conditionValue(l, c.source); !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s: read %#v, want %#v", cell, got, want[i])
			}
		}
	}
	if _, err := writeRelevant(&form.Condition{Question: "a", Equals: `it's "x"`}, form.TypeShortText); err == nil {
		t.Error("a value with both quotes was written")
	}
}

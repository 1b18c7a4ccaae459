package formbook

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"chorus/internal/form"
)

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// TestConditions reads each kind of relevant cell Chorus takes into the
// condition a YAML definition would hold.
func TestConditions(t *testing.T) {
	for _, c := range []struct {
		cell, source string
		want         form.Condition
	}{
		{"${colour} = 'red'", form.TypeSingleChoice, form.Condition{Question: "colour", Equals: "red"}},
		{`${colour}=="red"`, form.TypeSingleChoice, form.Condition{Question: "colour", Equals: "red"}},
		{"${colour} = 'red' or ${colour} = 'blue'", form.TypeSingleChoice, form.Condition{Question: "colour", AnyOf: []any{"red", "blue"}}},
		{"(${colour} = 'red' OR ${colour} = 'blue')", form.TypeSingleChoice, form.Condition{Question: "colour", AnyOf: []any{"red", "blue"}}},
		{"selected(${pets}, 'dog')", form.TypeMultipleChoice, form.Condition{Question: "pets", Equals: "dog"}},
		{"selected( ${pets} , 'dog' ) or selected(${pets}, 'cat')", form.TypeMultipleChoice, form.Condition{Question: "pets", AnyOf: []any{"dog", "cat"}}},
		{"${size} = 3", form.TypeNumber, form.Condition{Question: "size", Equals: 3}},
		{"${size} = 2.5", form.TypeNumber, form.Condition{Question: "size", Equals: 2.5}},
		{"${size} = '3'", form.TypeSingleChoice, form.Condition{Question: "size", Equals: "3"}},
		{"${ok} = 'yes'", form.TypeYesNo, form.Condition{Question: "ok", Equals: true}},
		{"${ok} = 'No'", form.TypeYesNo, form.Condition{Question: "ok", Equals: false}},
		{"${ok} = true()", form.TypeYesNo, form.Condition{Question: "ok", Equals: true}},
		{"${ok} = false()", form.TypeYesNo, form.Condition{Question: "ok", Equals: false}},
		{"${ok} = 'true'", form.TypeYesNo, form.Condition{Question: "ok", Equals: "true"}},
		{"${agreed} = 'yes'", form.TypeConsent, form.Condition{Question: "agreed", Equals: true}},
		{"${answer} = 'yes'", form.TypeSingleChoice, form.Condition{Question: "answer", Equals: "yes"}},
		{"${colour} != 'red'", form.TypeSingleChoice, form.Condition{Question: "colour", NotEquals: "red"}},
		{"${colour} != 'red' and ${colour} != 'blue'", form.TypeSingleChoice, form.Condition{Question: "colour", NoneOf: []any{"red", "blue"}}},
		{"not(selected(${pets}, 'dog'))", form.TypeMultipleChoice, form.Condition{Question: "pets", NotEquals: "dog"}},
		{"not(selected(${pets}, 'dog')) and not(${pets} = 'cat')", form.TypeMultipleChoice, form.Condition{Question: "pets", NoneOf: []any{"dog", "cat"}}},
		{"${ok} != 'no'", form.TypeYesNo, form.Condition{Question: "ok", NotEquals: false}},
		{"${story} != ''", form.TypeLongText, form.Condition{Question: "story", Answered: yes()}},
		{"(${colour} = 'red')", form.TypeSingleChoice, form.Condition{Question: "colour", AnyOf: []any{"red"}}},
		{"(${colour} != 'red')", form.TypeSingleChoice, form.Condition{Question: "colour", NoneOf: []any{"red"}}},
		{"(${colour} = 'red') or (${colour} = 'blue')", form.TypeSingleChoice, form.Condition{Question: "colour", AnyOf: []any{"red", "blue"}}},
		{"(selected(${pets}, 'dog'))", form.TypeMultipleChoice, form.Condition{Question: "pets", AnyOf: []any{"dog"}}},
		{`${story} = ""`, form.TypeLongText, form.Condition{Question: "story", Answered: no()}},
	} {
		r, err := parseRelevant(c.cell)
		if err != nil {
			t.Errorf("%s: %v", c.cell, err)
			continue
		}
		if got := r.condition(c.source); !reflect.DeepEqual(*got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.cell, *got, c.want)
		}
	}
}

// TestConditionsRefused: anything else is refused, saying what is taken.
func TestConditionsRefused(t *testing.T) {
	for cell, want := range map[string]string{
		"${a} = 'x' and ${a} = 'y'":               "and joins != and not() parts",
		"${a} != 'x' or ${a} != 'y'":              "!= and not() parts are joined by and",
		"${a} = 'x' or ${a} = 'y' and ${a} = 'z'": "with or (any of some answers) or with and",
		"not(not(${a} = 'x'))":                    `")" is not where it should be`,
		"not ${a} = 'x'":                          "${a} is not where it should be",
		"${a} > 3":                                "cannot use >",
		"${a} <= 3":                               "cannot use <=",
		"count-selected(${a}) = 2":                "cannot use count-selected",
		"${a} = 'x' or ${b} = 'y'":                "look at different questions (a and b)",
		"${a} != '' and ${a} != 'x'":              "'' (answered or not) stands alone",
		"${a} = 'x":                               "quote ' is not closed",
		"$a = 'x'":                                "${name}, with curly brackets",
		"${a} =":                                  "stops too soon",
		"${a}":                                    "stops too soon",
		"'x' = ${a}":                              "'x' is not where it should be",
		"selected(${a}, 'x') ${b}":                "${b} is not where it should be",
		"${a} = today()":                          "cannot use today",
		"${a} = 'x' or":                           "stops too soon",
		"   ":                                     "empty",
		"${a} = concat('x', 'y')":                 "cannot use concat",
		"string-length(${a}) > 3":                 "cannot use string-length",
		"${a} = 'x' or ${a} = 'y' )":              `")" is not where it should be`,
	} {
		_, err := parseRelevant(cell)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", cell, err, want)
		}
	}
}

// TestConditionsWritten: each condition is written so that it reads back
// as the same condition.
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
		{form.Condition{Question: "a", NotEquals: "x"}, form.TypeSingleChoice, "${a} != 'x'"},
		{form.Condition{Question: "a", NoneOf: []any{"x", 2}}, form.TypeSingleChoice, "${a} != 'x' and ${a} != 2"},
		{form.Condition{Question: "a", NoneOf: []any{"x", "y"}}, form.TypeMultipleChoice, "not(selected(${a}, 'x')) and not(selected(${a}, 'y'))"},
		{form.Condition{Question: "a", Answered: yes()}, form.TypeLongText, "${a} != ''"},
		{form.Condition{Question: "a", Answered: no()}, form.TypeLongText, "${a} = ''"},
		{form.Condition{Question: "a", AnyOf: []any{"x"}}, form.TypeSingleChoice, "(${a} = 'x')"},
		{form.Condition{Question: "a", NoneOf: []any{"x"}}, form.TypeMultipleChoice, "(not(selected(${a}, 'x')))"},
	} {
		cell, err := writeRelevant(&c.cond, c.source)
		if err != nil || cell != c.cell {
			t.Errorf("%+v: %q %v, want %q", c.cond, cell, err, c.cell)
			continue
		}
		r, err := parseRelevant(cell)
		if err != nil {
			t.Errorf("%s: %v", cell, err)
			continue
		}
		if got := r.condition(c.source); !reflect.DeepEqual(*got, c.cond) {
			t.Errorf("%s: read %+v, want %+v", cell, *got, c.cond)
		}
	}
	for _, v := range []any{`it's "x"`, ""} {
		if _, err := writeRelevant(&form.Condition{Question: "a", Equals: v}, form.TypeShortText); err == nil {
			t.Errorf("the value %q was written", v)
		}
	}
}

// FuzzRelevant: no relevant cell makes the reader fail other than with a
// message, and what it reads is written back the same.
func FuzzRelevant(f *testing.F) {
	for _, s := range []string{"${a} = 'x'", "selected(${a}, 'x') or selected(${a}, \"y\")", "(${a} = 3 or ${a} = 2.5)", "${a} = true()", "${a} != 'x' and not(selected(${a}, 'y'))", "${a} != ''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRelevant(s)
		if err != nil {
			return
		}
		c := r.condition(form.TypeShortText)
		out, err := writeRelevant(c, form.TypeShortText)
		if err != nil {
			return // a value with both quotes
		}
		r2, err := parseRelevant(out)
		if err != nil || !reflect.DeepEqual(r2.condition(form.TypeShortText), c) {
			t.Errorf("%q was written as %q, which reads as %+v %v", s, out, r2, err)
		}
	})
}

// TestMutatedWorkbooks: no damaged workbook makes Read panic; it gives a
// form or problems. (A -fuzz target does the same poorly: the fuzzer's
// instrumentation of excelize slows it to a stop on inputs this size.)
func TestMutatedWorkbooks(t *testing.T) {
	good, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		d := slices.Clone(good)
		for range 1 + r.IntN(5) {
			p := r.IntN(len(d) - 8)
			switch r.IntN(4) {
			case 0:
				d[p] = byte(r.IntN(256))
			case 1:
				d = slices.Delete(d, p, p+1+r.IntN(8))
			case 2:
				d = slices.Insert(d, p, byte(r.IntN(256)), byte(r.IntN(256)))
			case 3:
				copy(d[p:], []byte{0xff, 0xff, 0xff, 0x7f})
			}
		}
		if g, ps := Read("damaged.xlsx", d, time.UTC); (g == nil) == (len(ps) == 0) {
			t.Fatalf("form %v with problems %v", g, ps)
		}
	}
}

package plain_test

import (
	"reflect"
	"strings"
	"testing"

	"chorus/internal/plain"
)

// The passive voice: "to be" and a past participle, with a helper before
// and a "by" after kept in what is quoted.
func TestPassives(t *testing.T) {
	for sentence, want := range map[string][]string{
		"Your answers will be collected by the council.": {"will be collected by"},
		"Your answers are saved on your phone.":          {"are saved"},
		"The form has been sent.":                        {"has been sent"},
		"It is being checked now.":                       {"is being checked"},
		"Answers are not always kept.":                   {"are not always kept"},
		"Forms were written and checked.":                {"were written"},
		"It's been fixed.":                               {"it's been fixed"},
		"You need to be registered.":                     {"to be registered"},
		"Like someone being hurt.":                       {"being hurt"},
		"The plan is agreed, and the money is needed.":   {"is agreed", "is needed"},
		"Was lived experience valued?":                   {"was lived"}, // inverted: "lived" is taken for the verb
		"This is called co-production.":                  {"is called"},
		// Look-alikes that are not pointed out. Participles that mostly say
		// how someone is (interested, tired, involved) are left alone, as
		// are -ed words that are not verbs, hyphenated adjectives, and a
		// possessive that looks like "is".
		"I am interested in care.":            nil,
		"She was tired.":                      nil,
		"Were you involved?":                  nil,
		"We are going to the shop.":           nil,
		"The service is well-led.":            nil,
		"It is a hundred pounds.":             nil,
		"The money is sacred.":                nil,
		"We need help. It is speed we need.":  nil,
		"The council's decided.":              nil,
		"We agreed the answers.":              nil,
		"Are people asked what they think?":   nil, // subject between the verbs: not found (documented)
		"Someone got hurt.":                   nil, // a get-passive: not found (documented)
		"Staff talk to people in a kind way.": nil,
	} {
		if got := plain.Passives(sentence); !reflect.DeepEqual(got, want) {
			t.Errorf("Passives(%q) = %q, want %q", sentence, got, want)
		}
	}
}

// Words to avoid match whole words and phrases, in any case, with their
// usual endings; each is advised once a sentence.
func TestWordsToAvoid(t *testing.T) {
	c := plain.Default()
	for text, want := range map[string][]string{
		"We will utilise the data.":                {"'utilise': say 'use'"},
		"UTILISED twice, then Utilising: utilised": {"'utilised': say 'use'", "'utilising': say 'use'"},
		"Fill it in in order to help us.":          {"'in order to': say 'to'"},
		"In Order To help.":                        {"'in order to': say 'to'"},
		"Type on the keyboard, feed the monkey.":   nil,
		"The key questions.":                       {"'key': say 'main' or 'most important' (unless it opens a door)"},
		"We focussed on it, and focused again.":    {"'focussed': say 'work on', 'look at' or 'be about'", "'focused': say 'work on', 'look at' or 'be about'"},
		"Delivering services.":                     {"'delivering': say 'give', 'make', 'run' or 'provide' (only pizzas, post and services are delivered)"},
		"We will progress this.":                   {"'progress': as a verb, say what you are actually doing: move on, carry out, finish"},
		"Going-forward, we will.":                  {"'going forward': say 'from now on' or 'in future'"},
		"A one-stop shop.":                         {"'one-stop shop': say 'one place' (the council is not a shop)"},
		"Bring something, e.g. a pen.":             {"'e.g.': say 'for example' or 'such as'"},
		"We will use it to help you.":              nil,
	} {
		var got []string
		for _, m := range c.Check(text, plain.Standard) {
			if strings.HasPrefix(m, "'") && !strings.Contains(m, "syllables") {
				got = append(got, m)
			}
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
}

func TestParseList(t *testing.T) {
	l, err := plain.New("# notes\n\nA, B -> c, d, e (a note)\nleave it → (leave it out)\n")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"So b it.":               "'b': say 'c', 'd' or 'e' (a note)",
		"Please leave it there.": "'leave it': leave it out",
	} {
		if got := l.Check(text, plain.Standard); len(got) != 1 || got[0] != want {
			t.Errorf("%q: %q, want %q", text, got, want)
		}
	}
	for list, want := range map[string]string{
		"ok → fine\nutilise use\n": "line 2",
		"robust →\n":               `line 1: say what to write instead of "robust"`,
		" → plainer":               "line 1",
	} {
		if _, err := plain.New(list); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one with %q", list, err, want)
		}
	}
	if _, err := plain.ParseList(plain.WordsToAvoid); err != nil {
		t.Errorf("the built-in list: %v", err)
	}
}

// Long sentences, long words and a low reading ease, held to each level.
func TestCheckLevels(t *testing.T) {
	c := plain.Default()
	sixteen := "Please tell us what you think about the care you get from the people who help you."
	if got := c.Check(sixteen, plain.EasyRead); !reflect.DeepEqual(got, []string{"sentence of 17 words: split it (aim for 15 or fewer)"}) {
		t.Errorf("easy read: %q", got)
	}
	if got := c.Check(sixteen, plain.Standard); got != nil {
		t.Errorf("standard: %q", got)
	}
	two := "We asked you. Word " + strings.Repeat("word ", 25) + "end."
	if got := c.Check(two, plain.Standard); len(got) != 1 || !strings.HasPrefix(got[0], `sentence of 27 words ("Word word word word word…"): split it`) {
		t.Errorf("a long second sentence: %q", got)
	}
	for _, x := range []struct {
		text string
		lv   plain.Level
		want []string
	}{
		{"Sharing decisions and responsibility.", plain.Standard, []string{"'responsibility' has 6 syllables: is there a shorter word?"}},
		{"Tell us about your consultation.", plain.Standard, nil},
		{"Tell us about your consultation.", plain.EasyRead, []string{"'consultation' has 4 syllables: is there a shorter word?"}},
		{"Is information easy to understand? Do you have a disability?", plain.EasyRead, nil}, // on the list of long words people know
	} {
		if got := c.Check(x.text, x.lv); !reflect.DeepEqual(got, x.want) {
			t.Errorf("%q (%s): %q, want %q", x.text, x.lv.Name, got, x.want)
		}
	}
	hard := "Consideration of the representations submitted by organisations necessitates comprehensive deliberation. " +
		"Subsequently, determinations regarding implementation arrangements shall be communicated electronically to respondents."
	got := c.Check(hard, plain.Standard)
	if len(got) == 0 || !strings.HasPrefix(got[0], "reading ease ") || !strings.Contains(got[0], "aim for 60 or more") {
		t.Errorf("a hard text: %q", got)
	}
	if f := plain.Measure(hard).Figures(60); !strings.HasPrefix(f, "reading ease ") || !strings.Contains(f, ": aim for 60 or more), grade ") {
		t.Errorf("a hard text's figures: %q", f)
	}
	short := "Consideration necessitates deliberation." // under MinWordsForEase: no score of its own
	for _, m := range c.Check(short, plain.Standard) {
		if strings.HasPrefix(m, "reading ease") {
			t.Errorf("a short text was scored: %q", m)
		}
	}
}

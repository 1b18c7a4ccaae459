package form_test

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"
	"time"

	"chorus/internal/form"
)

// translationCases is testdata/translations.json, for the web app's tests too.
type translationCases struct {
	Form      json.RawMessage              `json:"form"`
	Languages []form.Language              `json:"languages"`
	Texts     map[string]map[string]string `json:"texts"`
	Cases     []answerCase                 `json:"cases"`
}

func loadTranslationCases(t *testing.T) (translationCases, *form.Form) {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/translations.json")
	if err != nil {
		t.Fatal(err)
	}
	var c translationCases
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	f, errs := form.Parse("translations.json", c.Form, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return c, f
}

// The shared cases: the form's languages, and its texts in each language
// as Text and Localized give them.
func TestSharedTranslations(t *testing.T) {
	c, f := loadTranslationCases(t)
	if got := f.Languages(); !reflect.DeepEqual(got, c.Languages) {
		t.Errorf("Languages() = %+v, want %+v", got, c.Languages)
	}
	if len(c.Texts) != 3 {
		t.Fatalf("texts for %d languages, want 3", len(c.Texts))
	}
	for lang, texts := range c.Texts {
		for where, want := range texts {
			if got := f.Text(where, lang); got != want {
				t.Errorf("Text(%q, %s) = %q, want %q", where, lang, got, want)
			}
		}
	}
}

// Localized gives each text as Text does, in every language, and leaves
// the form it was made from as it was.
func TestLocalizedIsText(t *testing.T) {
	_, f := loadTranslationCases(t)
	before, _ := json.Marshal(f)
	for _, l := range f.Languages() {
		loc := f.Localized(l.Code)
		if loc.Title != f.Text("title", l.Code) {
			t.Errorf("%s: title %q, Text gives %q", l.Code, loc.Title, f.Text("title", l.Code))
		}
		texts := loc.EasyTexts()
		if len(texts) != len(f.EasyTexts()) {
			t.Fatalf("%s: %d texts, the form has %d", l.Code, len(texts), len(f.EasyTexts()))
		}
		for _, x := range texts {
			if x.Text != f.Text(x.Where, l.Code) || x.EasyRead != f.Text(x.Where+form.EasyReadSuffix, l.Code) {
				t.Errorf("%s: %s = %q / %q; Text gives %q / %q", l.Code, x.Where, x.Text, x.EasyRead,
					f.Text(x.Where, l.Code), f.Text(x.Where+form.EasyReadSuffix, l.Code))
			}
		}
		if q := loc.Question("agree"); q == nil || loc.ColumnTitle(q) != f.Text("agree.shortLabel", l.Code) {
			t.Errorf("%s: the grid is not found, or not titled by its short label", l.Code)
		}
		if err := form.SameRules(f, loc); err != nil {
			t.Errorf("%s: the localized form has other rules: %v", l.Code, err)
		}
	}
	if after, _ := json.Marshal(f); string(after) != string(before) {
		t.Error("Localized changed the form it was made from")
	}
	if got := f.Localized("de").Title; got != f.Title {
		t.Errorf("an unknown language gives the title %q, want the main language's", got)
	}
	if got := f.Text("visits.lable", "pl"); got != "" {
		t.Errorf("a where that names no text gives %q", got)
	}
}

func TestLanguagesOfAFormWithNone(t *testing.T) {
	f, errs := form.Parse("f.yaml", []byte(head+"sections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]"), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []form.Language{{Code: "en", Name: "English", Dir: "ltr"}}
	if got := f.Languages(); !reflect.DeepEqual(got, want) {
		t.Errorf("Languages() = %+v, want %+v", got, want)
	}
	if l, ok := f.Offers("EN"); !ok || l.Code != "en" {
		t.Errorf("Offers(EN) = %+v %v", l, ok)
	}
	if _, ok := f.Offers("pl"); ok {
		t.Error("a form with no translations offers pl")
	}
	if loc := f.Localized("en"); loc == f || loc.Question("a") == f.Question("a") {
		t.Error("Localized is not a copy")
	}
}

// The direction of a translation: its own dir, else its language's or
// script's.
func TestTranslationDirection(t *testing.T) {
	f, errs := form.Parse("f.yaml", []byte(head+`language: cy
sections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]
translations:
  fa: {name: فارسی, partial: true}
  pa-Arab: {name: پنجابی, partial: true}
  ur: {name: Urdu in Latin letters, dir: ltr, partial: true}
  uz-Latn: {name: Oʻzbekcha, partial: true}
`), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := map[string]string{}
	for _, l := range f.Languages() {
		got[l.Code] = l.Dir + " " + l.Name
	}
	want := map[string]string{"cy": "ltr Cymraeg", "fa": "rtl فارسی", "pa-Arab": "rtl پنجابی", "ur": "ltr Urdu in Latin letters", "uz-Latn": "ltr Oʻzbekcha"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("languages %v, want %v", got, want)
	}
	if f.Languages()[0].Code != "cy" {
		t.Errorf("the main language is not first: %+v", f.Languages())
	}
}

// The shared answer cases give the same problems, by question, and store
// the same answers in every language the form has: the server checks
// against the form, the app against its copy in the person's language.
func TestSharedAnswersInEveryLanguage(t *testing.T) {
	c, f := loadTranslationCases(t)
	if len(c.Cases) < 8 {
		t.Fatalf("only %d answer cases: the file did not load as expected", len(c.Cases))
	}
	env := form.Env{Today: "2026-01-01", ServiceExists: func(string) bool { return false }}
	for _, l := range f.Languages() {
		loc := f.Localized(l.Code)
		for _, tc := range c.Cases {
			stored, problems := loc.CheckAnswers(tc.Answers, env)
			got := []string{}
			for _, p := range problems {
				got = append(got, p.Question)
			}
			if !reflect.DeepEqual(got, append([]string{}, tc.Problems...)) {
				t.Errorf("%s, %s: problems %v, want %v (%v)", l.Code, tc.Name, got, tc.Problems, problems)
			}
			if tc.Stored != nil && !reflect.DeepEqual(normalise(stored), normalise(tc.Stored)) {
				t.Errorf("%s, %s: stored %#v, want %#v", l.Code, tc.Name, stored, tc.Stored)
			}
		}
	}
}

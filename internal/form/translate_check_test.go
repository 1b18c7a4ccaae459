package form_test

import (
	"strings"
	"testing"
	"time"

	"chorus/internal/form"
)

// translated is a small form with a Polish translation, to break in tests.
const translated = head + `sections:
  - id: s
    title: S
    questions:
      - {id: a, type: singleChoice, label: A, hint: H, easyRead: Easy A, options: [{value: x, label: X}]}
      - {id: g, type: guidance, body: Read this.}
translations:
  pl:
    name: Polski
    texts:
      title: T pl
      section:s: S pl
      a.label: A pl
      a.label/easyRead: A pl easy
      a.hint: H pl
      a.option:x: X pl
      g.body: Czytaj.
`

// Each problem of a language or translation names the language, the text
// and the question where there is one.
func TestTranslationProblems(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		question string
		language string
		where    string
		message  string
	}{
		{"a bad main language", "sections:", "language: english\nsections:", "", "english", "language", `language "english" is not a language code: write a BCP 47 code`},
		{"a main language in the wrong case", "sections:", "language: en-gb\nsections:", "", "en-gb", "language", "write it en-GB"},
		{"a bad translation code", "  pl:\n", "  Polish:\n", "", "Polish", "", `translations: "Polish" is not a language code`},
		{"the main language translated", "  pl:\n", "  en:\n", "", "en", "", "en is the form's main language"},
		{"no name", "    name: Polski\n", "", "", "pl", "name", "translation pl has no name"},
		{"a bad direction", "    name: Polski\n", "    name: Polski\n    dir: up\n", "", "pl", "dir", `translation pl (Polski): dir "up" must be ltr or rtl`},
		{"a typo in a text's name", "a.hint: H pl", "a.hnit: H pl", "a", "pl", "a.hnit", `translation pl (Polski): "a.hnit" is not a text of this form (its texts there are a.label, a.hint, a.option:x)`},
		{"an unknown question", "a.hint: H pl", "a.hint: H pl\n      b.hint: B", "", "pl", "b.hint", "the form has no question b"},
		{"an unknown form text", "title: T pl", "title: T pl\n      intro: I", "", "pl", "intro", "its texts there are title, section:s"},
		{"a text missing", "      a.hint: H pl\n", "", "a", "pl", "a.hint", `translation pl (Polski) has no text for "a.hint": add it, or mark the translation partial: true to show the English text where it has none`},
		{"a blank text", "a.hint: H pl", `a.hint: " "`, "a", "pl", "a.hint", `has no text for "a.hint"`},
		{"the title missing", "      title: T pl\n", "", "", "pl", "title", `has no text for "title"`},
		{"easy read of a title", "title: T pl", "title: T pl\n      title/easyRead: E", "", "pl", "title/easyRead", "title has no easy-read wording"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(translated, tc.old, tc.new, 1)
			if src == translated {
				t.Fatalf("%q is not in the form", tc.old)
			}
			_, errs := form.Parse("f.yaml", []byte(src), time.UTC)
			for _, e := range errs {
				if e.Question == tc.question && e.Language == tc.language && e.Where == tc.where && strings.Contains(e.Message, tc.message) {
					return
				}
			}
			t.Errorf("no problem %q (question %q, language %q, where %q) in:\n%+v", tc.message, tc.question, tc.language, tc.where, errs)
		})
	}
}

// A partial translation may leave texts out; the form as given is good.
func TestPartialTranslation(t *testing.T) {
	if _, errs := form.Parse("f.yaml", []byte(translated), time.UTC); len(errs) > 0 {
		t.Fatal(errs)
	}
	src := strings.NewReplacer("      a.hint: H pl\n", "", "      title: T pl\n", "", "    name: Polski\n", "    name: Polski\n    partial: true\n").Replace(translated)
	f, errs := form.Parse("f.yaml", []byte(src), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := f.Text("a.hint", "pl"); got != "H" {
		t.Errorf("an untranslated hint in Polish is %q, want the English H", got)
	}
	if got := f.Text("a.label/easyRead", "pl"); got != "A pl easy" {
		t.Errorf("easy read %q", got)
	}
}

// A partial translation is warned of with the texts it leaves out.
func TestTranslationGaps(t *testing.T) {
	_, f := loadTranslationCases(t)
	gaps := f.TranslationGaps()
	if len(gaps) != 1 || gaps[0].Language != "ar" ||
		!strings.Contains(gaps[0].Message, "translation ar (العربية) is partial: 12 of 20 texts are shown in English (privacyNotice, section:about, visits.hint, postcode.label, postcode.patternMessage, and 7 more)") {
		t.Errorf("gaps %+v", gaps)
	}
}

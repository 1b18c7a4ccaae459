package form_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"chorus/internal/form"
)

// Answers never depend on the language: over every shared answer-rules
// case, a form and its Polish copy (Localized, every text translated)
// store the same answers and refuse the same questions.
func TestLocalizedChecksAnswersAlike(t *testing.T) {
	for name := range sharedFiles {
		t.Run(name, func(t *testing.T) {
			sc, f := loadSharedFile(t, name)
			tf := withPolish(t, sc.Form, f)
			pl := tf.Localized("pl")
			if pl.Title == f.Title || pl.Questions()[0].Label == f.Questions()[0].Label {
				t.Fatal("the Polish copy is not in Polish")
			}
			services := map[string]bool{}
			for _, s := range sc.Services {
				services[s] = true
			}
			env := form.Env{Today: sc.Today, ServiceExists: func(id string) bool { return services[id] }}
			for _, tc := range sc.Cases {
				expandLong(tc.Answers)
				wantStored, wantProblems := f.CheckAnswers(tc.Answers, env)
				for lang, g := range map[string]*form.Form{"en": tf.Localized("en"), "pl": pl} {
					stored, problems := g.CheckAnswers(tc.Answers, env)
					if normalise(stored) != normalise(wantStored) {
						t.Errorf("%s, %s: stored %v, in the main language %v", tc.Name, lang, stored, wantStored)
					}
					if len(problems) != len(wantProblems) {
						t.Errorf("%s, %s: problems %v, in the main language %v", tc.Name, lang, problems, wantProblems)
						continue
					}
					for i, p := range problems {
						if p.Question != wantProblems[i].Question || p.Message == "" {
							t.Errorf("%s, %s: problem %d is %+v, in the main language %+v", tc.Name, lang, i, p, wantProblems[i])
						}
					}
				}
			}
		})
	}
}

// withPolish is the shared form with a complete Polish translation: each
// text, and each easy-read wording it has, prefixed "PL ".
func withPolish(t *testing.T, raw json.RawMessage, f *form.Form) *form.Form {
	t.Helper()
	texts := map[string]string{"title": "PL " + f.Title}
	for _, x := range f.EasyTexts() {
		texts[x.Where] = "PL " + x.Text
		if x.EasyRead != "" {
			texts[x.Where+form.EasyReadSuffix] = "PL " + x.EasyRead
		}
	}
	for _, q := range f.Questions() {
		if q.Type == form.TypeGuidance && q.Label != "" {
			texts[q.ID+".label"] = "PL " + q.Label
		}
	}
	var def map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&def); err != nil {
		t.Fatal(err)
	}
	def["translations"] = map[string]any{"pl": map[string]any{"name": "Polski", "texts": texts}}
	data, _ := json.Marshal(def)
	tf, errs := form.Parse("translated.json", data, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if got := tf.Text("title", "pl"); !strings.HasPrefix(got, "PL ") {
		t.Fatalf("title in Polish %q", got)
	}
	if !reflect.DeepEqual(tf.Languages()[1], form.Language{Code: "pl", Name: "Polski", Dir: "ltr"}) {
		t.Fatalf("languages %+v", tf.Languages())
	}
	return tf
}

package form_test

import (
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/form"
)

// FuzzParse: a form definition file, however broken, is accepted or
// refused with problems that each name the file; never a panic. An
// accepted form checks an empty set of answers without panicking.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"quality-checker-visit.yaml", "coproduction-consultation.yaml"} {
		b, err := forms.FS.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("id: f\nversion: \"1\"\ntitle: T\nkind: survey\naudience: public\nsections: [{title: S, questions: [{id: a, type: yesNo, label: A, showIf: {question: a}}]}]"))
	f.Add([]byte("&a [*a, *a]"))
	f.Add([]byte(translated))
	f.Fuzz(func(t *testing.T, data []byte) {
		fm, errs := form.Parse("f.yaml", data, time.UTC)
		if len(errs) > 0 {
			for _, e := range errs {
				if e.File != "f.yaml" || e.Message == "" {
					t.Fatalf("a problem without its file or words: %+v", e)
				}
			}
			return
		}
		_, _ = fm.CheckAnswers(map[string]any{}, form.Env{Today: "2026-01-01", ServiceExists: func(string) bool { return true }})
	})
}

package form_test

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"chorus/forms"
	"chorus/internal/form"
)

const head = "id: f\nversion: \"1\"\ntitle: T\nkind: survey\naudience: public\n"

func TestDefinitionProblems(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string // each an expected line, "file: question: message" in part
	}{
		{"duplicate ids", head + `sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A}
      - {id: a, type: shortText, label: B}`, []string{"f.yaml: a: duplicate question id"}},
		{"showIf to an unknown question", head + `sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A, showIf: {question: zz, equals: x}}`, []string{`f.yaml: a: showIf refers to "zz", which is not a question in this form`}},
		{"showIf to a later question", head + `sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A, showIf: {question: b, equals: true}}
      - {id: b, type: yesNo, label: B}`, []string{`f.yaml: a: showIf refers to "b", which comes later in the form`}},
		{"showIf to an option that does not exist", head + `sections:
  - title: S
    questions:
      - {id: a, type: singleChoice, label: A, options: [{value: x, label: X}]}
      - {id: b, type: shortText, label: B, showIf: {question: a, anyOf: [x, y]}}`, []string{`f.yaml: b: showIf value "y" is not an option of "a"`}},
		{"choice without options", head + `sections:
  - title: S
    questions:
      - {id: a, type: singleChoice, label: A}`, []string{"f.yaml: a: a singleChoice question needs options"}},
		{"unknown type", head + `sections:
  - title: S
    questions:
      - {id: a, type: slider, label: A}`, []string{`f.yaml: a: unknown type "slider"`}},
		{"bad pattern", head + `sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A, pattern: "(ab"}`, []string{`f.yaml: a: pattern "(ab" is not a valid regular expression`}},
		{"rules that do not fit the type", head + `sections:
  - title: S
    questions:
      - {id: a, type: yesNo, label: A, min: 1, maxLength: 3}`, []string{"f.yaml: a: min and max apply only", "f.yaml: a: maxLength applies only"}},
		{"min above max", head + `sections:
  - title: S
    questions:
      - {id: a, type: number, label: A, min: 5, max: 1}`, []string{"f.yaml: a: min (5) is more than max (1)"}},
		{"missing label and bad id", head + `sections:
  - title: S
    questions:
      - {id: 1a, type: shortText}`, []string{"f.yaml: 1a: id must start with a letter", "f.yaml: 1a: label is missing"}},
		{"form fields", "id: F!\ntitle: T\nkind: poll\naudience: all\nopens: soon\nsections: []", []string{
			`f.yaml: id "F!" must be lower-case`, "f.yaml: version is missing", `f.yaml: kind "poll" must be one of`,
			`f.yaml: audience "all" must be one of`, `f.yaml: opens: "soon" is not a date`, "f.yaml: the form has no sections"}},
		{"closes before opens", head + "opens: \"2026-05-01\"\ncloses: \"2026-04-01\"\nsections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]",
			[]string{"f.yaml: closes (2026-04-01) must come after opens (2026-05-01)"}},
		{"unknown field", head + `sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A, requird: true}`, []string{"f.yaml: line 9: field requird not found (in a question)"}},
		{"required notice", head + `sections:
  - title: S
    questions:
      - {id: a, type: notice, label: A, required: true}`, []string{"f.yaml: a: a notice takes no answer"}},
		{"repeated option value", head + `sections:
  - title: S
    questions:
      - {id: a, type: rating, label: A, options: [{value: x, label: X}, {value: x, label: Y}]}`, []string{`f.yaml: a: option value "x" is used twice`}},
		{"bad option colour", head + `sections:
  - title: S
    questions:
      - {id: a, type: rating, label: A, options: [{value: x, label: X, colour: blue}]}`, []string{`f.yaml: a: option "x": colour "blue" must be one of green, amber, red, grey`}},
		{"visit block naming wrong questions", strings.Replace(head, "kind: survey", "kind: visit", 1) + `visit: {service: a, date: nope, keyQuestions: [b, b]}
sections:
  - title: S
    questions:
      - {id: a, type: shortText, label: A}
      - {id: b, type: rating, label: B, options: [{value: x, label: X}]}`, []string{
			`f.yaml: visit.keyQuestions: "b": option "x" needs a colour`,
			`f.yaml: visit.service: "a" must be a service question`,
			`f.yaml: visit.date: "nope" is not a question in this form`,
			`f.yaml: visit.keyQuestions: "b" is listed twice`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := form.LoadFS(fstest.MapFS{"f.yaml": {Data: []byte(tt.yaml)}}, time.UTC)
			if err == nil {
				t.Fatal("the definition was accepted")
			}
			got := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
		})
	}
}

func TestAllProblemsOfAllFilesAtOnce(t *testing.T) {
	bad := head + "sections: [{title: S, questions: [{id: a, type: nope, label: A}]}]"
	_, err := form.LoadFS(fstest.MapFS{
		"one.yaml":  {Data: []byte(bad)},
		"two.yml":   {Data: []byte(strings.Replace(bad, "id: f", "id: g", 1))},
		"three.yml": {Data: []byte("")},
		"notes.txt": {Data: []byte("ignored")},
	}, time.UTC)
	de, ok := err.(form.DefinitionErrors)
	if !ok || len(de) != 3 {
		t.Fatalf("want 3 problems, got %v", err)
	}
	if de[0].File != "one.yaml" || de[1].File != "three.yml" || de[2].File != "two.yml" {
		t.Errorf("problems not sorted by file: %v", de)
	}
}

func TestDuplicateFormIDs(t *testing.T) {
	ok := head + "sections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]"
	_, err := form.LoadFS(fstest.MapFS{"a.yaml": {Data: []byte(ok)}, "b.yaml": {Data: []byte(ok)}}, time.UTC)
	if err == nil || !strings.Contains(err.Error(), `b.yaml: form id "f" is already used by a.yaml`) {
		t.Fatalf("got %v", err)
	}
}

func TestUnquotedVersionReadsAsText(t *testing.T) {
	y := strings.Replace(head, `version: "1"`, "version: 2", 1) + "sections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]"
	f, errs := form.Parse("f.yaml", []byte(y), time.UTC)
	if len(errs) > 0 || f.Version != "2" {
		t.Fatalf("version = %v, %v", f, errs)
	}
}

func TestOpeningAndClosingDates(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	y := head + "opens: \"2026-06-01\"\ncloses: \"2026-06-30\"\nsections: [{title: S, questions: [{id: a, type: yesNo, label: A}]}]"
	f, errs := form.Parse("f.yaml", []byte(y), london)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	at := func(s string) time.Time { t, _ := time.ParseInLocation("2006-01-02 15:04", s, london); return t }
	for _, c := range []struct {
		when string
		open bool
	}{{"2026-05-31 23:59", false}, {"2026-06-01 00:00", true}, {"2026-06-30 23:59", true}, {"2026-07-01 00:00", false}} {
		if got := f.IsOpen(at(c.when)); got != c.open {
			t.Errorf("IsOpen(%s) = %v, want %v", c.when, got, c.open)
		}
	}
}

func TestSampleFormsAreValid(t *testing.T) {
	london, _ := time.LoadLocation("Europe/London")
	fs, err := form.LoadFS(forms.FS, london)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]*form.Form{}
	for _, f := range fs {
		ids[f.ID] = f
	}
	for _, id := range []string{"quality-checker-visit", "coproduction-consultation", "coproduction-six-point-test"} {
		if ids[id] == nil {
			t.Errorf("sample form %s is missing", id)
		}
	}
	visit := ids["quality-checker-visit"]
	if q := visit.Question("safeguardingPhone"); q == nil || q.Phone == "" || q.ShowIf == nil {
		t.Error("the visit form must reveal whom to phone on a safeguarding concern")
	}
	for _, q := range ids["coproduction-consultation"].Questions() {
		if strings.HasPrefix(q.ID, "age") || q.ID == "disability" || q.ID == "ethnicity" {
			found := false
			for _, o := range q.Options {
				found = found || o.Value == "prefer_not_to_say"
			}
			if !found || q.Required {
				t.Errorf("about-you question %s must be optional and offer prefer not to say", q.ID)
			}
		}
	}
}

package form_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/form"
)

// easyCases is testdata/easy-read.json, shared with pwa/test/words.test.js.
type easyCases struct {
	Form  json.RawMessage `json:"form"`
	Texts []struct {
		Where    string `json:"where"`
		Text     string `json:"text"`
		EasyRead string `json:"easyRead"`
	} `json:"texts"`
	Gaps []string `json:"gaps"`
}

func loadEasyCases(t *testing.T) (easyCases, *form.Form) {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/easy-read.json")
	if err != nil {
		t.Fatal(err)
	}
	var c easyCases
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatal(err)
	}
	f, errs := form.Parse("easy.json", c.Form, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return c, f
}

// The texts of a form and their easy-read wording, as the app reads them.
func TestSharedEasyReadTexts(t *testing.T) {
	c, f := loadEasyCases(t)
	got := f.EasyTexts()
	if len(got) != len(c.Texts) {
		t.Fatalf("%d texts, want %d: %+v", len(got), len(c.Texts), got)
	}
	for i, want := range c.Texts {
		if got[i].Where != want.Where || got[i].Text != want.Text || got[i].EasyRead != want.EasyRead {
			t.Errorf("text %d = %+v, want %+v", i, got[i], want)
		}
	}
	var gaps []string
	for _, e := range f.EasyReadGaps() {
		where := e.Message[:strings.Index(e.Message, " has no easy-read wording")]
		if e.Question != "" {
			where = e.Question + "." + where
		}
		gaps = append(gaps, where)
		if e.File != "easy.json" || !strings.Contains(e.Message, "(add easyRead") {
			t.Errorf("warning %q does not name the file and the field to add", e.String())
		}
	}
	if !reflect.DeepEqual(gaps, c.Gaps) {
		t.Errorf("gaps = %q, want %q", gaps, c.Gaps)
	}
}

// A form for the public is not held to easy read: no warnings.
func TestEasyReadGapsOnlyForVolunteers(t *testing.T) {
	f, errs := form.Parse("p.yaml", []byte(head+"sections: [{title: S, questions: [{id: a, type: shortText, label: A, hint: H}]}]"), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if gaps := f.EasyReadGaps(); len(gaps) != 0 {
		t.Errorf("public form warned: %v", gaps)
	}
}

// The sample Quality Checker visit is complete in easy read, and gives a
// picture for every question.
func TestSampleVisitIsCompleteInEasyRead(t *testing.T) {
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		if f.ID != "quality-checker-visit" {
			continue
		}
		if gaps := f.EasyReadGaps(); len(gaps) > 0 {
			t.Errorf("%d texts without easy read:\n%s", len(gaps), gaps.Error())
		}
		for _, q := range f.Questions() {
			if q.Icon == "" {
				t.Errorf("%s has no picture", q.ID)
			}
		}
		return
	}
	t.Fatal("no quality-checker-visit form")
}

func TestIconIsShort(t *testing.T) {
	_, errs := form.Parse("f.yaml", []byte(head+`sections:
  - title: S
    questions:
      - {id: a, type: rating, label: A, icon: "a picture of a happy face", options: [{value: x, label: X, icon: "a very long option picture"}]}`), time.UTC)
	if got := errs.Error(); !strings.Contains(got, "a: icon must be a picture") || !strings.Contains(got, `option "x": icon must be a picture`) {
		t.Errorf("problems = %s", got)
	}
}

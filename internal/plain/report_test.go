package plain_test

import (
	"strings"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/form"
	"chorus/internal/plain"
)

// Each sample form's texts scored: the figures go to the test log, and
// the easy-read wording has nothing to point out (the standard wording
// may: it is advice).
func TestSampleForms(t *testing.T) {
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		r := plain.Default().Form(f)
		t.Logf("%s: %s", f.ID, r.Summary)
		t.Logf("  standard: %d texts, %+v", r.Standard.Texts, r.Standard.Score)
		if r.EasyRead != nil {
			t.Logf("  easy read: %d texts, %+v", r.EasyRead.Texts, r.EasyRead.Score)
		}
		for _, w := range r.Warnings {
			t.Logf("  %s", w)
		}
		if r.EasyRead == nil || r.EasyRead.Words == 0 {
			t.Errorf("%s: no easy-read wording scored", f.ID)
		}
		for _, w := range r.EasyReadWarnings() {
			t.Errorf("%s: easy read: %s", f.ID, w)
		}
	}
}

// A form's report: warnings in form order, named by where the text is
// and whether it is the easy-read wording, and a summary line.
func TestFormReport(t *testing.T) {
	f, errs := form.Parse("t.json", []byte(`{"id": "t", "version": "1", "title": "T", "kind": "survey", "audience": "volunteers",
		"introduction": "We will utilise your answers in order to plan care.",
		"sections": [{"id": "s", "title": "About you", "easyRead": "You", "questions": [
			{"id": "q1", "type": "shortText", "label": "What is your name?", "easyRead": "Your name will be kept by us."}]}]}`), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r := plain.Default().Form(f)
	var got []string
	for _, w := range r.Warnings {
		got = append(got, w.String())
	}
	want := []string{
		"introduction: 'utilise': say 'use'",
		"introduction: 'in order to': say 'to'",
		"q1.label (easy read): passive: 'will be kept by' — say who does it",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Standard.Texts != 3 || r.EasyRead == nil || r.EasyRead.Texts != 2 {
		t.Errorf("texts: standard %d, easy read %+v", r.Standard.Texts, r.EasyRead)
	}
	if !strings.HasPrefix(r.Summary, "reading ease ") || !strings.Contains(r.Summary, "; easy read: reading ease ") || !strings.HasSuffix(r.Summary, "; 3 suggestions") {
		t.Errorf("summary: %q", r.Summary)
	}
}

// Only English is measured: a form in Welsh is checked in its English
// translation (the texts it gives; one it leaves out is Welsh, and not
// checked), a form with no English is not checked, and an English form's
// Polish translation is left alone.
func TestOnlyEnglishIsChecked(t *testing.T) {
	parse := func(translations string) *form.Form {
		t.Helper()
		f, errs := form.Parse("t.json", []byte(`{"id": "t", "version": "1", "title": "Dweud eich dweud", "kind": "survey", "audience": "public",
			"language": "cy", "introduction": "Byddwn yn defnyddio eich atebion er mwyn cynllunio gofal yn y sir dros y blynyddoedd nesaf, gyda chymorth gan bawb sy'n rhan o'r gwaith.",
			"sections": [{"id": "s", "title": "Amdanoch chi", "questions": [
				{"id": "q1", "type": "shortText", "label": "Beth yw eich enw?", "hint": "Cafodd ei ysgrifennu gan y cyngor."}]}]`+translations+`}`), time.UTC)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		return f
	}
	welsh := plain.Default().Form(parse(""))
	if welsh.Language != "" || len(welsh.Warnings) != 0 || !strings.HasPrefix(welsh.Summary, "not checked: the form is in cy") {
		t.Errorf("a form in Welsh only: %+v", welsh)
	}
	r := plain.Default().Form(parse(`, "translations": {"en-GB": {"name": "English", "partial": true, "texts": {
		"introduction": "We will utilise your answers in order to plan care.", "q1.label": "What is your name?"}}}`))
	var got []string
	for _, w := range r.Warnings {
		got = append(got, w.String())
	}
	want := "introduction: 'utilise': say 'use'\nintroduction: 'in order to': say 'to'"
	if r.Language != "en-GB" || strings.Join(got, "\n") != want || r.Standard.Texts != 2 {
		t.Errorf("a Welsh form's English translation: language %q, %d texts, warnings:\n%s\nwant:\n%s", r.Language, r.Standard.Texts, strings.Join(got, "\n"), want)
	}
	if !strings.HasPrefix(r.Summary, "in its English translation (en-GB): reading ease ") {
		t.Errorf("summary: %q", r.Summary)
	}

	f, errs := form.Parse("t.json", []byte(`{"id": "t", "version": "1", "title": "T", "kind": "survey", "audience": "public",
		"introduction": "Tell us what you think.",
		"sections": [{"id": "s", "title": "About you", "questions": [{"id": "q1", "type": "shortText", "label": "What is your name?"}]}],
		"translations": {"pl": {"name": "Polski", "texts": {"title": "T", "introduction": "Wykorzystamy Państwa odpowiedzi w celu zaplanowania opieki, która została zaprojektowana przez radę.",
			"section:s": "O Tobie", "q1.label": "Jak masz na imię?"}}}}`), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if r := plain.Default().Form(f); r.Language != "en" || len(r.Warnings) != 0 || r.Standard.Texts != 3 {
		t.Errorf("an English form with a Polish translation: %+v", r)
	}
}

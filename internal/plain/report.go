package plain

import (
	"fmt"
	"math"
	"strings"

	"chorus/internal/form"
)

// Warning is one thing that could be plainer in a form: which text
// (Where, as form.EasyText names it, such as "q3.label"), whether in its
// easy-read wording, and what to do.
type Warning struct {
	Where    string `json:"where"`
	EasyRead bool   `json:"easyRead,omitempty"`
	Message  string `json:"message"`
}

// String is the warning as a line: "q3.label (easy read): message".
func (w Warning) String() string {
	if w.EasyRead {
		return w.Where + " (easy read): " + w.Message
	}
	return w.Where + ": " + w.Message
}

// Totals are the scores of a set of texts taken together.
type Totals struct {
	Score
	Texts       int     `json:"texts"`
	ReadingEase float64 `json:"readingEase"` // to one decimal place
	Grade       float64 `json:"grade"`
	ReadingAge  float64 `json:"readingAge"`
	Band        string  `json:"band"` // of the reading ease: see Band
}

func totals(s Score, texts int) Totals {
	round := func(x float64) float64 { return math.Round(x*10) / 10 }
	t := Totals{Score: s, Texts: texts}
	if s.Words > 0 {
		t.ReadingEase, t.Grade, t.ReadingAge, t.Band = round(s.ReadingEase()), round(s.Grade()), round(s.ReadingAge()), Band(s.ReadingEase())
	}
	return t
}

// Report is a form's plain English check: its scores over its standard
// texts and over its easy-read wording, and its warnings, in form order.
type Report struct {
	// Summary says the scores and the number of warnings in a line.
	Summary string `json:"summary"`
	// Language is the code of the English texts checked: the form's main
	// language, or its English translation's; "" when it has no English.
	Language string    `json:"language"`
	Standard Totals    `json:"standard"`
	EasyRead *Totals   `json:"easyRead,omitempty"` // nil when the form has no easy-read wording
	Warnings []Warning `json:"warnings"`
}

// isEnglish reports whether a language code (BCP 47) is English's: en,
// en-GB and the like.
func isEnglish(code string) bool {
	base, _, _ := strings.Cut(strings.ToLower(code), "-")
	return base == "en"
}

// englishTexts are the form's texts in English, the only language the
// measures are made for: its own when its main language is English, else
// those its English translation gives (a text it leaves out is in the
// main language, and not checked). lang is "" when it has no English.
func englishTexts(f *form.Form) (texts []form.EasyText, lang string) {
	if isEnglish(f.MainLanguage()) {
		return f.EasyTexts(), f.MainLanguage()
	}
	for _, l := range f.Languages() {
		if !isEnglish(l.Code) {
			continue
		}
		tr := f.Translations[l.Code]
		for _, t := range f.EasyTexts() {
			text := strings.TrimSpace(tr.Texts[t.Where])
			if text == "" {
				continue
			}
			texts = append(texts, form.EasyText{Where: t.Where, Field: t.Field, Text: text,
				EasyRead: strings.TrimSpace(tr.Texts[t.Where+form.EasyReadSuffix])})
		}
		return texts, l.Code
	}
	return nil, ""
}

// Form checks every English text a person reads in a form
// (form.EasyTexts: the title is a name, not read as a sentence) at the
// standard level, and each easy-read wording at the easy-read level. A
// form in another language is checked in its English translation; one
// with no English is not checked, and its summary says so.
func (c *Checker) Form(f *form.Form) Report {
	var std, easy Score
	var nStd, nEasy int
	texts, lang := englishTexts(f)
	r := Report{Language: lang, Warnings: []Warning{}}
	if lang == "" {
		r.Summary = fmt.Sprintf("not checked: the form is in %s and has no English translation (the measures are for English)", f.MainLanguage())
		return r
	}
	for _, t := range texts {
		std = std.Add(Measure(t.Text))
		nStd++
		for _, m := range c.Check(t.Text, Standard) {
			r.Warnings = append(r.Warnings, Warning{Where: t.Where, Message: m})
		}
		if t.EasyRead == "" {
			continue
		}
		easy = easy.Add(Measure(t.EasyRead))
		nEasy++
		for _, m := range c.Check(t.EasyRead, EasyRead) {
			r.Warnings = append(r.Warnings, Warning{Where: t.Where, EasyRead: true, Message: m})
		}
	}
	r.Standard = totals(std, nStd)
	parts := []string{std.Figures(Standard.MinEase)}
	if lang != f.MainLanguage() {
		parts[0] = "in its English translation (" + lang + "): " + parts[0]
	}
	if nEasy > 0 {
		e := totals(easy, nEasy)
		r.EasyRead = &e
		parts = append(parts, "easy read: "+easy.Figures(EasyRead.MinEase))
	}
	parts = append(parts, suggestions(len(r.Warnings)))
	r.Summary = strings.Join(parts, "; ")
	return r
}

func suggestions(n int) string {
	switch n {
	case 0:
		return "no suggestions"
	case 1:
		return "1 suggestion"
	}
	return fmt.Sprintf("%d suggestions", n)
}

// EasyReadWarnings are the report's warnings about easy-read wording.
func (r Report) EasyReadWarnings() []Warning {
	var out []Warning
	for _, w := range r.Warnings {
		if w.EasyRead {
			out = append(out, w)
		}
	}
	return out
}

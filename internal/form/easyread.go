package form

import "fmt"

// EasyText is one text of a form that a person reads, with its easy-read
// wording ("" when the form gives none). The web app shows the easy-read
// wording in easy read, and the standard text where there is none
// (pwa/js/words.js, checked against the same cases as this file in
// testdata/easy-read.json).
type EasyText struct {
	// Where names the text: "introduction", "privacyNotice",
	// "section:ID" (a section's title; its number when it has no id),
	// "QUESTION.label", "QUESTION.hint", "QUESTION.patternMessage",
	// "QUESTION.statement:ID" (a grid's), "QUESTION.body" (a guidance's)
	// or "QUESTION.option:VALUE".
	Where string `json:"where"`
	// Field is the file field that holds the easy-read wording.
	Field    string `json:"field"`
	Text     string `json:"text"`
	EasyRead string `json:"easyRead"`
}

// EasyTexts lists every text of the form that a person filling it reads,
// in form order, each with its easy-read wording. The title is left out:
// it names the form in lists and receipts, and has no easy-read wording.
func (f *Form) EasyTexts() []EasyText {
	var out []EasyText
	add := func(where, field, text, easy string) {
		if text != "" {
			out = append(out, EasyText{Where: where, Field: field, Text: text, EasyRead: easy})
		}
	}
	add("introduction", "easyReadIntroduction", f.Introduction, f.EasyReadIntroduction)
	add("privacyNotice", "easyReadPrivacyNotice", f.PrivacyNotice, f.EasyReadPrivacyNotice)
	for si := range f.Sections {
		s := &f.Sections[si]
		id := s.ID
		if id == "" {
			id = fmt.Sprint(si + 1)
		}
		add("section:"+id, "easyRead", s.Title, s.EasyRead)
		for qi := range s.Questions {
			q := &s.Questions[qi]
			if q.Type == TypeGuidance {
				add(q.ID+".body", "easyRead", q.Body, q.EasyRead) // a guidance's easy read is its body's
			} else {
				add(q.ID+".label", "easyRead", q.Label, q.EasyRead)
			}
			add(q.ID+".hint", "easyReadHint", q.Hint, q.EasyReadHint)
			add(q.ID+".patternMessage", "easyReadPatternMessage", q.PatternMessage, q.EasyReadPatternMessage)
			for _, st := range q.Statements {
				add(q.ID+".statement:"+st.ID, "easyRead", st.Label, st.EasyRead)
			}
			for _, o := range q.Options {
				add(q.ID+".option:"+o.Value, "easyRead", o.Label, o.EasyRead)
			}
		}
	}
	return out
}

// EasyReadGaps lists, for a form used by volunteers (many of whom read
// easy read), each text that has no easy-read wording: easy read then
// shows the standard words. They are warnings, not errors: the form
// works, less well. A form for the public gives none.
func (f *Form) EasyReadGaps() DefinitionErrors {
	if f.Audience != AudienceVolunteers {
		return nil
	}
	var out DefinitionErrors
	for _, t := range f.EasyTexts() {
		if t.EasyRead != "" {
			continue
		}
		q, what := "", t.Where
		if i := indexDot(t.Where); i > 0 {
			q, what = t.Where[:i], t.Where[i+1:]
		}
		out = append(out, DefinitionError{File: f.file, Question: q,
			Message: fmt.Sprintf("%s has no easy-read wording (add %s); easy read shows the standard words", what, t.Field)})
	}
	return out
}

// indexDot is the position of the dot between a question id and the text
// it names, or -1 for the form's own texts and sections.
func indexDot(where string) int {
	for i := 0; i < len(where); i++ {
		switch where[i] {
		case '.':
			return i
		case ':':
			return -1
		}
	}
	return -1
}

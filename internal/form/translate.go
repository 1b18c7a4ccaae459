package form

import (
	"cmp"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// Translation is a form's texts in another language than its main one.
// Only words change with the language: ids, option values, rules and
// conditions are the form's own, so an answer means the same whatever the
// language it was given in.
//
// Texts are keyed by where they are, as EasyText.Where names them, plus
// "title" and QUESTION.shortLabel:
//
//	title                     the form's title
//	introduction              the introduction
//	privacyNotice             the privacy notice
//	section:ID                a section's title (section:N, its number from 1, when it has no id)
//	QUESTION.label            a question's label (a guidance's heading)
//	QUESTION.shortLabel       its name in downloads and results (optional)
//	QUESTION.hint             its hint
//	QUESTION.patternMessage   what a text that does not match its pattern is told
//	QUESTION.statement:ID     a grid's statement
//	QUESTION.body             a guidance's text
//	QUESTION.option:VALUE     an option's label
//
// and any of them but title, shortLabel and a guidance's label followed
// by "/easyRead" (EasyReadSuffix) for its easy-read wording: "q1.label/
// easyRead". A translation gives every text the form has, or is Partial.
// Per text, a translated text brings its own easy-read wording (easy read
// shows the translated text where it has none); a text the translation
// does not give is shown in the main language, easy-read wording included.
type Translation struct {
	// Name is the language's name in its own words, such as Polski.
	Name string `json:"name" yaml:"name"`
	// Dir is ltr or rtl; "" takes the language's own (rtl for Arabic,
	// Persian, Hebrew, Urdu, Pashto, Yiddish and the like).
	Dir string `json:"dir,omitempty" yaml:"dir"`
	// Partial lets the translation leave texts out: they are shown in the
	// main language.
	Partial bool              `json:"partial,omitempty" yaml:"partial"`
	Texts   map[string]string `json:"texts,omitempty" yaml:"texts"`
}

// EasyReadSuffix ends the key of a text's easy-read wording in a
// translation: "q1.label/easyRead".
const EasyReadSuffix = "/easyRead"

// text is the translation's text at where, when it gives one that is not blank.
func (t Translation) text(where string) (string, bool) {
	s, ok := t.Texts[where]
	return s, ok && strings.TrimSpace(s) != ""
}

// direction is the translation's Dir, or its language's own.
func (t Translation) direction(code string) string {
	if t.Dir == DirLTR || t.Dir == DirRTL {
		return t.Dir
	}
	return defaultDir(code)
}

// Language is one language a form can be filled in.
type Language struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Dir     string `json:"dir"`
	Partial bool   `json:"partial,omitempty"`
}

// MainLanguage is the code of the language the form's own texts are in.
func (f *Form) MainLanguage() string { return cmp.Or(f.Language, DefaultLanguage) }

// Languages lists the languages the form can be filled in: its main
// language first (named from a short list of languages, else by its
// code), then its translations by code.
func (f *Form) Languages() []Language {
	main := f.MainLanguage()
	out := []Language{{Code: main, Name: languageName(main), Dir: defaultDir(main)}}
	for _, code := range slices.Sorted(maps.Keys(f.Translations)) {
		if code == main {
			continue
		}
		t := f.Translations[code]
		out = append(out, Language{Code: code, Name: t.Name, Dir: t.direction(code), Partial: t.Partial})
	}
	return out
}

// Offers finds one of the form's languages by its code, in any case.
func (f *Form) Offers(code string) (Language, bool) {
	for _, l := range f.Languages() {
		if strings.EqualFold(l.Code, code) {
			return l, true
		}
	}
	return Language{}, false
}

// Text is the text at where (a Translation key, "/easyRead" ones
// included) in the language lang, as Localized gives it: the
// translation's, else the main language's. An easy-read wording is ""
// when there is none (easy read then shows the standard text). A where
// that names no text of the form gives "".
func (f *Form) Text(where, lang string) string {
	base, easy := strings.CutSuffix(where, EasyReadSuffix)
	for _, s := range f.slots() {
		if s.where != base {
			continue
		}
		if easy && s.easy == nil {
			return ""
		}
		return s.local(f.Translations[lang], easy)
	}
	return ""
}

// Localized is a copy of the form with every text in the language lang,
// each falling back to the main language's where the translation gives
// none (see Translation). Everything else is the form's own, so its
// answers are checked alike. An unknown language gives a copy in the
// main language.
func (f *Form) Localized(lang string) *Form {
	c := f.clone()
	t, ok := f.Translations[lang]
	if !ok || lang == f.MainLanguage() {
		return c
	}
	for _, s := range c.slots() {
		text := s.local(t, false)
		if s.easy != nil {
			*s.easy = s.local(t, true) // read before the text changes
		}
		*s.text = text
	}
	return c
}

// slot is one text of a form a translation can give.
type slot struct {
	where    string
	text     *string
	easy     *string // its easy-read wording; nil where there can be none
	optional bool    // need not be translated
}

// local is the slot's text (or, easy, its easy-read wording) in t.
func (s slot) local(t Translation, easy bool) string {
	std, has := t.text(s.where)
	switch {
	case !easy && has:
		return std
	case !easy:
		return *s.text
	}
	if e, ok := t.text(s.where + EasyReadSuffix); ok {
		return e
	}
	if has || s.easy == nil {
		return "" // the translated text is shown in easy read too
	}
	return *s.easy
}

// slots lists the texts of the form in form order: the title, then
// EasyTexts' (each with its easy-read wording), a guidance's heading and
// questions' short labels. Empty texts are left out.
func (f *Form) slots() []slot {
	var out []slot
	add := func(where string, text, easy *string, optional bool) {
		if *text != "" {
			out = append(out, slot{where: where, text: text, easy: easy, optional: optional})
		}
	}
	add("title", &f.Title, nil, false)
	add("introduction", &f.Introduction, &f.EasyReadIntroduction, false)
	add("privacyNotice", &f.PrivacyNotice, &f.EasyReadPrivacyNotice, false)
	for si := range f.Sections {
		s := &f.Sections[si]
		add("section:"+sectionKey(s, si), &s.Title, &s.EasyRead, false)
		for qi := range s.Questions {
			q := &s.Questions[qi]
			if q.Type == TypeGuidance {
				add(q.ID+".label", &q.Label, nil, false)
				add(q.ID+".body", &q.Body, &q.EasyRead, false)
			} else {
				add(q.ID+".label", &q.Label, &q.EasyRead, false)
			}
			add(q.ID+".shortLabel", &q.ShortLabel, nil, true)
			add(q.ID+".hint", &q.Hint, &q.EasyReadHint, false)
			add(q.ID+".patternMessage", &q.PatternMessage, &q.EasyReadPatternMessage, false)
			for i := range q.Statements {
				add(q.ID+".statement:"+q.Statements[i].ID, &q.Statements[i].Label, &q.Statements[i].EasyRead, false)
			}
			for i := range q.Options {
				add(q.ID+".option:"+q.Options[i].Value, &q.Options[i].Label, &q.Options[i].EasyRead, false)
			}
		}
	}
	return out
}

// sectionKey names a section in a text's where: its id, else its
// number from 1.
func sectionKey(s *Section, i int) string {
	if s.ID != "" {
		return s.ID
	}
	return strconv.Itoa(i + 1)
}

// clone copies the form deeply enough to change its texts: its sections,
// questions, options and statements, indexed afresh.
func (f *Form) clone() *Form {
	c := *f
	c.Sections = slices.Clone(f.Sections)
	for si := range c.Sections {
		s := &c.Sections[si]
		s.Questions = slices.Clone(s.Questions)
		for qi := range s.Questions {
			q := &s.Questions[qi]
			q.Options = slices.Clone(q.Options)
			q.Statements = slices.Clone(q.Statements)
		}
	}
	c.byID, c.sectionOf, c.order = map[string]*Question{}, map[string]*Section{}, nil
	for si := range c.Sections {
		s := &c.Sections[si]
		for qi := range s.Questions {
			q := &s.Questions[qi]
			if q.ID != "" && c.byID[q.ID] == nil {
				c.byID[q.ID] = q
				c.sectionOf[q.ID] = s
			}
			c.order = append(c.order, q)
		}
	}
	return &c
}

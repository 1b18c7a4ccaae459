package formbook

import (
	"regexp"
	"strings"

	"chorus/internal/form"
)

// Columns of texts in other languages are named as in XLSForm: the column
// they translate, ::, the language's name and its code in brackets, as
// label::Polski (pl). The form's main language (default_language on the
// settings sheet, en when empty) is in the plain columns; label::English
// (en) is read as label when the main language is en.

// Settings columns about languages.
const (
	colDefaultLanguage = "default_language"
	// colPartial and colDirection come only in a language: partial::Arabic
	// (ar) is yes when the translation may leave texts out, direction::…
	// ltr or rtl when the language is not written the usual way.
	colPartial   = "partial"
	colDirection = "direction"
)

// translatable are, per sheet, the columns that come in other languages,
// in the order Write gives them.
var translatable = map[string][]string{
	sheetSurvey:   {colLabel, colShortLabel, colHint, colEasyRead, colEasyReadHint, colPatternMessage, colEasyReadPatternMessage, colBody},
	sheetChoices:  {colLabel, colEasyRead},
	sheetSettings: {colFormTitle, colIntroduction, colPrivacyNotice, colEasyReadIntroduction, colEasyReadPrivacyNotice, colPartial, colDirection},
}

// langColumn is one column of texts in another language.
type langColumn struct {
	col    string // the column it translates: label
	code   string // pl
	header string // as written, for messages
	pos    int    // its position in a row
}

// langName reads "Polski (pl)": a name, then a code in brackets.
var langName = regexp.MustCompile(`^(.*?)\s*\(\s*([^()]*?)\s*\)$`)

// languageColumnName is the header of col in a language: label::Polski (pl).
func languageColumnName(col, name, code string) string {
	return col + "::" + name + " (" + code + ")"
}

// readLanguageHeader reads a header base::lang: a translatable column in
// a language.
func (t *table) readLanguageHeader(num, i int, shown, base, lang string, ps *problems) {
	nb := normalHeader(base)
	if nb == "media" {
		ps.add(t.sheet, num, shown, "", "Chorus has no column %q on the %s sheet: %s", shown, t.sheet, columnAdvice["mediaimage"])
		return
	}
	col := ""
	for _, c := range translatable[t.sheet] {
		if normalHeader(c) == nb {
			col = c
		}
	}
	if col == "" {
		ps.add(t.sheet, num, shown, "", "Chorus has no column %q on the %s sheet: only %s come in other languages, like %s", shown, t.sheet,
			strings.Join(translatable[t.sheet], ", "), languageColumnName(translatable[t.sheet][0], "Polski", "pl"))
		return
	}
	m := langName.FindStringSubmatch(strings.TrimSpace(lang))
	if m == nil || m[2] == "" {
		ps.add(t.sheet, num, shown, "", "write the language's code in brackets after its name, like %s", languageColumnName(col, "Polski", "pl"))
		return
	}
	name, code := strings.TrimSpace(m[1]), m[2]
	for _, l := range t.langs {
		if l.col == col && l.code == code {
			ps.add(t.sheet, num, shown, "", "column %s is there twice", languageColumnName(col, name, code))
			return
		}
	}
	if prev := t.names[code]; prev != "" && name != "" && prev != name {
		ps.add(t.sheet, num, shown, "", "the language %s is called %s in column %s and %s here: give it one name", code, prev, t.heads[code], name)
	}
	if t.names == nil {
		t.names, t.heads = map[string]string{}, map[string]string{}
	}
	if t.names[code] == "" {
		t.names[code] = name
	}
	if t.heads[code] == "" {
		t.heads[code] = shown
	}
	t.langs = append(t.langs, langColumn{col: col, code: code, header: shown, pos: i})
}

// lang returns a row's cell in col in the language code, or "".
func (t *table) lang(r tableRow, l langColumn) string {
	if l.pos >= len(r.cells) {
		return ""
	}
	return r.cells[l.pos]
}

// resolveLanguages reads the main language's columns (label::English
// (en) for a form in English) as the plain ones, and makes a translation
// for each other language a column is in, named as its columns name it.
func (b *builder) resolveLanguages(f *form.Form) {
	main := f.MainLanguage()
	names := map[string]string{}
	var codes []string
	for _, t := range []*table{b.survey, b.choices, b.settings} {
		if t == nil {
			continue
		}
		kept := t.langs[:0]
		for _, l := range t.langs {
			switch {
			case l.code != main:
				kept = append(kept, l)
				if _, seen := names[l.code]; !seen {
					codes = append(codes, l.code)
					names[l.code] = ""
				}
			case l.col == colPartial || l.col == colDirection:
				b.ps.add(t.sheet, t.header, l.header, "", "%s is the form's main language (default_language), whose texts are in the plain columns: this column is for another language", main)
			case t.has(l.col):
				b.ps.add(t.sheet, t.header, l.header, "", "%s is the form's main language (default_language), whose texts are in the %s column already: keep one of the two", main, l.col)
			default:
				t.cols[l.col] = l.pos
			}
		}
		t.langs = kept
		for code, n := range t.names {
			switch prev, ok := names[code]; {
			case !ok || n == "":
			case prev == "":
				names[code] = n
			case prev != n:
				b.ps.add(t.sheet, t.header, t.heads[code], "", "the language %s is called %s on another sheet and %s here: give it one name", code, prev, n)
			}
		}
	}
	if len(codes) == 0 {
		return
	}
	f.Translations = map[string]form.Translation{}
	for _, code := range codes {
		f.Translations[code] = form.Translation{Name: names[code]}
	}
}

// translate records a cell's text in another language at where.
func (b *builder) translate(code, where, text string) {
	if text == "" || where == "" {
		return
	}
	t := b.form.Translations[code]
	if t.Texts == nil {
		t.Texts = map[string]string{}
	}
	t.Texts[where] = text
	b.form.Translations[code] = t
}

// readSettingsLanguages reads the settings row's texts in other
// languages, and whether each translation is partial and its direction.
func (b *builder) readSettingsLanguages() {
	t := b.settings
	if t == nil || len(t.rows) == 0 {
		return
	}
	r := t.rows[0]
	for _, l := range t.langs {
		v := t.lang(r, l)
		switch l.col {
		case colPartial:
			tr := b.form.Translations[l.code]
			tr.Partial = b.yesNo(sheetSettings, r.num, l.header, strings.TrimSpace(v))
			b.form.Translations[l.code] = tr
		case colDirection:
			tr := b.form.Translations[l.code]
			tr.Dir = strings.ToLower(strings.TrimSpace(v))
			b.form.Translations[l.code] = tr
		default:
			b.translate(l.code, settingsWhere[l.col], v)
		}
	}
}

// readDefaultLanguage reads the settings' default_language: a code, or
// XLSForm's "English (en)".
func readDefaultLanguage(s string) string {
	s = strings.TrimSpace(s)
	if m := langName.FindStringSubmatch(s); m != nil {
		return m[2]
	}
	return s
}

// settingsWhere is where each settings column's text is in a translation.
var settingsWhere = map[string]string{
	colFormTitle: "title", colIntroduction: "introduction", colPrivacyNotice: "privacyNotice",
	colEasyReadIntroduction: "introduction" + form.EasyReadSuffix, colEasyReadPrivacyNotice: "privacyNotice" + form.EasyReadSuffix,
}

// questionWhere is where a question row's column is in a translation.
func questionWhere(q *form.Question, col string) string {
	switch col {
	case colEasyRead:
		if q.Type == form.TypeGuidance {
			return q.ID + ".body" + form.EasyReadSuffix // a guidance's easy read is its body's
		}
		return q.ID + ".label" + form.EasyReadSuffix
	case colEasyReadHint:
		return q.ID + ".hint" + form.EasyReadSuffix
	case colEasyReadPatternMessage:
		return q.ID + ".patternMessage" + form.EasyReadSuffix
	}
	if field, ok := questionFieldOf[col]; ok {
		return q.ID + "." + field
	}
	return ""
}

// questionFieldOf names the text of a survey column in a translation's key.
var questionFieldOf = map[string]string{colLabel: "label", colShortLabel: "shortLabel", colHint: "hint", colPatternMessage: "patternMessage", colBody: "body"}

// choiceWhere is where a choices row's column is in a translation, for
// the question q using its list as options or (statement) statements.
func choiceWhere(q, value, col string, statement bool) string {
	where := q + ".option:" + value
	if statement {
		where = q + ".statement:" + value
	}
	if col == colEasyRead {
		return where + form.EasyReadSuffix
	}
	return where
}

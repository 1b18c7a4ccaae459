package form

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

// checkTranslations checks the form's language and translations (run by
// Prepare, once the questions are indexed): each code is a language code,
// no translation is of the main language, each has a name and a direction
// of ltr or rtl, each text it gives is a text of the form, and a
// translation that is not partial gives every text. Each problem names
// its language, and the question where there is one.
func (f *Form) checkTranslations() DefinitionErrors {
	var errs DefinitionErrors
	if f.Language != "" && !ValidLanguage(f.Language) {
		errs = append(errs, DefinitionError{File: f.file, Language: f.Language, Where: "language",
			Message: fmt.Sprintf("language %q is not a language code: %s", f.Language, languageAdvice(f.Language))})
	}
	if len(f.Translations) == 0 {
		return errs
	}
	main := f.MainLanguage()
	slots := f.slots()
	byWhere := make(map[string]slot, len(slots))
	for _, s := range slots {
		byWhere[s.where] = s
	}
	for _, code := range slices.Sorted(maps.Keys(f.Translations)) {
		t := f.Translations[code]
		bad := func(question, where, format string, args ...any) {
			errs = append(errs, DefinitionError{File: f.file, Question: question, Language: code, Where: where, Message: fmt.Sprintf(format, args...)})
		}
		switch {
		case !ValidLanguage(code):
			bad("", "", "translations: %q is not a language code: %s", code, languageAdvice(code))
			continue
		case code == main:
			bad("", "", "translations: %s is the form's main language (language: %s), whose texts are the form's own: translate into another language", code, main)
			continue
		}
		what := "translation " + code
		if strings.TrimSpace(t.Name) == "" {
			bad("", "name", "translation %s has no name: give the language's name as its speakers write it, such as Polski or العربية", code)
		} else {
			what += " (" + t.Name + ")"
		}
		if t.Dir != "" && t.Dir != DirLTR && t.Dir != DirRTL {
			bad("", "dir", "%s: dir %q must be ltr or rtl", what, t.Dir)
		}
		for _, where := range slices.Sorted(maps.Keys(t.Texts)) {
			base, easy := strings.CutSuffix(where, EasyReadSuffix)
			s, ok := byWhere[base]
			switch {
			case !ok:
				bad(f.questionIn(base), where, "%s: %q is not a text of this form (%s)", what, where, f.textsNear(base, slots))
			case easy && s.easy == nil:
				bad(f.questionIn(base), where, "%s: %q: %s has no easy-read wording, in any language", what, where, base)
			}
		}
		if t.Partial {
			continue
		}
		for _, s := range slots {
			if _, ok := t.text(s.where); !ok && !s.optional {
				bad(f.questionIn(s.where), s.where, "%s has no text for %q: add it, or mark the translation partial: true to show the %s text where it has none",
					what, s.where, languageName(main))
			}
		}
	}
	return errs
}

// questionIn is the id of the question a text's where names, when the
// form has that question; "" otherwise.
func (f *Form) questionIn(where string) string {
	if i := indexDot(where); i > 0 && f.byID[where[:i]] != nil {
		return where[:i]
	}
	return ""
}

// textsNear helps with a where that names no text: the texts of the
// question it names, or the form's own texts.
func (f *Form) textsNear(where string, slots []slot) string {
	prefix := ""
	if i := indexDot(where); i > 0 {
		prefix = where[:i+1]
		if f.byID[where[:i]] == nil {
			return fmt.Sprintf("the form has no question %s", where[:i])
		}
	}
	var near []string
	for _, s := range slots {
		if (prefix != "" && strings.HasPrefix(s.where, prefix)) || (prefix == "" && indexDot(s.where) < 0) {
			near = append(near, s.where)
		}
	}
	if len(near) == 0 {
		return "it has no such text"
	}
	return "its texts there are " + strings.Join(near, ", ")
}

// TranslationGaps warns, for each partial translation, how many texts it
// leaves in the main language, naming the first few: the form works, in
// two languages on one screen.
func (f *Form) TranslationGaps() DefinitionErrors {
	var out DefinitionErrors
	slots := f.slots()
	for _, l := range f.Languages()[1:] {
		t := f.Translations[l.Code]
		var missing []string
		total := 0
		for _, s := range slots {
			if s.optional {
				continue
			}
			total++
			if _, ok := t.text(s.where); !ok {
				missing = append(missing, s.where)
			}
		}
		if len(missing) == 0 {
			continue
		}
		shown := missing
		if len(shown) > 5 {
			shown = append(shown[:5:5], fmt.Sprintf("and %d more", len(missing)-5))
		}
		out = append(out, DefinitionError{File: f.file, Language: l.Code, Message: fmt.Sprintf("translation %s (%s) is partial: %d of %d texts are shown in %s (%s)",
			l.Code, l.Name, len(missing), total, f.Languages()[0].Name, strings.Join(shown, ", "))})
	}
	return out
}

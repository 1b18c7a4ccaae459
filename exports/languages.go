package exports

import (
	"strings"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// Translated reports whether any version of a form has translations: its
// exports then say the language of each response.
func Translated(versions []*form.Form) bool {
	for _, f := range versions {
		if len(f.Translations) > 0 {
			return true
		}
	}
	return false
}

// CheckLabels checks the language an export's labels are asked in: ""
// (the main language), or a language that some version of the form is
// in, in any case. It returns the language's code as the form writes it.
func CheckLabels(versions []*form.Form, code string) (string, error) {
	if code == "" {
		return "", nil
	}
	var known []string
	for i := len(versions) - 1; i >= 0; i-- {
		if l, ok := versions[i].Offers(code); ok {
			return l.Code, nil
		}
	}
	for _, l := range versions[len(versions)-1].Languages() {
		known = append(known, l.Code+" ("+l.Name+")")
	}
	return "", chorus.Errorf(chorus.EINVALID, "The form %q is not in the language %q: ask for labels in %s.",
		versions[len(versions)-1].ID, code, strings.Join(known, " or "))
}

// LanguageName names a language of the form f as "Polski (pl)": the
// language a response says it was filled in, or ("") f's main language.
// A code f does not know is given as it is.
func LanguageName(f *form.Form, code string) string {
	if code == "" {
		code = f.MainLanguage()
	}
	if l, ok := f.Offers(code); ok && l.Name != "" && l.Name != l.Code {
		return l.Name + " (" + l.Code + ")"
	}
	return code
}

// localize puts every version's texts in the language of Request.Labels,
// once: labels, titles and options in the headers, cells and Summary.
// The versions given are left as they are.
func (req *Request) localize() {
	if req.Labels == "" || req.localized {
		return
	}
	vs := make([]*form.Form, len(req.Versions))
	for i, f := range req.Versions {
		vs[i] = f.Localized(req.Labels)
	}
	req.Versions, req.localized = vs, true
}

// languageColumn says the language each response was filled in, for a
// form with translations; nil for others.
func (req *Request) languageColumn() *column {
	if !Translated(req.Versions) {
		return nil
	}
	byVersion := map[string]*form.Form{}
	for _, f := range req.Versions {
		byVersion[f.Version] = f
	}
	names := map[[2]string]string{} // (version, code) → name
	return &column{header: "Language", width: 16, value: func(r *chorus.Response) any {
		key := [2]string{r.FormVersion, r.Language}
		n, ok := names[key]
		if !ok {
			f := byVersion[r.FormVersion]
			if f == nil {
				f = req.current()
			}
			n = LanguageName(f, r.Language)
			names[key] = n
		}
		return text(n)
	}}
}

package formbook

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// placeOf says which sheet and column a translation's text at where (a
// form.Translation key) is written in; false for a key no cell holds.
func placeOf(where string) (sheet, col string, ok bool) {
	for c, w := range settingsWhere {
		if w == where {
			return sheetSettings, c, true
		}
	}
	base, easy := strings.CutSuffix(where, form.EasyReadSuffix)
	pick := func(sheet, plain, easyCol string) (string, string, bool) {
		if easy {
			return sheet, easyCol, easyCol != ""
		}
		return sheet, plain, true
	}
	if strings.HasPrefix(base, "section:") {
		return pick(sheetSurvey, colLabel, colEasyRead)
	}
	i := strings.IndexByte(base, '.')
	if i <= 0 {
		return "", "", false
	}
	switch rest := base[i+1:]; {
	case strings.HasPrefix(rest, "option:"), strings.HasPrefix(rest, "statement:"):
		return pick(sheetChoices, colLabel, colEasyRead)
	case rest == "label":
		return pick(sheetSurvey, colLabel, colEasyRead)
	case rest == "body":
		return pick(sheetSurvey, colBody, colEasyRead)
	case rest == "hint":
		return pick(sheetSurvey, colHint, colEasyReadHint)
	case rest == "patternMessage":
		return pick(sheetSurvey, colPatternMessage, colEasyReadPatternMessage)
	case rest == "shortLabel":
		return pick(sheetSurvey, colShortLabel, "")
	}
	return "", "", false
}

// unplaceable lists the texts of f's translations that no cell holds.
func unplaceable(f *form.Form) []string {
	var out []string
	for code, t := range f.Translations {
		for where := range t.Texts {
			if _, _, ok := placeOf(where); !ok {
				out = append(out, "translations."+code+": "+where)
			}
		}
	}
	return out
}

// addLanguageColumns adds, after each sheet's own columns, a column for
// each text column that holds a text in another language (label::Polski
// (pl)), languages by code: only those used, so that a form in two
// languages is not a wall of empty columns.
func (w *writer) addLanguageColumns() {
	f := w.f
	w.cols = map[string][]column{sheetSurvey: surveyColumns, sheetChoices: choicesColumns, sheetSettings: settingsColumns}
	for _, code := range slices.Sorted(maps.Keys(f.Translations)) {
		if code != f.MainLanguage() {
			w.codes = append(w.codes, code)
		}
	}
	used := map[[3]string]bool{} // sheet, column, code
	for _, code := range w.codes {
		t := f.Translations[code]
		for where, text := range t.Texts {
			if sheet, col, ok := placeOf(where); ok && text != "" {
				used[[3]string{sheet, col, code}] = true
			}
		}
		used[[3]string{sheetSettings, colPartial, code}] = t.Partial
		used[[3]string{sheetSettings, colDirection, code}] = t.Dir != ""
	}
	for _, sheet := range []string{sheetSurvey, sheetChoices, sheetSettings} {
		cols := w.cols[sheet]
		for _, code := range w.codes {
			for _, col := range translatable[sheet] {
				if used[[3]string{sheet, col, code}] {
					cols = append(cols, column{name: languageColumnName(col, f.Translations[code].Name, code)})
				}
			}
		}
		if len(cols) > maxColumns && w.err == nil {
			w.err = fmt.Errorf("%w %s: its %s sheet would need %d columns in its %d languages, and a workbook's sheet is read to column %d; download it as YAML or JSON instead",
				ErrUnwritable, f.ID, sheet, len(cols), len(w.codes)+1, maxColumns)
		}
		w.header(sheet, cols[len(w.cols[sheet]):], len(w.cols[sheet]))
		w.cols[sheet] = cols
	}
}

// header writes the names of columns added after the first n of a sheet,
// styled as its own, wide and wrapping.
func (w *writer) header(sheet string, cols []column, n int) {
	if w.err != nil || len(cols) == 0 {
		return
	}
	style, err := w.x.GetCellStyle(sheet, "A1")
	if err != nil {
		w.err = err
		return
	}
	wrap, err := w.x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for i, c := range cols {
		if err != nil {
			break
		}
		letter, _ := excelize.ColumnNumberToName(n + i + 1)
		if err = w.x.SetCellValue(sheet, letter+"1", c.name); err == nil {
			err = w.x.SetCellStyle(sheet, letter+"1", letter+"1", style)
		}
		if err == nil {
			err = w.x.SetColWidth(sheet, letter, letter, 40)
		}
		if err == nil {
			err = w.x.SetColStyle(sheet, letter, wrap)
		}
	}
	w.err = err
}

// setLang writes a translation's text at where in col in the language
// code, on a sheet's row; nothing when it gives none.
func (w *writer) setLang(sheet string, row int, col, code, where string) {
	t := w.f.Translations[code]
	if v := t.Texts[where]; v != "" && where != "" {
		w.set(sheet, w.cols[sheet], languageColumnName(col, t.Name, code), row, v)
	}
}

// writeSettingsLanguages writes the settings row's texts in each other
// language, and whether each translation is partial and its direction.
func (w *writer) writeSettingsLanguages() {
	for _, code := range w.codes {
		t := w.f.Translations[code]
		for _, col := range translatable[sheetSettings] {
			switch col {
			case colPartial:
				if t.Partial {
					w.set(sheetSettings, w.cols[sheetSettings], languageColumnName(col, t.Name, code), 2, "yes")
				}
			case colDirection:
				w.set(sheetSettings, w.cols[sheetSettings], languageColumnName(col, t.Name, code), 2, t.Dir)
			default:
				w.setLang(sheetSettings, 2, col, code, settingsWhere[col])
			}
		}
	}
}

package formbook_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
	"chorus/internal/formbook"
)

// translatedEverything is the form using every field, with every text in
// Polish (one of two options that share a list otherwise in other
// words), and some in Arabic, partial and written right to left.
func translatedEverything(t *testing.T) *form.Form {
	t.Helper()
	f, errs := form.Parse("everything.yaml", []byte(everything), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pl := map[string]string{"title": "PL " + f.Title}
	for _, x := range f.EasyTexts() {
		pl[x.Where] = "PL " + x.Text
		if x.EasyRead != "" {
			pl[x.Where+form.EasyReadSuffix] = "PL " + x.EasyRead
		}
	}
	for _, q := range f.Questions() {
		if q.ShortLabel != "" {
			pl[q.ID+".shortLabel"] = "PL " + q.ShortLabel
		}
		if q.Type == form.TypeGuidance && q.Label != "" {
			pl[q.ID+".label"] = "PL " + q.Label
		}
	}
	pl["single.option:1"] = "Jeden"
	raw, _ := json.Marshal(f)
	var def map[string]any
	if err := json.Unmarshal(raw, &def); err != nil {
		t.Fatal(err)
	}
	def["language"] = "en"
	def["translations"] = map[string]any{
		"pl": map[string]any{"name": "Polski", "texts": pl},
		"ar": map[string]any{"name": "العربية", "partial": true, "dir": "rtl", "texts": map[string]string{
			"title": "كل شيء", "section:1": "بلا معرف", "rating.option:2": "اثنان", "agreeGrid.statement:roads": "الطرق آمنة"}},
	}
	raw, _ = json.Marshal(def)
	tf, errs := form.Parse("translated.json", raw, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return tf
}

// A translated form survives the round trip, in XLSForm's columns.
func TestRoundTripTranslated(t *testing.T) {
	f := translatedEverything(t)
	data, _ := roundTrip(t, f)
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for sheet, cols := range map[string][]string{
		"survey":   {"label::Polski (pl)", "hint::Polski (pl)", "easy_read::Polski (pl)", "short_label::Polski (pl)", "body::Polski (pl)", "label::العربية (ar)"},
		"choices":  {"label::Polski (pl)", "easy_read::Polski (pl)", "label::العربية (ar)"},
		"settings": {"default_language", "form_title::Polski (pl)", "introduction::Polski (pl)", "easy_read_privacy_notice::Polski (pl)", "partial::العربية (ar)", "direction::العربية (ar)"},
	} {
		rows, _ := x.GetRows(sheet)
		for _, c := range cols {
			if !slices.Contains(rows[0], c) {
				t.Errorf("%s has no column %s: %q", sheet, c, rows[0])
			}
		}
		if slices.Contains(rows[0], "hint::العربية (ar)") {
			t.Errorf("%s has a column of no text: %q", sheet, rows[0])
		}
	}
}

// translatedBook is a workbook in English (its plain columns, and
// label::English (en)) with Polish columns.
func translatedBook(t *testing.T, survey [][]any, choices [][]any, settings [][]any) []byte {
	t.Helper()
	return book(t, sheet{"survey", survey}, sheet{"choices", choices}, sheet{"settings", settings})
}

var (
	plSurvey = [][]any{
		{"type", "name", "label::English (en)", "label::Polski (pl)", "hint", "hint::Polski (pl)", "easy_read::Polski (pl)"},
		{"begin group", "you", "About you", "O Tobie"},
		{"select_one often", "often", "How often?", "Jak często?", "Think of this year", "Pomyśl o tym roku", "Jak często tam chodzisz?"},
		{"end group"},
	}
	plChoices = [][]any{
		{"list_name", "name", "label", "label::Polski (pl)"},
		{"often", "weekly", "Every week", "Co tydzień"},
		{"often", "never", "Never", "Nigdy"},
	}
	plSettings = [][]any{
		{"form_id", "version", "form_title", "kind", "audience", "default_language", "form_title::Polski (pl)"},
		{"test-form", "1", "A test form", "survey", "public", "English (en)", "Formularz"},
	}
)

// label::English (en) is the main language's label when the form is in
// English; default_language may be XLSForm's "English (en)".
func TestReadTranslatedWorkbook(t *testing.T) {
	f := read(t, translatedBook(t, plSurvey, plChoices, plSettings))
	if f.Language != "en" || f.Question("often").Label != "How often?" {
		t.Fatalf("language %q, label %q", f.Language, f.Question("often").Label)
	}
	for where, want := range map[string]string{
		"title": "Formularz", "section:you": "O Tobie", "often.label": "Jak często?", "often.hint": "Pomyśl o tym roku",
		"often.label/easyRead": "Jak często tam chodzisz?", "often.option:never": "Nigdy",
	} {
		if got := f.Text(where, "pl"); got != want {
			t.Errorf("%s in Polish: %q, want %q", where, got, want)
		}
	}
	if l := f.Languages(); len(l) != 2 || l[1].Name != "Polski" {
		t.Errorf("languages %+v", l)
	}
}

// Mistakes in languages are found at their cells.
func TestTranslatedWorkbookMistakes(t *testing.T) {
	change := func(rows [][]any, r, c int, v any) [][]any {
		out := make([][]any, len(rows))
		for i := range rows {
			out[i] = slices.Clone(rows[i])
		}
		for len(out[r]) <= c {
			out[r] = append(out[r], nil)
		}
		out[r][c] = v
		return out
	}
	for _, tc := range []struct {
		name                      string
		survey, choices, settings [][]any
		sheet                     string
		row                       int
		column, message           string
	}{
		{"a bad language code", change(plSurvey, 0, 6, "easy_read::Polish (polish)"), plChoices, plSettings,
			"survey", 1, "easy_read::Polish (polish)", `"polish" is not a language code`},
		{"no code", change(plSurvey, 0, 6, "easy_read::Polski"), plChoices, plSettings,
			"survey", 1, "easy_read::Polski", "write the language's code in brackets after its name, like easy_read::Polski (pl)"},
		{"a hint not translated", change(plSurvey, 2, 5, ""), plChoices, plSettings,
			"survey", 3, "hint::Polski (pl)", "the Polski (pl) translation has no text here: write it, or write yes in the column partial::Polski (pl) on the settings sheet to show the English text"},
		{"an option not translated", plSurvey, change(plChoices, 2, 3, ""), plSettings,
			"choices", 3, "label::Polski (pl)", "has no text here"},
		{"a section not translated", change(plSurvey, 1, 3, ""), plChoices, plSettings,
			"survey", 2, "label::Polski (pl)", "has no text here"},
		{"the title not translated, with no column for it", plSurvey, plChoices, [][]any{plSettings[0][:6], plSettings[1][:6]},
			"settings", 2, "form_title::Polski (pl)", "has no text here"},
		{"a text the main language has not", change(change(plSurvey, 0, 7, "short_label::Polski (pl)"), 2, 7, "Często"), plChoices, plSettings,
			"survey", 3, "short_label::Polski (pl)", "this cell gives in Polski (pl) a text the form has not in English: write that in the short_label column too"},
		{"a bad default language", plSurvey, plChoices, change(plSettings, 1, 5, "English"),
			"settings", 2, "default_language", `default_language "English" is not a language code`},
		{"two names for one language", change(plSurvey, 0, 5, "hint::Polish (pl)"), plChoices, plSettings,
			"survey", 1, "hint::Polish (pl)", "the language pl is called Polski in column label::Polski (pl) and Polish here"},
		{"an untranslatable column", change(plSurvey, 0, 7, "required::Polski (pl)"), plChoices, plSettings,
			"survey", 1, "required::Polski (pl)", "only label, short_label, hint"},
		{"a direction", plSurvey, plChoices, change(change(plSettings, 0, 7, "direction::Polski (pl)"), 1, 7, "sideways"),
			"settings", 2, "direction::Polski (pl)", `dir "sideways" must be ltr or rtl`},
		{"a partial that is not yes or no", plSurvey, plChoices, change(change(plSettings, 0, 7, "partial::Polski (pl)"), 1, 7, "maybe"),
			"settings", 2, "partial::Polski (pl)", "must be yes or no"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ps := problemsOf(t, translatedBook(t, tc.survey, tc.choices, tc.settings))
			if !hasProblem(ps, tc.sheet, tc.row, tc.column, tc.message) {
				t.Errorf("no problem at %s row %d, column %s: %s\n%s", tc.sheet, tc.row, tc.column, tc.message, ps)
			}
		})
	}
}

// A partial translation may leave cells empty: they are shown in English.
func TestPartialTranslatedWorkbook(t *testing.T) {
	settings := [][]any{append(slices.Clone(plSettings[0]), "partial::Polski (pl)"), append(slices.Clone(plSettings[1]), "yes")}
	survey := slices.Clone(plSurvey)
	survey[2] = slices.Clone(plSurvey[2])
	survey[2][5] = ""
	f := read(t, translatedBook(t, survey, plChoices, settings))
	if got := f.Text("often.hint", "pl"); got != "Think of this year" || !f.Translations["pl"].Partial {
		t.Errorf("hint in Polish %q, partial %v", got, f.Translations["pl"].Partial)
	}
	if !strings.Contains(formbook.WorkbookWords("easyRead"), "easy_read") {
		t.Error("workbook words")
	}
}

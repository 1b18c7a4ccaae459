package app_test

import (
	"context"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
)

const translatedForm = "day-centres"

// A consultation in English, Polish and Arabic answered through the API:
// each response keeps its language (an unknown one is refused, naming
// it), the download's Language column says it, the Summary counts the
// answers whatever their language (equal to this test's own counts), the
// results count the languages, and ?labels=pl gives Polish headers.
func TestTranslatedFormThroughTheAPI(t *testing.T) {
	h := start(t, "testdata/forms-translated", "")
	def := h.get(t, "/api/v1/forms/"+translatedForm)
	if tr, _ := def.body["translations"].(map[string]any); def.status != 200 || tr["pl"] == nil || tr["ar"] == nil {
		t.Fatalf("definition: %d %s", def.status, def.raw)
	}
	// The list names the form in each language, so the app lists it in the
	// person's language before it has the form.
	var listed []struct {
		Language     string
		Translations map[string]struct{ Name, Dir, Title string }
	}
	if err := jsonUnmarshal(h.get(t, "/api/v1/forms").raw, &listed); err != nil || len(listed) != 1 {
		t.Fatalf("the list: %v %+v", err, listed)
	}
	if l := listed[0]; l.Language != "en" || l.Translations["pl"].Title != "Ośrodki dzienne" || l.Translations["ar"].Dir != "rtl" ||
		l.Translations["ar"].Title != "مراكز الرعاية النهارية" || l.Translations["pl"].Name != "Polski" {
		t.Errorf("the list's languages: %+v", l)
	}

	often := []string{"weekly", "monthly", "never"}
	langs := []string{"", "en", "pl", "ar", "PL"}
	wantLang := map[string]int64{}
	wantOften := map[string]int64{}
	wantLikes := map[string]int64{}
	for i := range 15 {
		answers := map[string]any{"often": often[i%3], "more": i%2 == 0}
		if i%4 != 0 {
			answers["likes"] = []string{"food", "trips"}[:1+i%2]
			for _, l := range answers["likes"].([]string) {
				wantLikes[l]++
			}
		}
		body := map[string]any{"id": newID(), "formVersion": "1", "answers": answers}
		if l := langs[i%len(langs)]; l != "" {
			body["language"] = l
		}
		r := h.postJSON(t, "/api/v1/forms/"+translatedForm+"/responses", body)
		if r.status != 201 {
			t.Fatalf("response %d: %d %s", i, r.status, r.raw)
		}
		lang := strings.ToLower(langs[i%len(langs)])
		if lang == "" {
			lang = "en"
		}
		wantLang[lang]++
		wantOften[often[i%3]]++
	}
	r := h.postJSON(t, "/api/v1/forms/"+translatedForm+"/responses", map[string]any{"id": newID(), "formVersion": "1",
		"answers": map[string]any{"often": "never"}, "language": "de"})
	wantProblem(t, r, 422)
	if d := r.body["detail"].(string); !strings.Contains(d, `"de"`) || !strings.Contains(d, "pl (Polski)") {
		t.Errorf("refusal of an unknown language: %s", d)
	}
	stored := map[string]int64{}
	for _, s := range h.storedResponses(t, translatedForm) {
		stored[s.Language]++
	}
	if stored["pl"] != wantLang["pl"] || stored["ar"] != wantLang["ar"] || stored["en"] != 3 || stored[""] != 3 {
		t.Errorf("stored languages %v", stored)
	}
	if err := h.app.Intake.FlushStats(context.Background()); err != nil {
		t.Fatal(err)
	}

	officer := h.signIn(t, "officer")
	x := h.getAs(t, officer, "/api/v1/forms/"+translatedForm+"/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d %s", x.status, x.raw)
	}
	rows, _ := openWorkbook(t, x.raw).GetRows("Responses")
	col := slices.Index(rows[0], "Language")
	if col < 0 || len(rows) != 16 {
		t.Fatalf("%d rows, header %q", len(rows), rows[0])
	}
	names := map[string]string{"en": "English (en)", "pl": "Polski (pl)", "ar": "العربية (ar)"}
	got := map[string]int64{}
	for _, row := range rows[1:] {
		got[row[col]]++
	}
	for code, n := range wantLang {
		if got[names[code]] != n {
			t.Errorf("%s: %d rows, want %d (%v)", names[code], got[names[code]], n, got)
		}
	}

	// The Summary counts the same answers in whatever language they were
	// given, and the results say the same, with the count per language.
	summary := summaryCounts(t, x.raw)
	labels := map[string]string{"weekly": "Every week", "monthly": "Every month", "never": "Never", "food": "The food", "trips": "Trips out"}
	for v, n := range wantOften {
		if k := "How often do you go to a day centre? / " + labels[v]; summary[k] != n {
			t.Errorf("%s: %d, want %d", k, summary[k], n)
		}
	}
	for v, n := range wantLikes {
		if k := "What do you like there? / " + labels[v]; summary[k] != n {
			t.Errorf("%s: %d, want %d", k, summary[k], n)
		}
	}
	results := h.getAs(t, officer, "/api/v1/officer/forms/"+translatedForm+"/results")
	counts, total := resultCounts(t, results)
	if total != 15 {
		t.Errorf("results of %d responses", total)
	}
	for k, n := range summary {
		if counts[k] != n {
			t.Errorf("results %s = %d, the Summary %d", k, counts[k], n)
		}
	}
	byLang, _ := results.body["languages"].(map[string]any)
	for code, n := range wantLang {
		if v, _ := byLang[code].(float64); int64(v) != n {
			t.Errorf("results: %s %v, want %d (%s)", code, byLang[code], n, results.raw)
		}
	}

	// Labels in Polish: the same numbers, Polish words.
	pl := h.getAs(t, officer, "/api/v1/forms/"+translatedForm+"/export.xlsx?labels=pl")
	if pl.status != 200 {
		t.Fatalf("export in Polish: %d %s", pl.status, pl.raw)
	}
	plRows, _ := openWorkbook(t, pl.raw).GetRows("Responses")
	for _, h := range []string{"Jak często chodzisz do ośrodka dziennego?", "Co tam lubisz?", "Co tam lubisz?: Wycieczki", "Czy chcesz dowiedzieć się więcej?", "Language"} {
		if !slices.Contains(plRows[0], h) {
			t.Errorf("no header %q in %q", h, plRows[0])
		}
	}
	plSummary := summaryCounts(t, pl.raw)
	if k := "Jak często chodzisz do ośrodka dziennego? / Co tydzień"; plSummary[k] != wantOften["weekly"] {
		t.Errorf("%s: %d, want %d", k, plSummary[k], wantOften["weekly"])
	}
	wantProblem(t, h.getAs(t, officer, "/api/v1/forms/"+translatedForm+"/export.xlsx?labels=de"), 422)

	c := h.getAs(t, officer, "/api/v1/forms/"+translatedForm+"/export.csv?labels=ar")
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(c.raw), "\uFEFF"))).ReadAll()
	if c.status != 200 || err != nil {
		t.Fatalf("CSV: %d %v", c.status, err)
	}
	if !slices.Contains(recs[0], "كم مرة تذهب إلى مركز الرعاية النهارية؟") || !slices.Contains(recs[0], "What do you like there?") || recs[4][slices.Index(recs[0], "Language")] != "العربية (ar)" {
		t.Errorf("CSV in Arabic, English where it has no translation: %q, %q", recs[0], recs[4])
	}
}

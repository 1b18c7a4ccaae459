package exports_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"chorus/exports"
	"chorus/internal/chorus"
)

// translatedV1 is a form in English with a Polish translation; v2 adds
// an Arabic one, partial.
const translatedV1 = `id: survey
version: "1"
title: Day centres
kind: consultation
audience: public
sections:
  - id: you
    title: You
    questions:
      - {id: often, type: singleChoice, label: "How often do you go?", options: [{value: weekly, label: Every week}, {value: never, label: Never}]}
      - {id: likes, type: multipleChoice, label: "What do you like?", options: [{value: food, label: Food}, {value: trips, label: Trips}]}
translations:
  pl:
    name: Polski
    texts:
      title: Ośrodki dzienne
      section:you: Ty
      often.label: Jak często chodzisz?
      often.option:weekly: Co tydzień
      often.option:never: Nigdy
      likes.label: Co lubisz?
      likes.option:food: Jedzenie
      likes.option:trips: Wycieczki
`

var translatedV2 = strings.Replace(translatedV1, `version: "1"`, `version: "2"`, 1) + `  ar:
    name: العربية
    partial: true
    texts:
      often.label: كم مرة تذهب؟
`

// Responses given in English, Polish and Arabic: the Language column
// names each response's language, and the Summary counts the same as
// for the same answers given all in English.
func TestLanguageColumnAndSummary(t *testing.T) {
	versions := parse(t, translatedV1, translatedV2)
	answers := []map[string]any{
		{"often": "weekly", "likes": []string{"food"}},
		{"often": "never", "likes": []string{"food", "trips"}},
		{"often": "weekly"},
	}
	langs := []string{"", "pl", "ar"}
	var mixed, english []*chorus.Response
	for i, a := range answers {
		r := resp("r00"+string(rune('1'+i)), "2", a)
		english = append(english, r)
		c := *r
		c.Language = langs[i]
		mixed = append(mixed, &c)
	}
	mixed[1].FormVersion = "1" // Polish on the first version

	var buf bytes.Buffer
	if _, err := exports.Write(&buf, exports.FormatXLSX, exports.LayoutResponses, exports.Request{Versions: versions}, seq(mixed...)); err != nil {
		t.Fatal(err)
	}
	x := open(t, buf.Bytes())
	rows, _ := x.GetRows("Responses")
	col := slices.Index(rows[0], "Language")
	if col < 0 {
		t.Fatalf("no Language column in %q", rows[0])
	}
	for i, want := range []string{"English (en)", "Polski (pl)", "العربية (ar)"} {
		if rows[i+1][col] != want {
			t.Errorf("response %d: language %q, want %q", i+1, rows[i+1][col], want)
		}
	}
	buf.Reset()
	if _, err := exports.Write(&buf, exports.FormatXLSX, exports.LayoutResponses, exports.Request{Versions: versions}, seq(english...)); err != nil {
		t.Fatal(err)
	}
	mixedSummary, _ := x.GetRows("Summary")
	englishSummary, _ := open(t, buf.Bytes()).GetRows("Summary")
	if !slices.EqualFunc(mixedSummary, englishSummary, slices.Equal) || len(mixedSummary) < 6 {
		t.Errorf("the Summary depends on the language:\n%q\n%q", mixedSummary, englishSummary)
	}

	// The CSV has the column too.
	buf.Reset()
	if _, err := exports.Write(&buf, exports.FormatCSV, exports.LayoutResponses, exports.Request{Versions: versions}, seq(mixed...)); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.Index(recs[0], "Language"); i < 0 || recs[2][i] != "Polski (pl)" {
		t.Errorf("CSV header %q, second row %q", recs[0], recs[2])
	}
}

// A form with no translations has no Language column.
func TestNoLanguageColumnWithoutTranslations(t *testing.T) {
	var buf bytes.Buffer
	if _, err := exports.WriteCSV(&buf, exports.Request{Versions: parse(t, v1)}, seq()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Language") {
		t.Errorf("header %q", buf.String())
	}
}

// Labels in Polish: headers, answers and the Summary in Polish, an Arabic
// text left out shown in English, the same counts, and the About sheet
// saying so. A language the form is not in is refused.
func TestLabelsInAnotherLanguage(t *testing.T) {
	versions := parse(t, translatedV1, translatedV2)
	rs := []*chorus.Response{resp("r001", "2", map[string]any{"often": "weekly", "likes": []string{"trips"}})}
	code, err := exports.CheckLabels(versions, "PL")
	if err != nil || code != "pl" {
		t.Fatalf("CheckLabels(PL) = %q, %v", code, err)
	}
	var buf bytes.Buffer
	if _, err := exports.Write(&buf, exports.FormatXLSX, exports.LayoutResponses, exports.Request{Versions: versions, Labels: code}, seq(rs...)); err != nil {
		t.Fatal(err)
	}
	x := open(t, buf.Bytes())
	rows, _ := x.GetRows("Responses")
	for _, h := range []string{"Jak często chodzisz?", "Co lubisz?", "Co lubisz?: Wycieczki"} {
		if !slices.Contains(rows[0], h) {
			t.Errorf("no header %q in %q", h, rows[0])
		}
	}
	if i := slices.Index(rows[0], "Jak często chodzisz?"); i < 0 || rows[1][i] != "Co tydzień" {
		t.Errorf("the answer is not in Polish: %q", rows[1])
	}
	summary, _ := x.GetRows("Summary")
	if !slices.ContainsFunc(summary, func(r []string) bool { return len(r) > 1 && r[0] == "Co tydzień" && r[1] == "1" }) {
		t.Errorf("the Summary is not in Polish: %q", summary)
	}
	about, _ := x.GetRows("About")
	if !slices.ContainsFunc(about, func(r []string) bool { return len(r) > 1 && r[0] == "Labels" && strings.Contains(r[1], "Polski (pl)") }) {
		t.Errorf("the About sheet does not name the labels' language: %q", about)
	}
	if versions[1].Title != "Day centres" {
		t.Error("the export changed the form it was given")
	}

	buf.Reset()
	if _, err := exports.Write(&buf, exports.FormatCSV, exports.LayoutResponses, exports.Request{Versions: versions, Labels: "ar"}, seq(rs...)); err != nil {
		t.Fatal(err)
	}
	if head := strings.SplitN(buf.String(), "\r\n", 2)[0]; !strings.Contains(head, "كم مرة تذهب؟") || !strings.Contains(head, "What do you like?") {
		t.Errorf("Arabic labels, English where the translation has none: %q", head)
	}

	if _, err := exports.CheckLabels(versions, "de"); chorus.ErrorCode(err) != chorus.EINVALID || !strings.Contains(chorus.ErrorMessage(err), "pl (Polski)") {
		t.Errorf("labels in German: %v", err)
	}
	if code, err := exports.CheckLabels(versions, "en"); err != nil || code != "en" {
		t.Errorf("labels in the main language: %q %v", code, err)
	}
}

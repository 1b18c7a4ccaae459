package exports_test

import (
	"archive/zip"
	"bytes"
	"iter"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
)

const v1 = `id: survey
version: "1"
title: Day centres
kind: consultation
audience: public
sections:
  - title: You
    questions:
      - {id: name, type: shortText, label: Your first name}
      - {id: age, type: number, label: Age}
      - {id: fax, type: shortText, label: Fax number}
      - {id: when, type: date, label: "When did you last go?"}
      - {id: likes, type: multipleChoice, label: "What do you like?", options: [{value: food, label: Food}, {value: trips, label: Trips}]}
      - {id: happy, type: yesNo, label: "Are you happy?"}
`

// v2 drops "fax", adds "views" and an option to "likes".
const v2 = `id: survey
version: "2"
title: Day centres
kind: consultation
audience: public
sections:
  - title: You
    questions:
      - {id: name, type: shortText, label: Your first name}
      - {id: age, type: number, label: Age}
      - {id: when, type: date, label: "When did you last go?"}
      - {id: likes, type: multipleChoice, label: "What do you like?", options: [{value: food, label: Food}, {value: trips, label: Trips}, {value: music, label: Music}]}
      - {id: happy, type: yesNo, label: "Are you happy?"}
      - {id: rating, type: rating, label: "How good is it?", options: [{value: good, label: Good}, {value: bad, label: Bad}]}
      - {id: views, type: longText, label: "Anything else?"}
`

func parse(t testing.TB, src ...string) []*form.Form {
	t.Helper()
	var out []*form.Form
	for _, s := range src {
		f, errs := form.Parse("f.yaml", []byte(s), time.UTC)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		out = append(out, f)
	}
	return out
}

func seq(rs ...*chorus.Response) exports.Responses {
	return func(yield func(*chorus.Response, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
	}
}

var received = time.Date(2026, 7, 1, 11, 30, 0, 0, time.UTC) // 12:30 in London (BST)

func resp(id, version string, answers map[string]any) *chorus.Response {
	return &chorus.Response{ID: id, FormID: "survey", FormVersion: version, Answers: answers,
		ReceivedAt: received, Receipt: "CH-" + strings.ToUpper(id[:4]) + "-22"}
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func london() *time.Location { l, _ := time.LoadLocation("Europe/London"); return l }

func TestResponsesWorkbook(t *testing.T) {
	long := strings.Repeat("word ", 8000) // 40,000 characters
	rows := seq(
		resp("aaaa-1", "1", map[string]any{"name": "=1+2", "age": int64(71), "fax": "01632 960 111", "when": "2026-06-30",
			"likes": []string{"food"}, "happy": true}),
		resp("bbbb-2", "2", map[string]any{"name": "Ann", "age": 34.5, "when": "2026-07-01", "likes": []string{"trips", "music"},
			"happy": false, "rating": "good", "views": long}),
		resp("cccc-3", "2", map[string]any{"name": "@cmd", "rating": "bad"}),
	)
	var buf bytes.Buffer
	st, err := exports.WriteResponses(&buf, exports.Request{Versions: parse(t, v1, v2), Location: london(),
		ExportedBy: "test", ExportedAt: received, Filter: chorus.ResponseFilter{From: "2026-06-01"}}, rows)
	if err != nil {
		t.Fatal(err)
	}
	if st.Rows != 3 || st.Cut != 1 {
		t.Errorf("stats = %+v, want 3 rows and 1 cut", st)
	}
	f := open(t, buf.Bytes())
	if got := f.GetSheetList(); strings.Join(got, ",") != "Responses,Summary,Questions,About" {
		t.Fatalf("sheets = %v", got)
	}
	rowsOf, _ := f.GetRows("Responses")
	wantHead := []string{"Receipt", "Response id", "Form version", "Started", "Completed", "Received",
		"Your first name", "Age", "Fax number", "When did you last go?", "What do you like?",
		"What do you like?: Food", "What do you like?: Trips", "What do you like?: Music",
		"Are you happy?", "How good is it?", "Anything else?", "Review status", "Review note"}
	if strings.Join(rowsOf[0], "|") != strings.Join(wantHead, "|") {
		t.Fatalf("header:\n got %q\nwant %q", rowsOf[0], wantHead)
	}
	get := func(ref string) string { v, _ := f.GetCellValue("Responses", ref); return v }
	// A number cell has no type attribute; a text cell is an inline string.
	typ := func(ref string) excelize.CellType { c, _ := f.GetCellType("Responses", ref); return c }

	// Formula-like text is written after an apostrophe, as text.
	if get("G2") != "'=1+2" || get("G4") != "'@cmd" {
		t.Errorf("formula text not disarmed: %q %q", get("G2"), get("G4"))
	}
	if formula, _ := f.GetCellFormula("Responses", "G2"); formula != "" {
		t.Errorf("G2 holds a formula: %q", formula)
	}
	// The removed question keeps its column and its answer.
	if get("I2") != "01632 960 111" || get("I3") != "" {
		t.Errorf("removed question's column: %q %q", get("I2"), get("I3"))
	}
	// Numbers are numbers; dates are dates; received in London time.
	if typ("H2") != excelize.CellTypeUnset || typ("G3") != excelize.CellTypeInlineString || get("H2") != "71" || get("H3") != "34.5" {
		t.Errorf("age: %v %q %q", typ("H2"), get("H2"), get("H3"))
	}
	if raw, _ := f.GetCellValue("Responses", "J2", excelize.Options{RawCellValue: true}); raw != "46203" {
		t.Errorf("date serial = %s, want 46203 (30 June 2026)", raw)
	}
	if get("J2") != "30 Jun 2026" {
		t.Errorf("date shown as %q", get("J2"))
	}
	if get("F2") != "1 Jul 2026 12:30" {
		t.Errorf("received shown as %q, want London time", get("F2"))
	}
	// Multiple choice: labels joined, and a 1/0 column per option.
	if get("K3") != "Trips; Music" || get("L3") != "0" || get("M3") != "1" || get("N3") != "1" || get("L4") != "" {
		t.Errorf("multiple choice: %q %q %q %q %q", get("K3"), get("L3"), get("M3"), get("N3"), get("L4"))
	}
	if get("O2") != "Yes" || get("O3") != "No" || get("P3") != "Good" {
		t.Errorf("yes/no or rating: %q %q %q", get("O2"), get("O3"), get("P3"))
	}
	// A text too long for a cell is cut and says so.
	if v := get("Q3"); len(v) > 32767 || !strings.Contains(v, "[CUT: this answer has 40000 characters") {
		t.Errorf("long text not flagged (%d characters)", len(v))
	}
	// Header bold, frozen, with an auto-filter.
	style, _ := f.GetCellStyle("Responses", "A1")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Error("header is not bold")
	}
	if p, _ := f.GetPanes("Responses"); !p.Freeze || p.YSplit != 1 {
		t.Errorf("header not frozen: %+v", p)
	}
	if !hasPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml", `<autoFilter ref="$A$1:$S$4">`) {
		t.Error("no auto-filter over the table")
	}

	// Summary: counts and shares with "No answer", and a chart per question.
	sum, _ := f.GetRows("Summary")
	joined := flatten(sum)
	for _, want := range []string{"Summary of 3 responses",
		"Are you happy?\nAnswer|Responses|Share\nYes|1|33.3%\nNo|1|33.3%\nNo answer|1|33.3%\n",
		"Food|1|33.3%\nTrips|1|33.3%\nMusic|1|33.3%\nNo answer|1|33.3%\n",
		"How good is it?\nAnswer|Responses|Share\nGood|1|33.3%\nBad|1|33.3%\nNo answer|1|33.3%"} {
		if !strings.Contains(joined, want) {
			t.Errorf("Summary lacks %q:\n%s", want, joined)
		}
	}
	if n := countParts(t, buf.Bytes(), "xl/charts/chart"); n != 3 {
		t.Errorf("%d charts, want one per summarised question (3)", n)
	}
	// Questions: column, title, id, number, label, section, type, options, versions.
	qs, _ := f.GetRows("Questions")
	if !strings.Contains(flatten(qs), "I|Fax number|fax||Fax number|You|shortText||1") ||
		!strings.Contains(flatten(qs), "K|What do you like?|likes||What do you like?|You|multipleChoice|food = Food; trips = Trips; music = Music|1, 2") {
		t.Errorf("Questions sheet:\n%s", flatten(qs))
	}
	about, _ := f.GetRows("About")
	for _, want := range []string{"Versions|1, 2 (current: 2)", "Filters|Received on or after 2026-06-01", "Responses|3", "Exported by|test", "1 answers were longer"} {
		if !strings.Contains(flatten(about), want) {
			t.Errorf("About lacks %q:\n%s", want, flatten(about))
		}
	}
}

func TestChoiceCodesOption(t *testing.T) {
	var buf bytes.Buffer
	_, err := exports.WriteResponses(&buf, exports.Request{Versions: parse(t, v2), Codes: true},
		seq(resp("aaaa-1", "2", map[string]any{"likes": []string{"food", "music"}, "rating": "bad"})))
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	k, _ := f.GetCellValue("Responses", "J2")
	p, _ := f.GetCellValue("Responses", "O2")
	if k != "food; music" || p != "bad" {
		t.Errorf("codes: %q %q", k, p)
	}
}

func TestRowsOverflowIntoASecondSheet(t *testing.T) {
	defer exports.SetMaxRows(4)() // a header and three rows a sheet
	var rs []*chorus.Response
	for i := range 7 {
		rs = append(rs, resp("row"+string(rune('a'+i))+"-x", "2", map[string]any{"age": int64(i)}))
	}
	var buf bytes.Buffer
	if _, err := exports.WriteResponses(&buf, exports.Request{Versions: parse(t, v2)}, seq(rs...)); err != nil {
		t.Fatal(err)
	}
	f := open(t, buf.Bytes())
	if got := strings.Join(f.GetSheetList(), ","); got != "Responses,Responses (2),Responses (3),Summary,Questions,About" {
		t.Fatalf("sheets = %s", got)
	}
	var ages []string
	for _, s := range []string{"Responses", "Responses (2)", "Responses (3)"} {
		rows, _ := f.GetRows(s)
		if rows[0][0] != "Receipt" {
			t.Errorf("%s has no header", s)
		}
		for _, r := range rows[1:] {
			ages = append(ages, r[7])
		}
	}
	if strings.Join(ages, ",") != "0,1,2,3,4,5,6" {
		t.Errorf("rows across sheets: %v", ages)
	}
}

func TestAReadErrorFailsTheExport(t *testing.T) {
	failing := iter.Seq2[*chorus.Response, error](func(yield func(*chorus.Response, error) bool) {
		if yield(resp("aaaa-1", "2", nil), nil) {
			yield(nil, chorus.Errorf(chorus.EUNAVAILABLE, "The database cannot be reached."))
		}
	})
	var buf bytes.Buffer
	_, err := exports.WriteResponses(&buf, exports.Request{Versions: parse(t, v2)}, failing)
	if chorus.ErrorCode(err) != chorus.EUNAVAILABLE || buf.Len() != 0 {
		t.Fatalf("err = %v, %d bytes written", err, buf.Len())
	}
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|"))
		b.WriteString("\n")
	}
	return b.String()
}

func zipParts(t testing.TB, b []byte) []*zip.File {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	return z.File
}

func countParts(t testing.TB, b []byte, prefix string) int {
	n := 0
	for _, f := range zipParts(t, b) {
		if strings.HasPrefix(f.Name, prefix) {
			n++
		}
	}
	return n
}

func hasPart(t testing.TB, b []byte, name, substr string) bool {
	for _, f := range zipParts(t, b) {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			buf := new(bytes.Buffer)
			if _, err := buf.ReadFrom(r); err != nil {
				t.Fatal(err)
			}
			return strings.Contains(buf.String(), substr)
		}
	}
	return false
}

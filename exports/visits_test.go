package exports_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/exports"
	"chorus/forms"
	"chorus/internal/chorus"
	"chorus/internal/form"
)

func visitForm(t testing.TB) *form.Form {
	t.Helper()
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		if f.ID == "quality-checker-visit" {
			return f
		}
	}
	t.Fatal("no visit form")
	return nil
}

func visit(id, service, date, safe, feelSafe string, at time.Time) *chorus.Response {
	return &chorus.Response{ID: id, FormID: "quality-checker-visit", FormVersion: "3", ReceivedAt: at, Receipt: "CH-" + id,
		Answers: map[string]any{"service": service, "visitDate": date, "teamSize": int64(3), "announced": true,
			"safeRating": safe, "caringRating": "green", "safeFeelSafe": feelSafe, "workingWell": "-lots", "safeguardingConcern": false}}
}

func TestVisitsWorkbook(t *testing.T) {
	at := time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)
	v1, v2, v3 := visit("v1", "svc-oak", "2026-01-10", "red", "not_good", at), visit("v2", "svc-elm", "2026-02-01", "amber", "didnt_see", at),
		visit("v3", "svc-oak", "2026-03-15", "green", "good", at) // the latest for Oak: red → green
	v1.SentBy, v2.SentBy, v3.SentBy = "volunteer:vol-1", "volunteer:vol-2", "user:u-1"
	rows := seq(v1, v2, v3,
		visit("v4", "svc-oak", "2026-02-20", "amber", "ok", at), // sent late: between the two
	)
	var buf bytes.Buffer
	st, err := exports.WriteVisits(&buf, exports.Request{Versions: []*form.Form{visitForm(t)},
		Services:   map[string]string{"svc-oak": "Oak House", "svc-elm": "Elm Court"},
		Volunteers: map[string]string{"vol-1": "Sam", "vol-2": chorus.FormerVolunteer}}, rows)
	if err != nil || st.Rows != 4 {
		t.Fatal(st, err)
	}
	f := open(t, buf.Bytes())
	if got := strings.Join(f.GetSheetList(), ","); got != "Visits,By service,Ratings,Questions,About" {
		t.Fatalf("sheets = %s", got)
	}
	vs, _ := f.GetRows("Visits")
	head := strings.Join(vs[0], "|")
	if !strings.HasPrefix(head, "Service|Visit date|Team size|Is the service safe?|Is the service effective?|Is the service caring?|Is the service responsive?|Is the service well-led?|Do people feel safe here?") {
		t.Fatalf("Visits header: %s", head)
	}
	if !strings.Contains(head, "What is working well?") || !strings.HasSuffix(head, "Receipt|Received|Sent by|Response id|Review status|Review note") {
		t.Errorf("free text or receipt columns missing: %s", head)
	}
	if strings.Join(vs[1][:4], "|") != "Oak House|10 Jan 2026|3|Red - big worries" {
		t.Errorf("first visit row: %q", vs[1][:9])
	}
	fill := func(sheet, ref string) string {
		id, _ := f.GetCellStyle(sheet, ref)
		s, _ := f.GetStyle(id)
		if s == nil || len(s.Fill.Color) == 0 {
			return ""
		}
		return s.Fill.Color[0]
	}
	col := func(label string) string {
		for i, h := range vs[0] {
			if h == label {
				return columnLetter(i + 1)
			}
		}
		t.Fatalf("no column %q", label)
		return ""
	}
	// Ratings are coloured by answer: red, amber, green, grey for "didn't see".
	safe, feel, well := col("Is the service safe?"), col("Do people feel safe here?"), col("What is working well?")
	for ref, want := range map[string]string{
		safe + "2": "FFC7CE", safe + "3": "FFEB9C", safe + "4": "C6EFCE",
		feel + "2": "FFC7CE", feel + "3": "D9D9D9", feel + "4": "C6EFCE", feel + "5": "FFEB9C",
	} {
		if got := fill("Visits", ref); got != want {
			t.Errorf("Visits %s fill = %q, want %q", ref, got, want)
		}
	}
	if v, _ := f.GetCellValue("Visits", feel+"3"); v != "Didn't see" {
		t.Errorf("a coloured cell must say its answer in words, got %q", v)
	}
	if v, _ := f.GetCellValue("Visits", well+"2"); v != "'-lots" {
		t.Errorf("formula-like free text: %q", v)
	}
	// Sent by: the Quality Checker's display name, "former Quality Checker"
	// once removed, an officer's internal id.
	sent := col("Sent by")
	for ref, want := range map[string]string{sent + "2": "Sam", sent + "3": "former Quality Checker", sent + "4": "user:u-1", sent + "5": ""} {
		if v, _ := f.GetCellValue("Visits", ref); v != want {
			t.Errorf("Sent by %s = %q, want %q", ref, v, want)
		}
	}

	// By service: one row per service, latest visit by visit date, trend.
	bs, _ := f.GetRows("By service")
	if len(bs) != 3 {
		t.Fatalf("By service rows: %q", bs)
	}
	if got := strings.Join(bs[2][:7], "|"); got != "Oak House|svc-oak|3|15 Mar 2026|Green - good|▲ Better|" {
		t.Errorf("Oak House row: %s", got)
	}
	if got := strings.Join(bs[1][:6], "|"); got != "Elm Court|svc-elm|1|1 Feb 2026|Amber - some things to fix|First visit" {
		t.Errorf("Elm Court row: %s", got)
	}
	if got := fill("By service", "E3"); got != "C6EFCE" {
		t.Errorf("latest rating not coloured: %q", got)
	}
	// Caring was green both times.
	caring := 4 + 2*2 + 1 // columns: 4 fixed, then (rating, trend) per key question
	if v, _ := f.GetCellValue("By service", columnLetter(caring+1)+"3"); v != "Same" {
		t.Errorf("caring trend = %q", v)
	}

	// Ratings: counts per colour per key question, and a chart.
	rs, _ := f.GetRows("Ratings")
	if got := strings.Join(rs[1], "|"); got != "Is the service safe?|1|2|1|0|0" {
		t.Errorf("Ratings safe row: %s", got)
	}
	if got := strings.Join(rs[2], "|"); got != "Is the service effective?|0|0|0|0|4" {
		t.Errorf("Ratings effective row: %s", got)
	}
	if n := countParts(t, buf.Bytes(), "xl/charts/chart"); n != 1 {
		t.Errorf("%d charts, want 1", n)
	}
}

func TestVisitsLayoutIsForVisitForms(t *testing.T) {
	_, err := exports.Write(&bytes.Buffer{}, exports.FormatXLSX, exports.LayoutVisits,
		exports.Request{Versions: parse(t, v2)}, seq())
	if chorus.ErrorCode(err) != chorus.EINVALID {
		t.Fatalf("err = %v", err)
	}
}

func TestCSV(t *testing.T) {
	long := strings.Repeat("x", 40000)
	var buf bytes.Buffer
	st, err := exports.WriteCSV(&buf, exports.Request{Versions: parse(t, v1, v2), Location: london()}, seq(
		resp("aaaa-1", "1", map[string]any{"name": "+SUM(1)", "when": "2026-06-30", "likes": []string{"food"}, "fax": "x"}),
		resp("bbbb-2", "2", map[string]any{"name": "Zoë, \"Z\"", "age": 34.5, "views": long}),
	))
	if err != nil || st.Rows != 2 {
		t.Fatal(st, err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte order mark")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || recs[0][6] != "Your first name" || recs[0][8] != "Fax number" {
		t.Fatalf("header: %q", recs[0])
	}
	if recs[1][6] != "'+SUM(1)" || recs[2][6] != "Zoë, \"Z\"" || recs[1][9] != "2026-06-30" || recs[1][5] != "2026-07-01 12:30:00" {
		t.Errorf("row 1: %q / row 2 name %q", recs[1], recs[2][6])
	}
	if recs[2][16] != long {
		t.Errorf("CSV cut a long text to %d characters", len(recs[2][16]))
	}
}

func columnLetter(n int) string { s, _ := excelize.ColumnNumberToName(n); return s }

package app_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// postSurvey stores a response to testdata/forms/survey.yaml (version 1)
// through the API and returns its receipt.
func postSurvey(t *testing.T, h *harness, answers map[string]any) string {
	t.Helper()
	body := surveyResponse(newID())
	body["answers"] = answers
	r := h.postJSON(t, surveyPath, body)
	if r.status != 201 {
		t.Fatalf("status %d: %s", r.status, r.raw)
	}
	return r.body["receipt"].(string)
}

func openWorkbook(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestExportAcrossFormVersions(t *testing.T) {
	data := t.TempDir()
	h := start(t, "testdata/forms", data)
	long := strings.Repeat("too long ", 4000) // 36,000 characters
	var receipts []string
	receipts = append(receipts,
		postSurvey(t, h, map[string]any{"name": "=HYPERLINK(\"http://evil\")", "happy": true, "score": 9, "service": "svc-the-maples"}),
		postSurvey(t, h, map[string]any{"name": "Ann", "happy": false, "why": long, "score": 2}),
	)
	h.stop()

	// Version 2 drops happy, why, score and service, and adds mood.
	h = start(t, "testdata/forms-v2", data)
	for _, mood := range []string{"good", "bad"} {
		r := h.postJSON(t, surveyPath, map[string]any{"id": newID(), "formVersion": "2",
			"answers": map[string]any{"name": "+Bo", "mood": mood}})
		if r.status != 201 {
			t.Fatalf("v2 response: %d %s", r.status, r.raw)
		}
		receipts = append(receipts, r.body["receipt"].(string))
	}

	officer := h.signIn(t, "officer")
	x := h.getAs(t, officer, "/api/v1/forms/survey/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d %s", x.status, x.raw)
	}
	if ct := x.header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Errorf("Content-Type = %q", ct)
	}
	today := time.Now().In(h.cfg.Location).Format(time.DateOnly)
	if cd := x.header.Get("Content-Disposition"); cd != `attachment; filename="survey-responses-`+today+`.xlsx"` {
		t.Errorf("Content-Disposition = %q", cd)
	}
	f := openWorkbook(t, x.raw)
	if got := strings.Join(f.GetSheetList(), ","); got != "Responses,Summary,Questions,About" {
		t.Fatalf("sheets: %s", got)
	}
	rows, _ := f.GetRows("Responses")
	if got := strings.Join(rows[0][6:], "|"); got != "Your name|Are you happy?|Why not?|Score|Service|How do you feel?|Review status|Review note" {
		t.Fatalf("question columns across versions: %s", got)
	}
	if len(rows) != 5 {
		t.Fatalf("%d rows, want a header and 4 responses", len(rows))
	}
	for i, want := range receipts { // received order
		if rows[i+1][0] != want || rows[i+1][2] != map[bool]string{true: "1", false: "2"}[i < 2] {
			t.Errorf("row %d: receipt %s version %s, want %s", i+1, rows[i+1][0], rows[i+1][2], want)
		}
	}
	cellOf := func(ref string) string { v, _ := f.GetCellValue("Responses", ref); return v }
	if cellOf("G2") != `'=HYPERLINK("http://evil")` || cellOf("G4") != "'+Bo" {
		t.Errorf("formula text not disarmed: %q %q", cellOf("G2"), cellOf("G4"))
	}
	if cellOf("H2") != "Yes" || cellOf("H3") != "No" || cellOf("J2") != "9" || cellOf("K2") != "The Maples" || cellOf("L5") != "Bad" {
		t.Errorf("values: %q %q %q %q %q", cellOf("H2"), cellOf("H3"), cellOf("J2"), cellOf("K2"), cellOf("L5"))
	}
	if typ, _ := f.GetCellType("Responses", "J2"); typ != excelize.CellTypeUnset { // a number has no type attribute
		t.Errorf("score cell type = %v, want a number", typ)
	}
	if raw, _ := f.GetCellValue("Responses", "F2", excelize.Options{RawCellValue: true}); !strings.Contains(raw, ".") {
		t.Errorf("received = %q, want a date serial number", raw)
	}
	if n := chartsIn(t, x.raw); n != 2 { // "Are you happy?" and "How do you feel?"
		t.Errorf("%d charts on the Summary sheet, want 2", n)
	}
	if why := cellOf("I3"); len(why) > 32767 || !strings.Contains(why, "[CUT: this answer has 36000 characters") {
		t.Errorf("a long answer was not flagged (%d characters)", len(why))
	}
	about, _ := f.GetRows("About")
	var aboutText strings.Builder
	for _, r := range about {
		aboutText.WriteString(strings.Join(r, "|") + "\n")
	}
	for _, want := range []string{"Versions|1, 2 (current: 2)", "Responses|4", "Filters|None: every response"} {
		if !strings.Contains(aboutText.String(), want) {
			t.Errorf("About lacks %q:\n%s", want, aboutText.String())
		}
	}

	// The CSV has the same rows, the long answer whole, after a BOM.
	c := h.getAs(t, officer, "/api/v1/forms/survey/export.csv")
	if c.status != 200 || !strings.HasPrefix(c.header.Get("Content-Type"), "text/csv") || !bytes.HasPrefix(c.raw, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV: %d %q", c.status, c.header.Get("Content-Type"))
	}
	recs, err := csv.NewReader(bytes.NewReader(c.raw[3:])).ReadAll()
	if err != nil || len(recs) != 5 {
		t.Fatalf("CSV rows: %d, %v", len(recs), err)
	}
	if recs[2][8] != long || recs[1][6] != `'=HYPERLINK("http://evil")` || recs[4][0] != receipts[3] {
		t.Errorf("CSV values: %d characters, %q, %q", len(recs[2][8]), recs[1][6], recs[4][0])
	}

	// Filters: received today includes all; a later day none.
	if n := len(sheetRows(t, h, officer, "/api/v1/forms/survey/export.xlsx?from="+today+"&to="+today, "Responses")); n != 5 {
		t.Errorf("from/to today: %d rows", n)
	}
	if n := len(sheetRows(t, h, officer, "/api/v1/forms/survey/export.xlsx?from=2099-01-01", "Responses")); n != 1 {
		t.Errorf("from 2099: %d rows, want the header only", n)
	}
	codes := sheetRows(t, h, officer, "/api/v1/forms/survey/export.xlsx?codes=true", "Responses")
	if codes[4][11] != "bad" {
		t.Errorf("codes=true: %q", codes[4][11])
	}
}

// chartsIn counts the charts in a workbook.
func chartsIn(t *testing.T, workbook []byte) int {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(workbook), int64(len(workbook)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "xl/charts/chart") {
			n++
		}
	}
	return n
}

// sheetRows downloads a workbook and returns the rows of one sheet.
func sheetRows(t *testing.T, h *harness, officer creds, path, sheet string) [][]string {
	t.Helper()
	r := h.getAs(t, officer, path)
	if r.status != 200 {
		t.Fatalf("%s: %d %s", path, r.status, r.raw)
	}
	rows, err := openWorkbook(t, r.raw).GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// visitAnswers are a valid Quality Checker visit.
func visitAnswers(service, date, safe string) map[string]any {
	return map[string]any{"service": service, "visitDate": date, "announced": false, "teamSize": 3,
		"safeRating": safe, "safeFeelSafe": "didnt_see", "caringRating": "green", "safeguardingConcern": false,
		"workingWell": "@everyone was kind"}
}

func postVisit(t *testing.T, h *harness, phone creds, answers map[string]any) {
	t.Helper()
	r := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", map[string]any{
		"id": newID(), "formVersion": "3", "answers": answers})
	if r.status != 201 {
		t.Fatalf("visit: %d %s", r.status, r.raw)
	}
}

func TestExportVisitResults(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, volunteerID := h.volunteer(t, officer, "Sam")
	postVisit(t, h, phone, visitAnswers("svc-oakwood-lodge", "2026-02-01", "red"))
	postVisit(t, h, phone, visitAnswers("svc-the-maples", "2026-03-01", "green"))
	postVisit(t, h, phone, visitAnswers("svc-oakwood-lodge", "2026-04-01", "amber"))

	x := h.getAs(t, officer, "/api/v1/forms/quality-checker-visit/export.xlsx")
	if x.status != 200 || !strings.Contains(x.header.Get("Content-Disposition"), `filename="quality-checker-visit-visits-`) {
		t.Fatalf("export: %d %q %s", x.status, x.header.Get("Content-Disposition"), x.raw)
	}
	f := openWorkbook(t, x.raw)
	if got := strings.Join(f.GetSheetList(), ","); got != "Visits,By service,Ratings,Questions,About" {
		t.Fatalf("sheets: %s", got)
	}
	visits, _ := f.GetRows("Visits")
	if len(visits) != 4 || strings.Join(visits[1][:4], "|") != "Oakwood Lodge|1 Feb 2026|3|Red - big worries" {
		t.Fatalf("Visits: %q", visits)
	}
	style, _ := f.GetCellStyle("Visits", "D2")
	if s, _ := f.GetStyle(style); s == nil || len(s.Fill.Color) == 0 || s.Fill.Color[0] != "FFC7CE" {
		t.Errorf("red rating not filled red: %+v", s)
	}
	if n := chartsIn(t, x.raw); n != 1 {
		t.Errorf("%d charts, want the ratings chart", n)
	}
	// Each visit records the volunteer's internal id; officers see their display name.
	if head := strings.Join(visits[0], "|"); !strings.Contains(head, "|Sent by|") || !strings.Contains(strings.Join(visits[1], "|"), "|Sam|") ||
		strings.Contains(strings.Join(visits[1], "|"), volunteerID) {
		t.Errorf("Sent by column: %s / %q", head, visits[1])
	}
	by, _ := f.GetRows("By service")
	if len(by) != 3 || strings.Join(by[1][:6], "|") != "Oakwood Lodge|svc-oakwood-lodge|2|1 Apr 2026|Amber - some things to fix|▲ Better" {
		t.Errorf("By service: %q", by)
	}

	// Filters by service and by visit date.
	if rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?service=svc-the-maples", "Visits"); len(rows) != 2 || rows[1][0] != "The Maples" {
		t.Errorf("service filter: %q", rows)
	}
	if rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?from=2026-02-15&to=2026-03-31", "Visits"); len(rows) != 2 || rows[1][1] != "1 Mar 2026" {
		t.Errorf("visit date filter: %q", rows)
	}
	// The responses layout of a visit form, on request.
	if rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?layout=responses", "Responses"); len(rows) != 4 || rows[0][0] != "Receipt" {
		t.Errorf("responses layout: %q", rows[0])
	}
}

func TestExportRefusals(t *testing.T) {
	h := start(t, "testdata/forms", "")
	officer := h.signIn(t, "officer")
	// Exports are for officers only.
	wantProblem(t, h.get(t, "/api/v1/forms/survey/export.xlsx"), 401)
	phone, _ := h.volunteer(t, officer, "Kim")
	wantProblem(t, h.getAs(t, phone, "/api/v1/forms/survey/export.csv"), 403)
	for path, status := range map[string]int{
		"/api/v1/forms/nope/export.xlsx":                                 404,
		"/api/v1/forms/survey/export.pdf":                                404,
		"/api/v1/forms/survey/export.xlsx?from=1%2F4%2F2026":             422,
		"/api/v1/forms/survey/export.xlsx?from=2026-05-01&to=2026-04-01": 422,
		"/api/v1/forms/survey/export.xlsx?layout=visits":                 422,
		"/api/v1/forms/survey/export.csv?layout=visits":                  422,
		"/api/v1/forms/survey/export.xlsx?codes=maybe":                   422,
		"/api/v1/forms/closed/export.xlsx?service=svc-x":                 422,
		"/api/v1/forms/survey/export.xlsx?service=svc-nowhere":           404, // not in the register (issue 16)
		"/api/v1/forms/survey/export.csv?service=svc-nowhere":            404,
	} {
		t.Run(path, func(t *testing.T) { wantProblem(t, h.getAs(t, officer, path), status) })
	}

	// A store that is down gives 503 with Retry-After, not a cut file.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := h.outage(t).SimulateOutage(ctx); err != nil {
		t.Fatal(err)
	}
	r := h.getAs(t, officer, "/api/v1/forms/survey/export.xlsx")
	wantProblem(t, r, 503)
	if r.header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
}

package app_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// fillSheet types rows under a sheet's column names, found by name in its
// first row as an officer finds them, starting at the second row.
func fillSheet(t *testing.T, x *excelize.File, sheet string, rows []map[string]any) {
	t.Helper()
	all, err := x.GetRows(sheet)
	if err != nil || len(all) == 0 {
		t.Fatalf("the template's %s sheet: %v", sheet, err)
	}
	col := map[string]int{}
	for i, name := range all[0] {
		col[name] = i + 1
	}
	for r, row := range rows {
		for name, v := range row {
			c, ok := col[name]
			if !ok {
				t.Fatalf("the template's %s sheet has no column %q (it has %v)", sheet, name, all[0])
			}
			cell, _ := excelize.CoordinatesToCellName(c, r+2)
			if err := x.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// templateFilled downloads the template and fills it with excelize as an
// officer would in Excel: numbers typed as numbers, a date as a date.
func templateFilled(t *testing.T, h *harness, officer creds, survey, choices, settings []map[string]any) []byte {
	t.Helper()
	r := h.getAs(t, officer, "/api/v1/officer/catalog-template.xlsx")
	if r.status != 200 || !strings.Contains(r.header.Get("Content-Disposition"), ".xlsx") {
		t.Fatalf("template: %d %q", r.status, r.header.Get("Content-Disposition"))
	}
	x, err := excelize.OpenReader(bytes.NewReader(r.raw))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	fillSheet(t, x, "survey", survey)
	fillSheet(t, x, "choices", choices)
	fillSheet(t, x, "settings", settings)
	var out bytes.Buffer
	if err := x.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

var (
	officerSurvey = []map[string]any{
		{"type": "begin group", "name": "visit", "label": "Your visits"},
		{"type": "select_one yn", "name": "visited", "label": "Did you visit the library this year?", "required": "yes"},
		{"type": "text", "name": "whyNot", "label": "What stopped you?\nTell us in your own words.", "relevant": "${visited} = 'no'"},
		{"type": "integer", "name": "times", "label": "How many times a month?", "min": 0, "max": 31, "relevant": "${visited} = 'yes'"},
		{"type": "select_multiple days", "name": "days", "label": "Which days suit you?"},
		{"type": "end group"},
	}
	officerChoices = []map[string]any{
		{"list_name": "yn", "name": "yes", "label": "Yes"},
		{"list_name": "yn", "name": "no", "label": "No"},
		{"list_name": "days", "name": "mon", "label": "Monday"},
		{"list_name": "days", "name": "sat", "label": "Saturday"},
	}
	officerSettings = []map[string]any{{"form_id": "library-visits", "version": 1, "form_title": "Library visits",
		"kind": "consultation", "audience": "public", "closes": time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)}}
)

// An officer downloads the template, fills it in Excel (here excelize, not
// Chorus's own writer), uploads it, previews the draft and publishes it;
// residents answer it, its conditions applied by the server.
func TestCatalogWorkbookFromTheTemplate(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	book := templateFilled(t, h, officer, officerSurvey, officerChoices, officerSettings)
	r := upload(t, h, officer, "library-visits.xlsx", book)
	if r.status != 200 {
		t.Fatalf("upload: %d %s", r.status, r.raw)
	}
	preview := h.getAs(t, officer, "/api/v1/officer/catalog/library-visits/definition?version=draft")
	var def struct {
		ID, Version, Title, Kind, Audience, Closes string
		Sections                                   []struct {
			ID, Title string
			Questions []struct {
				ID, Type, Label string
				Required        bool
				Min, Max        *float64
				Integer         bool
				Options         []struct{ Value, Label string }
				ShowIf          *struct {
					Question string
					Equals   any
				}
			}
		}
	}
	if err := json.Unmarshal(preview.raw, &def); err != nil {
		t.Fatalf("preview: %d %s", preview.status, preview.raw)
	}
	got := fmt.Sprintf("%s v%s %q %s %s closes %s; %d sections", def.ID, def.Version, def.Title, def.Kind, def.Audience, def.Closes, len(def.Sections))
	if got != `library-visits v1 "Library visits" consultation public closes 2027-03-31; 1 sections` {
		t.Fatalf("the form: %s", got)
	}
	qs := def.Sections[0].Questions
	if def.Sections[0].Title != "Your visits" || len(qs) != 4 {
		t.Fatalf("the section: %+v", def.Sections[0])
	}
	if q := qs[0]; q.Type != "singleChoice" || !q.Required || len(q.Options) != 2 || q.Options[1].Value != "no" || q.Options[1].Label != "No" {
		t.Errorf("visited: %+v", q)
	}
	if q := qs[1]; q.Type != "shortText" || q.Label != "What stopped you?\nTell us in your own words." || q.ShowIf == nil || q.ShowIf.Question != "visited" || q.ShowIf.Equals != "no" {
		t.Errorf("whyNot: %+v", q)
	}
	if q := qs[2]; q.Type != "number" || !q.Integer || q.Min == nil || *q.Min != 0 || q.Max == nil || *q.Max != 31 {
		t.Errorf("times: %+v", q)
	}
	if q := qs[3]; q.Type != "multipleChoice" || len(q.Options) != 2 || q.Options[0].Label != "Monday" {
		t.Errorf("days: %+v", q)
	}

	if p := h.postAs(t, officer, "/api/v1/officer/catalog/library-visits/publish", nil); p.status != 200 || p.body["state"] != "open" {
		t.Fatalf("publish: %d %s", p.status, p.raw)
	}
	ok := h.postJSON(t, "/api/v1/forms/library-visits/responses", map[string]any{"id": newID(), "formVersion": "1",
		"answers": map[string]any{"visited": "yes", "times": 4, "days": []string{"sat"}}})
	if ok.status != 201 {
		t.Fatalf("a response: %d %s", ok.status, ok.raw)
	}
	tooMany := h.postJSON(t, "/api/v1/forms/library-visits/responses", map[string]any{"id": newID(), "formVersion": "1",
		"answers": map[string]any{"visited": "yes", "times": 40}})
	wantProblem(t, tooMany, 422)
}

// A workbook with several mistakes is refused whole, every mistake named
// by its sheet, row and column.
func TestCatalogWorkbookMistakes(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	survey := []map[string]any{
		{"type": "begin group", "name": "visit", "label": "Your visits"},
		{"type": "select_one yn", "name": "visited", "label": "Did you visit?", "required": "maybe"},
		{"type": "text", "name": "whyNot", "label": "What stopped you?", "relevant": "${later} = 'no'"},
		{"type": "geopoint", "name": "where", "label": "Where?"},
		{"type": "select_one colours", "name": "later", "label": "Later"},
		{"type": "end group"},
	}
	book := templateFilled(t, h, officer, survey, officerChoices[:2], []map[string]any{{"form_id": "library-visits", "form_title": "Library visits", "kind": "poll", "audience": "public"}})
	r := upload(t, h, officer, "library-visits.xlsx", book)
	wantProblem(t, r, 422)
	var places []string
	for _, p := range r.body["errors"].([]any) {
		p := p.(map[string]any)
		places = append(places, fmt.Sprintf("%v row %v, column %v", p["sheet"], p["row"], p["column"]))
	}
	all := strings.Join(places, "\n")
	for _, want := range []string{"survey row 3, column required", "survey row 4, column relevant", "survey row 5, column type", "survey row 6, column type", "settings row 2, column kind"} {
		if !strings.Contains(all, want) {
			t.Errorf("the problems lack %q:\n%s\n%s", want, all, r.raw)
		}
	}
	if row := catalogRow(t, h, officer, "library-visits"); row != nil {
		t.Errorf("a refused workbook was saved: %v", row)
	}
}

// Every built-in form, downloaded as a workbook and uploaded unchanged,
// is the same form.
func TestCatalogBuiltInFormsRoundTrip(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	for _, f := range h.app.Catalog.Forms().All() {
		x := h.getAs(t, officer, "/api/v1/officer/catalog/"+f.ID+"/form.xlsx")
		if x.status != 200 {
			t.Fatalf("%s: download: %d %s", f.ID, x.status, x.raw)
		}
		if r := upload(t, h, officer, f.ID+".xlsx", x.raw); r.status != 200 {
			t.Fatalf("%s: upload: %d %s", f.ID, r.status, r.raw)
		}
		before, _ := json.Marshal(f)
		after := h.getAs(t, officer, "/api/v1/officer/catalog/"+f.ID+"/definition?version=draft").raw
		if !bytes.Equal(before, after) {
			t.Errorf("%s changed on the way through a workbook:\nbefore %s\nafter  %s", f.ID, before, after)
		}
		page := h.getAs(t, officer, "/api/v1/officer/catalog/"+f.ID)
		if drops := page.body["draft"].(map[string]any)["drops"].([]any); len(drops) != 0 {
			t.Errorf("%s: the unchanged draft drops %v", f.ID, drops)
		}
	}
}

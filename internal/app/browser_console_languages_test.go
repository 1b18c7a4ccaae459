package app_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An officer sees which languages a translated form's responses came in,
// on its results and on a response's page, and downloads them with
// headings and labels in another of the form's languages.
func TestBrowserConsoleShowsLanguages(t *testing.T) {
	h := start(t, "testdata/forms-translated", "")
	var polish string
	for i, lang := range []string{"en", "pl", "pl", ""} {
		answers := map[string]any{"often": "weekly"}
		body := map[string]any{"id": newID(), "formVersion": "1", "answers": answers}
		if lang != "" {
			body["language"] = lang
		}
		r := h.postJSON(t, "/api/v1/forms/day-centres/responses", body)
		if r.status != 201 {
			t.Fatalf("response %d: %d %s", i, r.status, r.raw)
		}
		if lang == "pl" {
			polish = r.body["id"].(string)
		}
	}
	if err := h.app.Intake.FlushStats(t.Context()); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "languages@example.org")
	var line, page string
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/day-centres/results"), chromedp.WaitVisible(`#languages`, chromedp.ByQuery),
		chromedp.Text(`#languages`, &line, chromedp.ByQuery))
	if !strings.Contains(line, "English (en) 2") || !strings.Contains(line, "Polish (pl) 2") {
		t.Errorf("languages line = %q", line)
	}
	axeScan(b, t, "results with languages")
	// The downloads' headings and labels in Polish, chosen on the page.
	var href string
	b.run(t, pick(`#labels`, "pl"),
		chromedp.AttributeValue(`a[data-file="export.xlsx?layout=responses"]`, "href", &href, nil, chromedp.ByQuery))
	if !strings.Contains(href, "labels=pl") {
		t.Fatalf("the Excel link in Polish: %q", href)
	}
	rows := sheetRows(t, h, h.signIn(t, "officer"), href, "Responses")
	if !slices.Contains(rows[0], "Jak często chodzisz do ośrodka dziennego?") || !slices.Contains(rows[0], "Language") {
		t.Errorf("the download in Polish has the headings %q", rows[0])
	}
	var back string
	b.run(t, pick(`#labels`, "en"),
		chromedp.AttributeValue(`a[data-file="export.csv"]`, "href", &back, nil, chromedp.ByQuery))
	if strings.Contains(back, "labels=") {
		t.Errorf("the main language back: %q", back)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer#/responses/"+polish), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Text(`main`, &page, chromedp.ByQuery))
	if !strings.Contains(page, "filled in Polish") {
		t.Errorf("the response page does not say its language:\n%.400s", page)
	}
}

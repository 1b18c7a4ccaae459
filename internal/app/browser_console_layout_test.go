package app_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// field is an input of a page as drawn: its height and text size in CSS px.
type field struct {
	ID   string  `json:"id"`
	Type string  `json:"type"`
	H    float64 `json:"h"`
	Font float64 `json:"font"`
}

// fieldsJS lists the page's visible inputs, selects and text areas.
const fieldsJS = `[...document.querySelectorAll('main input, main select, main textarea')]
	.filter(e => e.offsetParent !== null && e.type !== 'hidden' && !e.closest('.hp'))
	.map(e => ({id: e.id, type: e.type, h: e.getBoundingClientRect().height, font: parseFloat(getComputedStyle(e).fontSize)}))`

// chartTextJS lists the problems of the charts' texts: drawn smaller than
// the page's body text, or (partly) outside their chart.
const chartTextJS = `(() => {
	const body = parseFloat(getComputedStyle(document.body).fontSize), out = [];
	let n = 0;
	for (const svg of document.querySelectorAll('main svg.chart')) {
		const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
		for (const t of svg.querySelectorAll('text')) {
			n++;
			const size = parseFloat(getComputedStyle(t).fontSize) * scale, r = t.getBoundingClientRect();
			if (size < Math.max(12, body - 0.5)) out.push(t.textContent + ': ' + size.toFixed(1) + ' px');
			if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(t.textContent + ': cut ' + JSON.stringify([r.left - box.left, r.right - box.right, r.top - box.top, r.bottom - box.bottom]));
		}
	}
	return n ? out : ['no chart text'];
})()`

// On a 390 px phone, the console: every input 44 px tall with the body's
// text size; chart text as large as the body text and never cut; the
// dashboard's chart has dates; a service's trend draws charts, not
// "[object …]"; headings focused by script show no focus box, and titles
// that are not links are not underlined; printed, no focus box and no
// heading left at the foot of a page.
func TestBrowserConsoleLayout(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	for i, c := range []string{"red", "amber", "green", "green", "green"} {
		postVisit(t, h, phone, visitAnswers("svc-the-maples", fmt.Sprintf("2026-%02d-01", i+1), c))
	}
	postVisit(t, h, phone, worryVisit("svc-oakwood-lodge", "2026-03-09", true))
	if err := h.app.Intake.FlushStats(t.Context()); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(390, 844))
	fieldsOf := func(page string, want int) {
		t.Helper()
		var fs []field
		b.run(t, chromedp.Evaluate(fieldsJS, &fs))
		if len(fs) < want {
			t.Errorf("%s: %d inputs found, want at least %d", page, len(fs), want)
		}
		for _, f := range fs {
			if f.H < 44 || f.Font < 19 {
				t.Errorf("%s: #%s (%s) is %.0f px tall with %.0f px text; want 44 px and the body's 19 px", page, f.ID, f.Type, f.H, f.Font)
			}
		}
	}
	b.run(t, chromedp.Navigate(h.url+"/officer"), chromedp.WaitVisible(`#password`, chromedp.ByQuery))
	fieldsOf("sign-in", 2)
	signInOfficer(b, t, h, "layout@example.org")

	// Focused by script, the heading shows no focus box.
	var focus string
	b.run(t, chromedp.Evaluate(`(() => { const e = document.activeElement, s = getComputedStyle(e); return e.tagName + ' ' + s.outlineStyle + ' ' + s.boxShadow; })()`, &focus))
	if focus != "H1 none none" {
		t.Errorf("the dashboard's focused heading: %q, want H1 without outline or shadow", focus)
	}
	// The dashboard's chart: dates along the bottom, today last.
	var dates, problems []string
	b.run(t, chromedp.WaitVisible(`svg.chart .chart-date`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelector('svg.chart').querySelectorAll('.chart-date')].map(t => t.textContent)`, &dates),
		chromedp.Evaluate(chartTextJS, &problems))
	today := time.Now().In(h.cfg.Location).Format("2 Jan")
	if len(dates) < 3 || dates[0] != today {
		t.Errorf("dates on the chart of responses per day: %q, want three or more, %s first", dates, today)
	}
	if len(problems) > 0 {
		t.Errorf("dashboard chart text: %q", problems)
	}

	pages := []struct {
		path, ready string
		inputs      int
	}{
		{"#/forms/quality-checker-visit/results", `#from`, 3},
		{"#/forms/quality-checker-visit/responses", `#q`, 5},
		{"#/services", `#upload`, 7},
		{"#/volunteers", `#vname`, 1},
		{"#/password", `#pagain`, 3},
	}
	for _, p := range pages {
		b.run(t, chromedp.Navigate(h.url+"/officer"+p.path), chromedp.WaitVisible(p.ready, chromedp.ByQuery))
		fieldsOf(p.path, p.inputs)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/results"), chromedp.WaitVisible(`#from`, chromedp.ByQuery),
		chromedp.WaitVisible(`svg.chart text`, chromedp.ByQuery), chromedp.Evaluate(chartTextJS, &problems))
	if len(problems) > 0 {
		t.Errorf("results chart text: %q", problems)
	}
	var underline string
	b.run(t, chromedp.Navigate(h.url+"/officer#/volunteers"), chromedp.WaitVisible(`p.card-title`, chromedp.ByQuery),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('p.card-title')).textDecorationLine`, &underline))
	if underline != "none" {
		t.Errorf("a title that is not a link is underlined: %q", underline)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/quality-checker-visit/responses"), chromedp.WaitVisible(`//a[starts-with(., "CH-")]`, chromedp.BySearch),
		chromedp.Click(`//a[starts-with(., "CH-")]`, chromedp.BySearch), chromedp.WaitVisible(`#rstatus`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('main details').open = true`, nil))
	fieldsOf("response", 3)

	// A service's page: a trend chart per key question, and no "[object".
	var page string
	var trends int
	b.run(t, chromedp.Navigate(h.url+"/officer#/services/svc-the-maples"), chromedp.WaitVisible(`//h2[text()="Trend over visits"]`, chromedp.BySearch),
		chromedp.Text(`main`, &page, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('main h2 ~ div svg polyline').length`, &trends))
	if strings.Contains(page, "[object") || trends == 0 {
		t.Errorf("trend over visits: %d charts; page %.1500s", trends, page)
	}
	axeNoViolations(b, t, "service page at 390 px")

	// Printed: no focus box, and a heading keeps with what follows.
	var printed string
	b.run(t, chromedp.Click(`//a[text()="report for the provider"]`, chromedp.BySearch), chromedp.WaitVisible(`//button[text()="Print this report"]`, chromedp.BySearch),
		chromedp.Evaluate(`(() => { const a = Object.assign(document.createElement('a'), {href: '#/', textContent: 'A link'}); document.querySelector('main').append(a); a.focus(); })()`, nil),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`(() => { const f = getComputedStyle(document.activeElement), h2 = getComputedStyle(document.querySelector('main h2'));
			return [f.outlineStyle, f.boxShadow, h2.breakAfter].join(' '); })()`, &printed),
		emulation.SetEmulatedMedia().WithMedia(""))
	if printed != "none none avoid" {
		t.Errorf("printed report: focus and heading break %q, want \"none none avoid\"", printed)
	}
}

// In the app, a screen's heading focused by script shows no focus box, and
// a form's title in the list is underlined only as the link it is in.
func TestBrowserConsoleAppFocusAndTitles(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	var got string
	b.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"] .card-title`, chromedp.ByQuery),
		chromedp.Poll(`document.activeElement.tagName === 'H1'`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Evaluate(`(() => { const s = getComputedStyle(document.activeElement), t = getComputedStyle(document.querySelector('a .card-title'));
			return [s.outlineStyle, s.boxShadow, t.textDecorationLine].join(' '); })()`, &got))
	if got != "none none underline" {
		t.Errorf("the app's focused heading and link title: %q, want \"none none underline\"", got)
	}
}

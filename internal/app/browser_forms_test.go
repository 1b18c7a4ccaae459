package app_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests of the console's Forms area: uploading, previewing,
// publishing and closing a form (browser_forms_*_test.go).

// allotmentYAML is a public consultation whose second question shows only
// when the first is answered yes.
const allotmentYAML = `id: allotment-survey
version: "1"
title: Allotment survey
kind: consultation
audience: public
introduction: Tell us about the council's allotments.
sections:
  - id: plots
    title: Your plot
    questions:
      - id: hasPlot
        type: yesNo
        label: Do you have a plot?
        required: true
      - id: plotSize
        type: singleChoice
        label: How big is your plot?
        required: true
        showIf: {question: hasPlot, equals: true}
        options:
          - {value: small, label: Small}
          - {value: large, label: Large}
      - id: wish
        type: longText
        label: What would you change?
`

// allotmentBadYAML has four mistakes: an unknown audience, a choice with
// no answers, a condition on a later question, and an unknown type.
const allotmentBadYAML = `id: allotment-survey
version: "1"
title: Allotment survey
kind: consultation
audience: everyone
sections:
  - id: plots
    title: Your plot
    questions:
      - id: hasPlot
        type: singleChoice
        label: Do you have a plot?
        options: []
      - id: plotSize
        type: longText
        label: How big is your plot?
        showIf: {question: later, equals: "no"}
      - id: later
        type: paragraph
        label: Something
`

// formFile writes a form file for the browser to upload.
func formFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// uploadForm chooses a file in the Forms page's upload and sends it.
func uploadForm(b *browser, t *testing.T, h *harness, file string) {
	t.Helper()
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms"), chromedp.WaitVisible(`#form-file`, chromedp.ByQuery),
		chromedp.SetUploadFiles(`#form-file`, []string{file}, chromedp.ByQuery),
		chromedp.Click(`//button[text()="Upload"]`, chromedp.BySearch))
}

// inPreview evaluates a JavaScript expression in the preview's frame, as
// document d.
func inPreview(js string) string {
	return fmt.Sprintf(`(() => { const d = document.querySelector('.phone-frame iframe').contentDocument; if (!d || !d.body) return null; return %s; })()`, js)
}

// frameReady is true when the preview frame shows src and has drawn a form.
func frameReady(src, ready string) string {
	return fmt.Sprintf(`(() => { const f = document.querySelector('.phone-frame iframe'); const d = f && f.contentDocument;
		return Boolean(f && f.getAttribute('src') === %q && d && d.location.href.endsWith(%q) && d.querySelector(%q)); })()`, src, src, ready)
}

// An officer uploads a form with mistakes (every problem listed), then the
// corrected file (a draft); tries it in the preview, standard and easy
// read, with its condition, and sends it there (nothing is stored);
// publishes it, and the public app lists it without a restart; closes it,
// and the app no longer lists it.
func TestBrowserFormsPublishAndClose(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "forms@example.org")
	resident := newBrowser(t, "")
	resident.run(t, chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(`a[href="#/start/coproduction-consultation"]`, chromedp.ByQuery))
	var listed bool
	resident.run(t, chromedp.Evaluate(`document.querySelector('a[href="#/start/allotment-survey"]') !== null`, &listed))
	if listed {
		t.Fatal("the app lists a form that was never uploaded")
	}

	// A file with mistakes: every problem is listed, and the focus is on them.
	var problems []string
	var focused bool
	b.run(t, chromedp.Click(`nav a[href="#/forms"]`, chromedp.ByQuery), chromedp.WaitVisible(`//h1[text()="Forms"]`, chromedp.BySearch))
	uploadForm(b, t, h, formFile(t, "allotments.yaml", allotmentBadYAML))
	b.run(t, chromedp.WaitVisible(`.error-summary .problem-list`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('.error-summary .problem-list li')].map((li) => li.textContent)`, &problems),
		chromedp.Evaluate(`document.activeElement.classList.contains('error-summary') && document.activeElement.getAttribute('role') === 'alert'`, &focused))
	t.Logf("problems listed: %q", problems)
	if len(problems) < 4 || !focused {
		t.Fatalf("problems listed (focused %v): %q", focused, problems)
	}
	for _, want := range []string{"everyone", "later", "paragraph", "hasPlot"} {
		if !strings.Contains(strings.Join(problems, "\n"), want) {
			t.Errorf("no problem mentions %q: %q", want, problems)
		}
	}
	if row := catalogEntry(t, h, "allotment-survey"); row != nil {
		t.Fatalf("a file with problems was kept: %v", row)
	}

	// The corrected file: a draft, on its own page.
	var facts, notice string
	uploadForm(b, t, h, formFile(t, "allotments.yaml", allotmentYAML))
	b.run(t, chromedp.WaitVisible(`//h1[text()="Allotment survey"]`, chromedp.BySearch),
		chromedp.Text(`[role=status]`, &notice, chromedp.ByQuery), chromedp.Text(`dl.facts`, &facts, chromedp.ByQuery))
	if !strings.Contains(notice, "allotments.yaml is saved as the draft") || !strings.Contains(facts, "Not published") {
		t.Errorf("after upload: notice %q, facts %q", notice, facts)
	}

	// The preview, standard: the condition works; Send checks the answers and sends nothing.
	src := "/officer/preview/allotment-survey?version=draft&mode=standard"
	var banner string
	b.run(t, chromedp.Click(`//button[text()="Preview the draft"]`, chromedp.BySearch))
	waitFor(b, t, frameReady(src, `#q-hasPlot`))
	b.run(t, chromedp.Evaluate(inPreview(`d.getElementById('preview-banner').textContent`), &banner))
	if banner != "Preview of a draft — nothing you fill here is sent" {
		t.Errorf("banner = %q", banner)
	}
	var hidden bool
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelector('[data-question=plotSize]').closest('.wrapper').hidden`), &hidden))
	if !hidden {
		t.Error("a question with a condition is shown before it is met")
	}
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelector('label[for="q-hasPlot"]').click()`), nil))
	waitFor(b, t, inPreview(`!d.querySelector('[data-question=plotSize]').closest('.wrapper').hidden`))
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelector('button[type=submit]').click()`), nil))
	waitFor(b, t, inPreview(`(d.querySelector('.error-summary') || {}).textContent?.includes('How big is your plot?')`))
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelector('label[for="q-plotSize"]').click()`), nil),
		chromedp.Evaluate(inPreview(`d.querySelector('button[type=submit]').click()`), nil))
	waitFor(b, t, inPreview(`d.querySelector('main').textContent.includes('This is a preview. These answers were checked but not sent or stored.')`))
	b.run(t, chromedp.Evaluate(inPreview(`[...d.querySelectorAll('button')].find((x) => x.textContent === 'Fill it again').click()`), nil))
	waitFor(b, t, inPreview(`d.querySelector('#q-hasPlot') !== null && !d.getElementById('q-hasPlot').checked`))

	// Easy read: one question a screen, and the condition asks the next one.
	b.run(t, chromedp.Click(`//section[@aria-labelledby="preview-h"]//button[text()="Easy read"]`, chromedp.BySearch))
	waitFor(b, t, frameReady("/officer/preview/allotment-survey?version=draft&mode=easy", `.progress`))
	var link string
	b.run(t, chromedp.AttributeValue(`//a[starts-with(., "Open the preview in its own tab")]`, "href", &link, nil, chromedp.BySearch))
	if link != "/officer/preview/allotment-survey?version=draft&mode=easy" {
		t.Errorf("the preview's own link = %q", link)
	}
	b.run(t, chromedp.Evaluate(inPreview(`[...d.querySelectorAll('button')].find((x) => x.textContent === 'Start').click()`), nil))
	waitFor(b, t, inPreview(`d.querySelector('.progress-text')?.textContent === 'Question 1 of 3'`))
	b.run(t, chromedp.Evaluate(inPreview(`d.querySelector('label[for="q-hasPlot"]').click()`), nil),
		chromedp.Evaluate(inPreview(`d.querySelector('button[type=submit]').click()`), nil))
	waitFor(b, t, inPreview(`d.querySelector('#q-plotSize') !== null`))

	// Nothing from the preview is on the device or in the store.
	var dbs []string
	var easySetting any
	b.run(t, chromedp.Evaluate(`indexedDB.databases().then((l) => l.map((d) => d.name))`, &dbs, awaitPromise),
		chromedp.Evaluate(`localStorage.getItem('chorus.easyRead')`, &easySetting))
	if len(dbs) != 0 || easySetting != nil {
		t.Errorf("the preview wrote to the device: databases %q, easy read setting %v", dbs, easySetting)
	}
	if n := h.count(t, "allotment-survey"); n != 0 {
		t.Errorf("%d responses stored from the preview", n)
	}

	// Published: the public app lists it, with no restart.
	b.run(t, chromedp.Click(`//button[text()="Publish"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="status"]/p[starts-with(., "Published as version 1.")]`, chromedp.BySearch),
		chromedp.Text(`[role=status]`, &notice, chromedp.ByQuery))
	if !strings.Contains(notice, "Phones pick it up the next time they connect.") {
		t.Errorf("publish notice = %q", notice)
	}
	resident.run(t, chromedp.Reload())
	waitFor(resident, t, `document.querySelector('a[href="#/start/allotment-survey"]') !== null`)

	// Closed now, after a question on the page: the app drops it.
	b.run(t, chromedp.Click(`//button[text()="Close now"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//button[text()="Yes, close it now"]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Yes, close it now"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="status"]/p[contains(., "is closed")]`, chromedp.BySearch),
		chromedp.Text(`dl.facts`, &facts, chromedp.ByQuery))
	if !strings.Contains(facts, "Closed") || !strings.Contains(facts, "People can no longer fill it in.") {
		t.Errorf("facts after closing: %q", facts)
	}
	var closeButtons int
	b.run(t, chromedp.Evaluate(`[...document.querySelectorAll('button')].filter((x) => x.textContent === 'Close now').length`, &closeButtons))
	if closeButtons != 0 {
		t.Error("a closed form still offers Close now")
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		var gone bool
		resident.run(t, chromedp.Reload(), chromedp.WaitVisible(`//h1[text()="Forms"]`, chromedp.BySearch), chromedp.Sleep(500*time.Millisecond),
			chromedp.Evaluate(`document.querySelector('h1')?.textContent === 'Forms' && document.querySelector('a[href="#/start/allotment-survey"]') === null`, &gone))
		if gone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the app still lists the form 30 s after it was closed")
		}
	}
	if n := h.count(t, "allotment-survey"); n != 0 {
		t.Errorf("%d responses stored, want none", n)
	}
}

// catalogEntry is a form as the Forms area lists it; nil when it is not.
func catalogEntry(t *testing.T, h *harness, id string) map[string]any {
	t.Helper()
	officer := h.signIn(t, "officer")
	r := h.getAs(t, officer, "/api/v1/officer/catalog")
	if r.status != 200 {
		t.Fatalf("catalog: %d %s", r.status, r.raw)
	}
	for _, f := range r.body["forms"].([]any) {
		if row := f.(map[string]any); row["id"] == id {
			return row
		}
	}
	return nil
}

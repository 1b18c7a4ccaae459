package app_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// allotmentV2YAML is the allotment survey without its free-text question
// and without the answer "Large": publishing it stops asking for both.
const allotmentV2YAML = `id: allotment-survey
version: "2"
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
          - {value: medium, label: Medium}
`

// uploadAndPublish uploads a form file in the console and publishes it.
func uploadAndPublish(b *browser, t *testing.T, h *harness, name, content, title string) {
	t.Helper()
	uploadForm(b, t, h, formFile(t, name, content))
	b.run(t, chromedp.WaitVisible(`//h1[text()="`+title+`"]`, chromedp.BySearch),
		chromedp.Click(`//button[text()="Publish"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="status"]/p[starts-with(., "Published as version")]`, chromedp.BySearch))
}

// The Forms area has no accessibility problems (axe): the list, a file's
// problems, a form's page with a draft that drops answers (publishing it
// asks for the box to be ticked), the change words page (which publishes
// the new words), and the preview page in both modes, opened through the
// app's service worker. Signed out, the preview says to sign in.
func TestBrowserFormsAccessibility(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	// The app's worker controls this browser, as on an officer's phone
	// that has opened the app: the preview must not get the app's shell.
	b.run(t, chromedp.Navigate(h.url+"/"),
		workerInControl())
	signInOfficer(b, t, h, "forms-a11y@example.org")
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms"), chromedp.WaitVisible(`#form-file`, chromedp.ByQuery))
	axeNoViolations(b, t, "forms list")

	uploadForm(b, t, h, formFile(t, "allotments.yaml", allotmentBadYAML))
	b.run(t, chromedp.WaitVisible(`.error-summary .problem-list`, chromedp.ByQuery))
	axeNoViolations(b, t, "a file's problems")

	uploadAndPublish(b, t, h, "allotments.yaml", allotmentYAML, "Allotment survey")
	axeNoViolations(b, t, "a published form")
	var drops []string
	uploadForm(b, t, h, formFile(t, "allotments-v2.yaml", allotmentV2YAML))
	b.run(t, chromedp.WaitVisible(`//h3[text()="Publishing this would stop asking for:"]`, chromedp.BySearch),
		chromedp.Evaluate(`[...document.querySelectorAll('ul.drops li')].map((li) => li.textContent)`, &drops))
	if len(drops) != 2 || !strings.Contains(drops[0]+drops[1], "What would you change?") || !strings.Contains(drops[0]+drops[1], "Large") {
		t.Errorf("drops listed: %q", drops)
	}
	axeNoViolations(b, t, "a form's page with a draft and drops")
	// The draft's plain English check, folded under its score: opened,
	// it gives the scores and says it is advice.
	var plainText string
	b.run(t, chromedp.Click(`details.plain-english summary`, chromedp.ByQuery),
		chromedp.WaitVisible(`details.plain-english[open] p`, chromedp.ByQuery),
		chromedp.Text(`details.plain-english`, &plainText, chromedp.ByQuery))
	if !strings.HasPrefix(plainText, "Plain English: reading ease ") || !strings.Contains(plainText, "no suggestions") || !strings.Contains(plainText, "the form can be published as it is") {
		t.Errorf("plain English: %q", plainText)
	}
	axeNoViolations(b, t, "a draft's plain English check, open")

	// Publishing asks for the box first, then publishes version 2.
	var refused string
	var focused bool
	b.run(t, chromedp.Click(`//button[text()="Publish"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.error-summary a[href="#ack"]`, chromedp.ByQuery),
		chromedp.Text(`.error-summary`, &refused, chromedp.ByQuery),
		chromedp.Evaluate(`document.activeElement.classList.contains('error-summary')`, &focused))
	if !strings.Contains(refused, "Tick the box") || !focused {
		t.Errorf("publish without the box ticked: %q (focused %v)", refused, focused)
	}
	axeNoViolations(b, t, "publish refused until the box is ticked")
	if row := catalogEntry(t, h, "allotment-survey"); row["version"] != "1" {
		t.Fatalf("published without the box ticked: %v", row)
	}
	b.run(t, chromedp.Click(`label[for="ack"]`, chromedp.ByQuery), chromedp.Click(`//button[text()="Publish"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="status"]/p[starts-with(., "Published as version 2.")]`, chromedp.BySearch))

	// The live version's preview in the frame, served through the worker.
	b.run(t, chromedp.Click(`//button[text()="Preview the live version"]`, chromedp.BySearch))
	waitFor(b, t, frameReady("/officer/preview/allotment-survey?version=current&mode=standard", `#q-hasPlot`))
	var banner string
	b.run(t, chromedp.Evaluate(inPreview(`d.getElementById('preview-banner').textContent`), &banner))
	if !strings.HasPrefix(banner, "Preview of the live version") {
		t.Errorf("banner of the live version's preview: %q", banner)
	}
	var viaWorker bool
	b.run(t, chromedp.Evaluate(`document.querySelector('.phone-frame iframe').contentWindow.navigator.serviceWorker.controller !== null`, &viaWorker))
	if !viaWorker {
		t.Error("the preview's frame was not loaded through the app's worker")
	}
	axeNoViolations(b, t, "a form's page with its preview")

	// Change words: the new label is published as version 3.
	b.run(t, chromedp.Click(`//a[text()="Change words"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[text()="Change words: Allotment survey"]`, chromedp.BySearch))
	axeNoViolations(b, t, "change words")
	var hidden bool
	b.run(t, chromedp.Evaluate(`document.getElementById('w-plotSize-o0-easy').offsetParent === null`, &hidden))
	if !hidden {
		t.Error("a public form with no easy-read wording shows its easy-read fields before they are asked for")
	}
	b.run(t, chromedp.Evaluate(`document.getElementById('w-hasPlot-label').value = ''`, nil), chromedp.SendKeys(`#w-hasPlot-label`, "Do you rent a plot?", chromedp.ByQuery),
		chromedp.Evaluate(`document.getElementById('w-plotSize-o0').value = ''`, nil), chromedp.SendKeys(`#w-plotSize-o0`, "Small (up to 125 m²)", chromedp.ByQuery),
		chromedp.Click(`#w-show-easy`, chromedp.ByQuery), // a public form with no easy-read wording: hidden until asked for
		chromedp.SendKeys(`#w-plotSize-o0-easy`, "A small plot", chromedp.ByQuery),
		chromedp.SendKeys(`#w-hasPlot-label-easy`, "Do you have a plot?", chromedp.ByQuery),
		chromedp.SendKeys(`#w-introduction-easy`, "Tell us about allotments.", chromedp.ByQuery),
		chromedp.Click(`//button[text()="Save and publish the new words"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//div[@role="status"]/p[starts-with(., "The new words are published as version 3.")]`, chromedp.BySearch))
	live := string(h.get(t, "/api/v1/forms/allotment-survey").raw)
	for _, want := range []string{`"version":"3"`, "Do you rent a plot?", `"label":"Small (up to 125 m²)","easyRead":"A small plot"`,
		"Tell us about the council's allotments.", `"easyReadIntroduction":"Tell us about allotments."`, `"label":"Do you rent a plot?","easyRead":"Do you have a plot?"`} {
		if !strings.Contains(live, want) {
			t.Errorf("the form after its words changed lacks %s: %s", want, live)
		}
	}

	// The preview page in a tab of its own, both modes.
	b.run(t, chromedp.Navigate(h.url+"/officer/preview/allotment-survey?version=current&mode=standard"),
		chromedp.WaitVisible(`#q-hasPlot`, chromedp.ByQuery))
	var robots string
	b.run(t, chromedp.AttributeValue(`meta[name=robots]`, "content", &robots, nil, chromedp.ByQuery))
	if robots != "noindex" {
		t.Errorf("the preview page's robots = %q", robots)
	}
	axeNoViolations(b, t, "preview, standard")
	b.run(t, chromedp.Navigate(h.url+"/officer/preview/allotment-survey?version=current&mode=easy"),
		chromedp.WaitVisible(`.progress`, chromedp.ByQuery))
	axeNoViolations(b, t, "preview, easy read")
	b.run(t, chromedp.Click(`//button[text()="Start"]`, chromedp.BySearch), chromedp.WaitVisible(`#q-hasPlot`, chromedp.ByQuery))
	axeNoViolations(b, t, "preview, easy read question")

	// Signed out, the preview says so and where to sign in.
	other := newBrowser(t, "")
	var href string
	other.run(t, chromedp.Navigate(h.url+"/officer/preview/allotment-survey?version=current"),
		chromedp.WaitVisible(`//h1[text()="Sign in to see this preview"]`, chromedp.BySearch),
		chromedp.AttributeValue(`main a`, "href", &href, nil, chromedp.ByQuery))
	if href != "/officer" {
		t.Errorf("the signed-out preview links to %q", href)
	}
}

// On a 390 px phone, the Forms list, a form's page with its preview open,
// and the change words page scroll only up and down.
func TestBrowserFormsNarrow(t *testing.T) {
	h := start(t, "", "")
	b := newBrowser(t, "")
	b.run(t, chromedp.EmulateViewport(390, 844))
	signInOfficer(b, t, h, "forms-narrow@example.org")
	uploadAndPublish(b, t, h, "allotments.yaml", allotmentYAML, "Allotment survey")
	uploadForm(b, t, h, formFile(t, "allotments-v2.yaml", allotmentV2YAML))
	b.run(t, chromedp.WaitVisible(`ul.drops`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "a form's page with a draft")
	b.run(t, chromedp.Click(`//button[text()="Preview the draft in easy read"]`, chromedp.BySearch))
	waitFor(b, t, frameReady("/officer/preview/allotment-survey?version=draft&mode=easy", `.progress`))
	noSidewaysScroll(b, t, "a form's page with its preview")
	var frame float64
	b.run(t, chromedp.Evaluate(`document.querySelector('.phone-frame iframe').getBoundingClientRect().width`, &frame))
	if frame < 300 || frame > 358.5 {
		t.Errorf("the preview's frame is %.0f px wide on a 390 px screen", frame)
	}
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms"), chromedp.WaitVisible(`table.stack`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "the Forms list")
	b.run(t, chromedp.Navigate(h.url+"/officer#/forms/allotment-survey/words"), chromedp.WaitVisible(`#w-title`, chromedp.ByQuery))
	noSidewaysScroll(b, t, "change words")
}

// The preview page is served at /officer/preview/FORM, may be framed by
// the console's own pages only, and is not indexed; every other page may
// be framed by none.
func TestBrowserFormsPreviewPageServed(t *testing.T) {
	h := start(t, "", "")
	r := h.get(t, "/officer/preview/allotment-survey?version=draft&mode=easy")
	if r.status != 200 || !strings.Contains(string(r.raw), `<script type="module" src="/js/preview.js">`) || !strings.Contains(string(r.raw), `<meta name="robots" content="noindex">`) {
		t.Fatalf("the preview page: %d %.300s", r.status, r.raw)
	}
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'self'") || r.header.Get("X-Frame-Options") != "SAMEORIGIN" {
		t.Errorf("the preview page's framing: CSP %q, X-Frame-Options %q", csp, r.header.Get("X-Frame-Options"))
	}
	for _, path := range []string{"/", "/officer", "/officer.html", "/fill/x"} {
		o := h.get(t, path)
		if csp := o.header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || o.header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s may be framed: CSP %q, X-Frame-Options %q", path, csp, o.header.Get("X-Frame-Options"))
		}
	}
}

package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Helpers for the browser tests of a form in several languages
// (testdata/forms-translated: English, Polish, and Arabic in part).

const translatedDir = "testdata/forms-translated"

// pageLanguage is what the page says of its languages: the document's
// lang and dir, the form's content's, the names the pickers offer (each
// with its own lang) and which is chosen.
type pageLanguage struct {
	Lang, Dir, FormLang, FormDir string
	Buttons, Options             []string
	Pressed, Selected, Send      string
}

func languageOnPage(b *browser, t *testing.T) pageLanguage {
	t.Helper()
	var got pageLanguage
	b.run(t, chromedp.Evaluate(`(() => {
		const page = document.querySelector('.form-page');
		const named = (e) => e.getAttribute('lang') + ':' + e.textContent;
		return {
			lang: document.documentElement.lang, dir: document.documentElement.dir,
			formLang: page?.getAttribute('lang') || '', formDir: page?.getAttribute('dir') || '',
			buttons: [...document.querySelectorAll('.languages button')].map(named),
			options: [...document.querySelectorAll('#header-language option')].map(named),
			pressed: document.querySelector('.languages [aria-pressed=true]')?.dataset.language || '',
			selected: document.querySelector('#header-language')?.value || '',
			send: document.querySelector('main form button[type=submit]')?.textContent || '',
		};
	})()`, &got))
	return got
}

// labelSide says where a question's label lies in its card: "start" for
// left-aligned text, "end" for right-aligned, by the gaps either side.
func labelSide(b *browser, t *testing.T, question string) string {
	t.Helper()
	var gaps struct{ Left, Right float64 }
	b.run(t, chromedp.Evaluate(fmt.Sprintf(`(() => {
		const card = document.querySelector('[data-question=%q]').getBoundingClientRect();
		const text = document.querySelector('[data-question=%q] legend > span').getBoundingClientRect();
		return { left: text.left - card.left, right: card.right - text.right };
	})()`, question, question), &gaps))
	switch {
	case gaps.Left < 4 && gaps.Right > 20:
		return "left"
	case gaps.Right < 4 && gaps.Left > 20:
		return "right"
	}
	return fmt.Sprintf("unclear (gaps %.0f left, %.0f right)", gaps.Left, gaps.Right)
}

// fillDayCentres answers the consultation: often (0 weekly, 1 monthly,
// 2 never), the likes by their place, more yes or no; then sends it.
func fillDayCentres(often int, likes []int, more bool) chromedp.Action {
	id := func(q string, i int) string {
		if i == 0 {
			return fmt.Sprintf(`label[for="q-%s"]`, q)
		}
		return fmt.Sprintf(`label[for="q-%s-%d"]`, q, i)
	}
	actions := []chromedp.Action{chromedp.Click(id("often", often), chromedp.ByQuery)}
	for _, l := range likes {
		actions = append(actions, chromedp.Click(id("likes", l), chromedp.ByQuery))
	}
	yes := 0
	if !more {
		yes = 1
	}
	actions = append(actions, chromedp.Click(id("more", yes), chromedp.ByQuery), chromedp.Click(`main form button[type=submit]`, chromedp.ByQuery))
	return chromedp.Tasks(actions)
}

// A resident fills the consultation in English, in Polish and in Arabic on
// a 320 px phone: the pickers offer the three by their own names, the
// Polish page is in Polish (the app's words too), the Arabic one lays out
// right to left with what the partial translation leaves out marked as
// English; axe finds nothing and nothing scrolls sideways in either; the
// problems are told in Arabic; the responses are stored with their
// language and the same option values, and the export shows the Language
// column and counts the answers alike.
func TestBrowserLanguagesFillPolishAndArabic(t *testing.T) {
	h := start(t, translatedDir, "")
	b := newBrowser(t, "")
	const form = "/#/start/" + translatedForm
	b.run(t, chromedp.EmulateViewport(320, 640), chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery))
	got := languageOnPage(b, t)
	names := []string{"en:English", "ar:العربية", "pl:Polski"}
	if !slices.Equal(got.Buttons, names) || !slices.Equal(got.Options, names) || got.Pressed != "en" || got.Selected != "en" || got.FormLang != "en" || got.Send != "Send" {
		t.Fatalf("a form in three languages opens so: %+v", got)
	}
	b.run(t, fillDayCentres(0, []int{0}, true), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))

	// Polish, chosen on the first screen.
	b.run(t, chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery),
		chromedp.Click(`.languages [data-language=pl]`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "Ośrodki dzienne")
	got = languageOnPage(b, t)
	if got.Lang != "pl" || got.Dir != "ltr" || got.FormLang != "pl" || got.FormDir != "ltr" || got.Pressed != "pl" || got.Selected != "pl" || got.Send != "Wyślij" {
		t.Errorf("in Polish: %+v", got)
	}
	if side := labelSide(b, t, "often"); side != "left" {
		t.Errorf("a Polish label lies %s", side)
	}
	if s := textIn(b, t, `[data-question=often] legend`); s != "Jak często chodzisz do ośrodka dziennego?" {
		t.Errorf("the Polish label: %q", s)
	}
	noSidewaysScroll(b, t, "Polish, 320 px")
	axeNoViolations(b, t, "the form in Polish")
	b.run(t, fillDayCentres(0, []int{0}, true), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "Odpowiedź wysłana")
	// The forms list names the form in Polish now, the language chosen last.
	b.run(t, chromedp.Navigate(h.url+"/"))
	waitText(b, t, `a[href="#/start/`+translatedForm+`"] .card-title [lang=pl][dir=ltr]`, "Ośrodki dzienne")

	// Arabic, chosen in the header: the form opens in Polish, chosen last.
	b.run(t, chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery))
	if got = languageOnPage(b, t); got.Pressed != "pl" || got.FormLang != "pl" {
		t.Errorf("the language chosen last is not remembered: %+v", got)
	}
	b.run(t, pick(`#header-language`, "ar"), chromedp.WaitVisible(`.form-page[dir=rtl]`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "مراكز الرعاية النهارية")
	got = languageOnPage(b, t)
	if got.Lang != "ar" || got.Dir != "rtl" || got.FormLang != "ar" || got.Pressed != "ar" || got.Send != "إرسال" {
		t.Errorf("in Arabic: %+v", got)
	}
	if side := labelSide(b, t, "often"); side != "right" {
		t.Errorf("an Arabic label lies %s", side)
	}
	// What the partial translation leaves out is in English, marked so.
	if s := textIn(b, t, `[data-question=likes] legend [lang=en][dir=ltr]`); s != "What do you like there?" {
		t.Errorf("an untranslated label is not marked as English: %q", s)
	}
	if s := textIn(b, t, `section h2 [lang=en]`); s != "About you" {
		t.Errorf("an untranslated section title is not marked as English: %q", s)
	}
	noSidewaysScroll(b, t, "Arabic, 320 px")
	axeNoViolations(b, t, "the form in Arabic")

	// A problem is told in Arabic, quoting the Arabic label.
	b.run(t, chromedp.Click(`main form button[type=submit]`, chromedp.ByQuery), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	if s := textIn(b, t, `.error-summary`); !strings.Contains(s, "توجد مشكلة") || !strings.Contains(s, "«كم مرة تذهب إلى مركز الرعاية النهارية؟»") {
		t.Errorf("the problem in Arabic: %q", s)
	}
	axeNoViolations(b, t, "the form in Arabic with a problem")
	b.run(t, fillDayCentres(1, []int{1}, false), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	waitText(b, t, `main h1`, "تم إرسال الإجابة")
	b.run(t, chromedp.Navigate(h.url+"/"))
	waitText(b, t, `a[href="#/start/`+translatedForm+`"] .card-title [lang=ar][dir=rtl]`, "مراكز الرعاية النهارية")

	checkStoredLanguages(t, h, map[string]string{"en": `{"likes":["food"],"more":true,"often":"weekly"}`,
		"pl": `{"likes":["food"],"more":true,"often":"weekly"}`, "ar": `{"likes":["trips"],"more":false,"often":"monthly"}`})
	checkLanguageExport(t, h, map[string]int64{"English (en)": 1, "Polski (pl)": 1, "العربية (ar)": 1},
		map[string]int64{"How often do you go to a day centre? / Every week": 2, "How often do you go to a day centre? / Every month": 1,
			"What do you like there? / The food": 2, "What do you like there? / Trips out": 1})
}

// checkStoredLanguages fails unless the form's responses are one per
// language, each with the answers given (JSON).
func checkStoredLanguages(t *testing.T, h *harness, want map[string]string) {
	t.Helper()
	stored := h.storedResponses(t, translatedForm)
	got := map[string]string{}
	for _, r := range stored {
		got[r.Language] = jsonOf(r.Answers)
	}
	if len(stored) != len(want) {
		t.Errorf("%d responses stored, want %d: %v", len(stored), len(want), got)
	}
	for lang, answers := range want {
		if got[lang] != answers {
			t.Errorf("stored in %q: %s, want %s", lang, got[lang], answers)
		}
	}
}

// checkLanguageExport reads the form's export: the Language column counts
// the responses by language, and the Summary counts the answers.
func checkLanguageExport(t *testing.T, h *harness, languages, summary map[string]int64) {
	t.Helper()
	if err := h.app.Intake.FlushStats(context.Background()); err != nil {
		t.Fatal(err)
	}
	x := h.getAs(t, h.signIn(t, "officer"), "/api/v1/forms/"+translatedForm+"/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d %s", x.status, x.raw)
	}
	rows, _ := openWorkbook(t, x.raw).GetRows("Responses")
	col := slices.Index(rows[0], "Language")
	if col < 0 {
		t.Fatalf("no Language column: %q", rows[0])
	}
	got := map[string]int64{}
	for _, row := range rows[1:] {
		got[row[col]]++
	}
	for name, n := range languages {
		if got[name] != n {
			t.Errorf("export: %d rows in %s, want %d (%v)", got[name], name, n, got)
		}
	}
	counts := summaryCounts(t, x.raw)
	for k, n := range summary {
		if counts[k] != n {
			t.Errorf("Summary %s = %d, want %d", k, counts[k], n)
		}
	}
}

// With no signal, a form opened once is filled in Arabic (the app's Arabic
// words come from the device's copy too), waits in the outbox, said in
// Arabic, then again in Polish; both are stored, each in its language,
// once the server is back.
func TestBrowserLanguagesOffline(t *testing.T) {
	data := t.TempDir()
	h := start(t, translatedDir, data)
	addr := strings.TrimPrefix(h.url, "http://")
	b := newBrowser(t, "")
	const form = "/#/start/" + translatedForm
	link := `a[href="#/start/` + translatedForm + `"]`
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/"),
		workerInControl(),
		chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery),
		chromedp.Navigate(h.url+"/"), chromedp.WaitVisible(link, chromedp.ByQuery))
	h.stop()

	b.run(t, chromedp.Reload(), chromedp.WaitVisible(link, chromedp.ByQuery),
		chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery),
		chromedp.Click(`.languages [data-language=ar]`, chromedp.ByQuery), chromedp.WaitVisible(`.form-page[dir=rtl]`, chromedp.ByQuery))
	if got := languageOnPage(b, t); got.Send != "إرسال" || got.Dir != "rtl" {
		t.Errorf("offline in Arabic: %+v", got)
	}
	b.run(t, fillDayCentres(2, nil, true))
	waitText(b, t, `main h1`, "إجابتك في أمان")
	b.run(t, chromedp.Navigate(h.url+"/#/outbox"))
	waitText(b, t, `main h1`, "بانتظار الإرسال")
	waitFor(b, t, `document.querySelector('#status').textContent.includes('بانتظار الإرسال: 1')`)

	// And one in Polish, still offline: the page back to left to right.
	b.run(t, chromedp.Navigate(h.url+form), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery),
		chromedp.Click(`.languages [data-language=pl]`, chromedp.ByQuery), chromedp.WaitVisible(`.form-page[lang=pl]`, chromedp.ByQuery))
	if got := languageOnPage(b, t); got.Send != "Wyślij" || got.Dir != "ltr" || got.Lang != "pl" {
		t.Errorf("offline in Polish: %+v", got)
	}
	b.run(t, fillDayCentres(1, []int{1}, false))
	waitText(b, t, `main h1`, "Twoja odpowiedź jest bezpieczna")
	waitFor(b, t, `document.querySelector('#status').textContent.includes('2 czekają na wysłanie')`)

	h = startAt(t, addr, translatedDir, data)
	b.run(t, chromedp.Reload())
	waitFor(b, t, `document.querySelector('#status').textContent.includes('Nic nie czeka na wysłanie')`)
	checkStoredLanguages(t, h, map[string]string{"ar": `{"more":true,"often":"never"}`, "pl": `{"likes":["trips"],"more":false,"often":"monthly"}`})
}

// fakeVoices is a FAKE speechSynthesis with an English and an Arabic
// voice and no Polish one, recording the language of what it is asked to
// say.
const fakeVoices = `(() => {
	const fake = new EventTarget();
	fake.spoken = [];
	fake.getVoices = () => [
		{ name: 'English voice', lang: 'en-GB', default: true, localService: true, voiceURI: 'en' },
		{ name: 'Arabic voice', lang: 'ar-SA', default: false, localService: true, voiceURI: 'ar' }];
	fake.speak = (u) => { fake.spoken.push(u.lang + ': ' + u.text); };
	fake.cancel = () => {};
	Object.defineProperty(window, 'speechSynthesis', { value: fake, configurable: true });
	window.fakeSpeech = fake;
})();`

// Easy read aloud in the form's language: in Arabic, text is read in
// Arabic; in Polish, which the phone has no voice for, the screen says so
// and shows no read-aloud buttons.
func TestBrowserLanguagesReadAloud(t *testing.T) {
	h := start(t, translatedDir, "")
	b := newBrowser(t, "")
	b.run(t, chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(fakeVoices).Do(ctx)
		return err
	}), chromedp.Navigate(h.url+"/"), chromedp.Evaluate(`localStorage.setItem('chorus.easyRead', 'on')`, nil),
		chromedp.Navigate(h.url+"/#/start/"+translatedForm), chromedp.WaitVisible(`.speak-word`, chromedp.ByQuery),
		chromedp.Click(`.languages [data-language=pl]`, chromedp.ByQuery), chromedp.WaitVisible(`.voice-note`, chromedp.ByQuery))
	if s := textIn(b, t, `.voice-note`); s != "Ten telefon nie ma głosu, który przeczyta tekst w języku: Polski." {
		t.Errorf("no Polish voice, said as %q", s)
	}
	if shownNow(b, t, `.speak`) {
		t.Error("read-aloud buttons shown for a language the phone has no voice for")
	}
	axeNoViolations(b, t, "easy read in Polish with no Polish voice")

	// In Arabic: the introduction, which the translation leaves out, is read
	// in English; the question in Arabic.
	var spoken []string
	b.run(t, chromedp.Click(`.languages [data-language=ar]`, chromedp.ByQuery), chromedp.WaitVisible(`.form-page[lang=ar] .speak-word`, chromedp.ByQuery),
		chromedp.Click(`.speak-word`, chromedp.ByQuery), chromedp.Click(`.nav .primary`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-question=often] .speak-word`, chromedp.ByQuery),
		chromedp.Click(`[data-question=often] .speak-word`, chromedp.ByQuery), chromedp.Evaluate(`window.fakeSpeech.spoken`, &spoken))
	if want := []string{"en: Tell us what you think about day centres.", "ar: كم مرة تذهب إلى مركز الرعاية النهارية؟"}; !slices.Equal(spoken, want) {
		t.Errorf("read aloud %q, want %q", spoken, want)
	}
	if shownNow(b, t, `.voice-note`) {
		t.Error("the note of no voice stays in Arabic")
	}
}

// The officers' preview shows a form in each of its languages (lang=pl in
// its address, or chosen on the page, which the address then keeps), as a
// resident sees it, and still stores nothing.
func TestBrowserLanguagesPreview(t *testing.T) {
	h := start(t, translatedDir, "")
	b := newBrowser(t, "")
	signInOfficer(b, t, h, "languages@example.org")
	b.run(t, chromedp.EmulateViewport(390, 844), chromedp.Navigate(h.url+"/officer/preview/"+translatedForm+"?version=current&mode=standard&lang=pl"),
		chromedp.WaitVisible(`#q-often`, chromedp.ByQuery))
	if got := languageOnPage(b, t); got.FormLang != "pl" || got.Pressed != "pl" || got.Send != "Wyślij" {
		t.Errorf("the preview in Polish: %+v", got)
	}
	b.run(t, chromedp.Click(`.languages [data-language=ar]`, chromedp.ByQuery), chromedp.WaitVisible(`.form-page[dir=rtl]`, chromedp.ByQuery))
	var url string
	b.run(t, chromedp.Location(&url))
	if !strings.HasSuffix(url, "lang=ar") {
		t.Errorf("the preview's address does not keep the language: %s", url)
	}
	if s := textIn(b, t, `[data-question=often] legend`); s != "كم مرة تذهب إلى مركز الرعاية النهارية؟" {
		t.Errorf("the preview's Arabic label: %q", s)
	}
	if s := textIn(b, t, `#preview-banner`); !strings.Contains(s, "nothing you fill here is sent") {
		t.Errorf("the preview's banner: %q", s)
	}
	axeNoViolations(b, t, "preview in Arabic")
	b.run(t, fillDayCentres(0, nil, true), chromedp.WaitVisible(`//h1[text()="Your answers passed the checks"]`, chromedp.BySearch))
	if n := h.count(t, translatedForm); n != 0 {
		t.Errorf("%d responses stored from the preview", n)
	}
}

// Easy read in Arabic on a 320 px phone: every screen right to left, in
// Arabic words (the progress line too), with axe finding nothing and
// nothing scrolling sideways; Check your answers reads the answers back in
// Arabic; the response is stored in Arabic.
func TestBrowserLanguagesEasyReadArabic(t *testing.T) {
	h := start(t, translatedDir, "")
	b := newBrowser(t, "")
	next := func() chromedp.Action { return chromedp.Click(`.nav .primary`, chromedp.ByQuery) }
	screen := func(name, progress string) {
		t.Helper()
		waitText(b, t, `.progress-text`, progress)
		if got := languageOnPage(b, t); got.FormDir != "rtl" || got.Dir != "rtl" {
			t.Errorf("%s: %+v", name, got)
		}
		noSidewaysScroll(b, t, name)
		axeNoViolations(b, t, "easy read in Arabic: "+name)
	}
	b.run(t, chromedp.EmulateViewport(320, 640), chromedp.Navigate(h.url+"/"), chromedp.Evaluate(`localStorage.setItem('chorus.easyRead', 'on')`, nil),
		chromedp.Navigate(h.url+"/#/start/"+translatedForm), chromedp.WaitVisible(`.languages`, chromedp.ByQuery),
		chromedp.Click(`.languages [data-language=ar]`, chromedp.ByQuery), chromedp.WaitVisible(`.form-page[dir=rtl]`, chromedp.ByQuery))
	screen("first screen", "قبل أن تبدأ")
	b.run(t, next(), chromedp.WaitVisible(`#q-often`, chromedp.ByQuery))
	screen("first question", "السؤال 1 من 3")
	b.run(t, next(), chromedp.WaitVisible(`.error-summary`, chromedp.ByQuery))
	if s := textIn(b, t, `.error-message`); !strings.Contains(s, "يجب أن تختار إجابة.") {
		t.Errorf("easy read's problem in Arabic: %q", s)
	}
	b.run(t, chromedp.Click(`label[for="q-often"]`, chromedp.ByQuery), next(), chromedp.WaitVisible(`#q-likes`, chromedp.ByQuery))
	screen("second question", "السؤال 2 من 3")
	b.run(t, chromedp.Click(`label[for="q-likes-1"]`, chromedp.ByQuery), next(), chromedp.WaitVisible(`#q-more`, chromedp.ByQuery),
		chromedp.Click(`label[for="q-more"]`, chromedp.ByQuery), next(), chromedp.WaitVisible(`.summary`, chromedp.ByQuery))
	screen("check your answers", "راجع إجاباتك")
	if s := textIn(b, t, `[data-question=often] .answer`); s != "كل أسبوع" {
		t.Errorf("an answer read back: %q", s)
	}
	if s := textIn(b, t, `[data-question=more] .answer`); s != "نعم" {
		t.Errorf("yes read back: %q", s)
	}
	b.run(t, chromedp.Click(`.nav .primary`, chromedp.ByQuery), chromedp.WaitVisible(`.receipt`, chromedp.ByQuery))
	checkStoredLanguages(t, h, map[string]string{"ar": `{"likes":["trips"],"more":true,"often":"weekly"}`})
}

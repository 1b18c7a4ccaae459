package formbook_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/form"
	"chorus/internal/formbook"
)

// TestRoundTrip writes each built-in form as a workbook and reads it back:
// the form is the same, to the last field.
func TestRoundTrip(t *testing.T) {
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		t.Run(f.ID, func(t *testing.T) {
			_, got := roundTrip(t, f)
			// The workbook read back writes the same workbook again.
			again, err := formbook.Write(got)
			if err != nil {
				t.Fatal(err)
			}
			if _, ps := formbook.Read("again.xlsx", again, time.UTC); len(ps) > 0 {
				t.Fatal(ps)
			}
		})
	}
}

// roundTrip writes f as a workbook and reads it back, failing unless the
// form read is f to the last field; it returns the workbook and the form.
func roundTrip(t *testing.T, f *form.Form) ([]byte, *form.Form) {
	t.Helper()
	data, err := formbook.Write(f)
	if err != nil {
		t.Fatal(err)
	}
	got, ps := formbook.Read(f.ID+".xlsx", data, time.UTC)
	if len(ps) > 0 {
		t.Fatalf("reading the written workbook:\n%s", ps)
	}
	want, _ := json.MarshalIndent(f, "", " ")
	have, _ := json.MarshalIndent(got, "", " ")
	if !bytes.Equal(want, have) {
		t.Errorf("the form changed on its way through a workbook:\n%s", diff(string(want), string(have)))
	}
	return data, got
}

// diff shows the first lines where two texts differ.
func diff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return "line " + strconv.Itoa(i+1) + ":\n want " + string(al[i]) + "\n have " + string(bl[i])
		}
	}
	return "one is longer"
}

// everything is a form that uses every field a workbook can hold.
const everything = `
id: everything
version: "2.1"
title: "Every field: =1+1 is text"
kind: visit
audience: volunteers
numbering: true
opens: "2026-11-01T09:30:00Z"
closes: "2027-06-30"
introduction: "  Leading spaces,\nlines\r\nand a trailing line\n"
privacyNotice: Private.
easyReadIntroduction: Easy intro.
easyReadPrivacyNotice: Easy privacy.
visit:
  service: service
  date: visitDate
  teamSize: team
  keyQuestions: [rating, single]
  safeguarding: worry
sections:
  - title: No id
    questions:
      - {id: service, type: service, label: Service, required: true}
      - {id: visitDate, type: date, label: Date, minDate: "2026-01-01", maxDate: today}
      - {id: team, type: number, label: Team, integer: true, min: 1, max: 10}
      - {id: hours, type: number, label: Hours, min: 0.5, max: 7.25}
  - id: second
    title: Second
    easyRead: Easy second
    questions:
      - id: rating
        type: rating
        label: Rating
        options:
          - {value: "1", label: One, colour: red, icon: "🙁", easyRead: Bad}
          - {value: "2", label: Two, colour: green}
      - id: single
        type: singleChoice
        label: Single
        showIf: {question: rating, equals: "2"}
        options:
          - {value: "1", label: One, colour: red, icon: "🙁", easyRead: Bad}
          - {value: "2", label: Two, colour: green}
      - id: multi
        type: multipleChoice
        label: Multi
        min: 1
        max: 2
        options: [{value: a, label: A}, {value: b, label: B}, {value: c, label: C}]
      - {id: onMulti, type: shortText, label: On multi, showIf: {question: multi, anyOf: [a, c]}, pattern: "[A-Z]{2}[0-9]+", patternMessage: Two letters, easyReadPatternMessage: Easy letters, maxLength: 20}
      - {id: onNumber, type: longText, label: On number, showIf: {question: team, equals: 3}, hint: Hint, easyReadHint: Easy hint}
      - {id: onNumbers, type: email, label: On numbers, showIf: {question: hours, anyOf: [0.5, 2]}}
      - {id: worry, type: yesNo, label: Worry, icon: "⚠️"}
      - {id: call, type: notice, label: Call, phone: "01632 960 000", showIf: {question: worry, equals: true}}
      - {id: notWorried, type: phone, label: Phone, showIf: {question: worry, equals: false}}
      - {id: agree, type: consent, label: Agree, required: true}
      - {id: onAgree, type: shortText, label: On agree, showIf: {question: agree, equals: true}}
  - id: consultation
    title: Consultation
    showIf: {question: multi, noneOf: [b, c]}
    questions:
      - id: intro
        type: guidance
        body: "## Before you start\n\nThis takes **10 minutes**.\n\n- one\n- two\n\nRead [the plan](https://example.org/plan)."
      - {id: titled, type: guidance, label: A titled guidance, body: Some words.}
      - id: agreeGrid
        type: grid
        label: How much do you agree?
        shortLabel: Agreement
        required: true
        options: [{value: agree, label: Agree}, {value: disagree, label: Disagree}]
        statements:
          - {id: parks, label: Parks are clean, easyRead: Parks are clean}
          - {id: roads, label: Roads are safe}
      - id: order
        type: ranking
        label: Put these in order
        options: [{value: x, label: X}, {value: y, label: Y}, {value: z, label: Z}]
      - id: how
        type: singleChoice
        label: How did you hear?
        options: [{value: post, label: Post}, {value: other, label: Other (please say), specify: true}]
      - {id: words, type: longText, label: In 100 words, maxWords: 100, showIf: {question: how, notEquals: other}}
      - {id: wordsAgain, type: shortText, label: Anything else, showIf: {question: words, answered: true}}
      - {id: noWords, type: shortText, label: "Why not?", showIf: {question: words, answered: false}}
      - {id: notTwo, type: shortText, label: Not two, showIf: {question: team, noneOf: [2, 4]}}
      - {id: notDog, type: shortText, label: Not a, showIf: {question: multi, notEquals: a}}
      - {id: listOfOne, type: shortText, label: List of one, showIf: {question: how, noneOf: [post]}}
      - {id: anyOfOne, type: shortText, label: Any of one, showIf: {question: multi, anyOf: [b]}}
`

// TestRoundTripEverything: a form using every field survives the round trip.
func TestRoundTripEverything(t *testing.T) {
	f, errs := form.Parse("everything.yaml", []byte(everything), time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	roundTrip(t, f)
}

// TestWriteRefusesWhatItCannotHold: a form with a question type a workbook
// has no row for is refused, not written without it.
func TestWriteRefusesWhatItCannotHold(t *testing.T) {
	f := &form.Form{ID: "new", Version: "1", Title: "New", Kind: form.KindSurvey, Audience: form.AudiencePublic,
		Sections: []form.Section{{Title: "S", Questions: []form.Question{{ID: "q", Type: "hologram", Label: "Q"}}}}}
	if _, err := formbook.Write(f); !errors.Is(err, formbook.ErrUnwritable) || !strings.Contains(err.Error(), "q: type hologram") {
		t.Errorf("Write: %v", err)
	}
}

package form

import (
	"strings"
	"testing"
)

const repeated = `
id: c
version: "1"
title: C
kind: consultation
audience: public
sections:
  - title: Proposal 1
    questions:
      - {id: p1, type: singleChoice, label: "Do you agree?", options: [{value: "y", label: "Yes"}]}
      - {id: why1, type: longText, label: "Why?", shortLabel: "Why (proposal 1)"}
  - title: Proposal 2
    questions:
      - {id: p2, type: singleChoice, label: "Do you agree?", options: [{value: "y", label: "Yes"}]}
      - {id: g, type: guidance, body: Read this.}
      - {id: aims, type: grid, label: Aims, statements: [{id: fair, label: Fair}], options: [{value: "y", label: "Yes"}]}
`

func TestTitles(t *testing.T) {
	f := mustParse(t, repeated)
	got := []string{f.ColumnTitle(f.Question("p1")), f.ColumnTitle(f.Question("why1")), f.ColumnTitle(f.Question("p2")), f.StatementTitle(f.Question("aims"), &f.Question("aims").Statements[0])}
	want := []string{"Proposal 1 — Do you agree?", "Why (proposal 1)", "Proposal 2 — Do you agree?", "Aims — Fair"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("titles = %q, want %q", got, want)
	}
	if f.Number(f.Question("p2")) != "" {
		t.Error("a form without numbering numbers its questions")
	}
	clashes := f.TitleClashes()
	if len(clashes) != 2 || !strings.Contains(clashes[0].Message, "shortLabel") {
		t.Errorf("clashes = %v", clashes)
	}

	numbered := mustParse(t, strings.Replace(repeated, "audience: public", "audience: public\nnumbering: true", 1))
	got = []string{numbered.ColumnTitle(numbered.Question("p1")), numbered.ColumnTitle(numbered.Question("p2")), numbered.Number(numbered.Question("aims")), numbered.Number(numbered.Question("g"))}
	want = []string{"Q1 Proposal 1 — Do you agree?", "Q3 Proposal 2 — Do you agree?", "Q4", ""}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("numbered titles = %q, want %q", got, want)
	}
	if c := numbered.TitleClashes(); len(c) != 0 {
		t.Errorf("a numbered form's clashes: %v", c)
	}

	same := mustParse(t, strings.Replace(repeated, "title: Proposal 2", "title: Proposal 1", 1))
	if c := same.TitleClashes(); len(c) == 0 || !strings.Contains(c[0].Message, "same title") {
		t.Errorf("the same label in sections of one title: %v", c)
	}
}

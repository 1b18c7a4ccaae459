package formbook_test

import (
	"strings"
	"testing"
)

// TestEveryMistake reads a workbook with many mistakes and gets each one,
// at its sheet, row and column, and nothing else.
func TestEveryMistake(t *testing.T) {
	data := book(t,
		sheet{"survey", [][]any{
			surveyHeader,                                          // row 1
			{"begin group", "about", "About you"},                 // row 2
			{"geopoint", "where", "Where are you?"},               // row 3: Chorus has no places
			{"select_one sizes", "size", "Your size"},             // row 4: no list sizes
			{"text", "why", "Why?", "", "${later} = 'x'"},         // row 5: later comes later
			{"text", "size", "Your size again"},                   // row 6: size is used on row 4
			{"text", "mood", "Your mood", "maybe"},                // row 7: required maybe
			{"text", "later"},                                     // row 8: no label
			{"integer", "count", "How many?", "", "", "none", 10}, // row 9: min is not a number
			{"end group"},
		}},
		sheet{"choices", [][]any{
			{"list_name", "name", "label"},
			{"colours", "red", "Red"},
		}},
		sheet{"settings", [][]any{
			{"form_id", "version", "form_title", "kind", "audience"},
			{"test-form", "1", "A test form", "inspection", "public"},
		}},
	)
	ps := problemsOf(t, data)
	want := []struct {
		sheet  string
		row    int
		column string
		text   string
	}{
		{"survey", 3, "type", `Chorus has no type "geopoint"`},
		{"survey", 4, "type", "the list sizes is not on the choices sheet"},
		{"survey", 5, "relevant", "refers to later, which comes later (row 8)"},
		{"survey", 6, "name", "the name size is already used on row 4"},
		{"survey", 7, "required", `required must be yes or no, not "maybe"`},
		{"survey", 8, "label", "label is missing"},
		{"survey", 9, "min", `min must be a number, not "none"`},
		{"settings", 2, "kind", `kind "inspection" must be one of visit, consultation, survey`},
	}
	for _, w := range want {
		if !hasProblem(ps, w.sheet, w.row, w.column, w.text) {
			t.Errorf("missing %s row %d, column %s: %s", w.sheet, w.row, w.column, w.text)
		}
	}
	if len(ps) != len(want) {
		t.Errorf("%d problems, want %d:\n%s", len(ps), len(want), ps)
	}
	if got := ps.Error(); !strings.Contains(got, "survey row 5, column relevant: refers to later, which comes later") {
		t.Errorf("Error() =\n%s", got)
	}
	// Problems come in sheet and row order.
	for i := 1; i < len(ps); i++ {
		if ps[i-1].Sheet == ps[i].Sheet && ps[i-1].Row > ps[i].Row {
			t.Errorf("out of order: %s before %s", ps[i-1], ps[i])
		}
	}
}

// TestGroups: groups must be balanced and not nested, and every question
// is in one.
func TestGroups(t *testing.T) {
	ps := problemsOf(t, book(t,
		sheet{"survey", [][]any{
			surveyHeader,
			{"text", "first", "Outside"},              // row 2
			{"text", "second", "Outside too"},         // row 3: the same run, one problem
			{"begin group", "a", "A"},                 // row 4
			{"begin group", "b", "B"},                 // row 5: nested
			{"text", "third", "Third"},                // row 6
			{"end group"},                             // row 7: ends b
			{"end group"},                             // row 8: ends a
			{"end group"},                             // row 9: nothing to end
			{"begin group", "c", "C", "", "${x} = 1"}, // row 10: no question x, and no end
			{"text", "fourth", "Fourth"},
		}},
		settingsSheet(),
	))
	for _, w := range []struct {
		row         int
		column, msg string
	}{
		{2, "type", "outside any group"},
		{5, "type", "cannot be nested"},
		{9, "type", "end group has no begin group"},
		{10, "relevant", "refers to x, which is not the name of a question"},
		{10, "type", "no end group row"},
	} {
		if !hasProblem(ps, "survey", w.row, w.column, w.msg) {
			t.Errorf("missing survey row %d, column %s: %s", w.row, w.column, w.msg)
		}
	}
	if len(ps) != 5 {
		t.Errorf("%d problems, want 5:\n%s", len(ps), ps)
	}
}

// TestColumnsAndSheets: unknown columns are named (notes columns are not
// read), and a workbook without a survey sheet says which sheets it has.
func TestColumnsAndSheets(t *testing.T) {
	ps := problemsOf(t, book(t,
		sheet{"survey", [][]any{
			{"Type", " NAME ", "label", "constraint", "label::English (en)", "colour_scheme", "# mine", "notes"},
			{"begin group", "a", "A"},
			{"text", "q", "Q", "", "", "", "anything", "anything"},
			{"end group"},
		}},
		settingsSheet(),
	))
	for _, w := range []struct{ column, msg string }{
		{"constraint", "use min, max"},
		{"label::English (en)", "en is the form's main language (default_language), whose texts are in the label column already"},
		{"colour_scheme", "Chorus has no column"},
	} {
		if !hasProblem(ps, "survey", 1, w.column, w.msg) {
			t.Errorf("missing survey row 1, column %s: %s\n%s", w.column, w.msg, ps)
		}
	}
	if len(ps) != 3 {
		t.Errorf("%d problems, want 3:\n%s", len(ps), ps)
	}

	ps = problemsOf(t, book(t, sheet{"Sheet1", [][]any{{"hello"}}}, sheet{"Questions", nil}))
	if len(ps) != 1 || !strings.Contains(ps[0].Message, `no survey sheet (its sheets are "Sheet1", "Questions")`) {
		t.Errorf("problems:\n%s", ps)
	}
}

// TestRefusedTypes: XLSForm types Chorus does not have are refused by
// name, with the nearest Chorus type where there is one.
func TestRefusedTypes(t *testing.T) {
	for typ, want := range map[string]string{
		"geopoint":                    "does not record places",
		"image":                       "no photos or files",
		"calculate":                   "do not calculate",
		"begin repeat":                "no repeats",
		"range":                       "use integer with min and max",
		"barcode":                     "use text",
		"datetime":                    "use date",
		"select_one_from_file towns":  "use select_one",
		"start":                       "delete this row",
		"select_one colours or_other": "no or_other",
		"frobnicate":                  "unknown type",
	} {
		ps := problemsOf(t, book(t, smallSurvey([]any{typ, "q", "Q"}),
			sheet{"choices", [][]any{{"list_name", "name", "label"}, {"colours", "red", "Red"}}}, settingsSheet()))
		if !hasProblem(ps, "survey", 4, "type", want) || len(ps) != 1 {
			t.Errorf("%s: want one problem saying %q, got:\n%s", typ, want, ps)
		}
	}
}

// TestConsultationKinds reads grids, ranks, guidance, Other (please
// specify), word limits and a group's condition, and places their
// mistakes.
func TestConsultationKinds(t *testing.T) {
	header := []any{"type", "name", "label", "relevant", "max_words", "body"}
	choices := sheet{"choices", [][]any{
		{"list_name", "name", "label", "specify"},
		{"agree", "yes", "Agree"}, // row 2
		{"agree", "no", "Disagree"},
		{"rows", "parks", "Parks", "yes"}, // row 4: a statement does not specify
		{"rows", "parks", "Roads"},        // row 5: parks twice
		{"how", "post", "Post", "yes"},
		{"how", "other", "Other", "yes"}, // row 7: a second specify
	}}
	good := book(t, sheet{"survey", [][]any{
		header,
		{"begin group", "a", "A"},
		{"guidance", "intro", "", "", "", "## Hello\n\nRead **this**."},
		{"select_one agree", "likes", "Do you like it?"},
		{"end group"},
		{"begin group", "b", "B", "${likes} = 'yes'"},
		{"grid agree rows", "g", "Agree?"},
		{"rank agree", "r", "Order"},
		{"text", "w", "Words", "${likes} != 'no'", 50},
		{"end group"},
	}}, sheet{"choices", [][]any{{"list_name", "name", "label"}, {"agree", "yes", "Agree"}, {"agree", "no", "Disagree"}, {"rows", "parks", "Parks"}, {"rows", "roads", "Roads"}}}, settingsSheet())
	f := read(t, good)
	if s := f.Sections[1]; s.ShowIf == nil || s.ShowIf.Equals != "yes" || len(s.Questions[0].Statements) != 2 || s.Questions[1].Type != "ranking" || s.Questions[2].MaxWords != 50 {
		t.Errorf("read %+v", s)
	}
	if g := f.Sections[0].Questions[0]; g.Type != "guidance" || g.Body != "## Hello\n\nRead **this**." {
		t.Errorf("guidance %+v", g)
	}

	ps := problemsOf(t, book(t, sheet{"survey", [][]any{
		header,
		{"begin group", "a", "A", "${g} = 'yes'"}, // row 2: g is in this group
		{"guidance", "intro"},                     // row 3: no body
		{"grid agree rows", "g", "Agree?"},        // row 4 (choices row 5: parks twice)
		{"select_one how", "how", "How?"},         // row 5: two options specify
		{"integer", "n", "N", "", 10},             // row 6: max_words on a number
		{"end group"},
	}}, choices, settingsSheet()))
	for _, w := range []struct {
		sheet       string
		row         int
		column, msg string
	}{
		{"survey", 2, "relevant", "refers to g, which is in this group or a later one (row 4)"},
		{"survey", 3, "body", "guidance needs a body"},
		{"choices", 5, "name", `statement id "parks" is used twice`},
		{"survey", 5, "type", "only one option can ask the person to specify"},
		{"survey", 6, "max_words", "max_words applies only to text questions"},
		{"choices", 4, "specify", "a statement of the grid g, which takes only a name, a label and easy_read"},
	} {
		if !hasProblem(ps, w.sheet, w.row, w.column, w.msg) {
			t.Errorf("missing %s row %d, column %s: %s", w.sheet, w.row, w.column, w.msg)
		}
	}
	if len(ps) != 6 {
		t.Errorf("%d problems, want 6:\n%s", len(ps), ps)
	}
}

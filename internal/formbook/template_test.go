package formbook_test

import (
	"bytes"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
	"chorus/internal/formbook"
)

// TestOfficerFillsTemplate fills the blank template with excelize as an
// officer would in Excel (numbers and dates typed as such, a label on two
// lines, a notes column), and reads it back field by field.
func TestOfficerFillsTemplate(t *testing.T) {
	tpl, err := formbook.Template()
	if err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenReader(bytes.NewReader(tpl))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	for _, s := range []string{"survey", "choices", "settings", "About"} {
		if idx, _ := x.GetSheetIndex(s); idx < 0 {
			t.Fatalf("the template has no %s sheet", s)
		}
	}
	header := map[string]map[string]string{} // sheet, column name: column letter
	for _, s := range []string{"survey", "choices", "settings"} {
		rows, _ := x.GetRows(s)
		header[s] = map[string]string{}
		for i, h := range rows[0] {
			letter, _ := excelize.ColumnNumberToName(i + 1)
			header[s][h] = letter
		}
	}
	set := func(sheet string, row int, col string, v any) {
		t.Helper()
		letter, ok := header[sheet][col]
		if !ok {
			t.Fatalf("the template's %s sheet has no column %s", sheet, col)
		}
		if err := x.SetCellValue(sheet, letter+strconv.Itoa(row), v); err != nil {
			t.Fatal(err)
		}
	}
	// survey: a section with a whole number typed as numbers, a label on
	// two lines, a select_one, a select_multiple shown by a condition, a
	// yes/no and the long text it shows, a date with an Excel date as
	// its earliest.
	type cells map[string]any
	surveyRows := []cells{
		{"type": "begin group", "name": "about", "label": "About you", "easy_read": "You"},
		{"type": "integer", "name": "age", "label": "How old\nare you?", "required": true, "min": 0, "max": 120, "icon": "🎂"},
		{"type": "select_one colours", "name": "favourite", "label": "Favourite colour", "required": "Yes"},
		{"type": "select_multiple pets", "name": "pets", "label": "Which pets have you?", "relevant": "${favourite} = 'red' or ${favourite} = 'blue'", "min": 1},
		{"type": "yes_no", "name": "hasCar", "label": "Do you have a car?"},
		{"type": "text", "name": "carStory", "label": "Tell us about your car", "appearance": "multiline", "relevant": "${hasCar} = 'yes'", "max_length": 2000},
		{"type": "text", "name": "dogName", "label": "Your dog's name", "relevant": "selected(${pets}, 'dog')", "hint": "Only the first name."},
		{"type": "date", "name": "when", "label": "When did you move here?", "min_date": time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), "max_date": "today"},
		{"type": "end group"},
	}
	for i, r := range surveyRows {
		for col, v := range r {
			set("survey", i+2, col, v)
		}
	}
	// A notes column of the officer's own, not read.
	if err := x.SetCellValue("survey", "Z1", "# notes"); err != nil {
		t.Fatal(err)
	}
	if err := x.SetCellValue("survey", "Z3", "ask Sam about the age limit"); err != nil {
		t.Fatal(err)
	}
	for i, r := range [][]any{
		{"colours", "red", "Red", "Red", "🔴", ""},
		{"colours", "blue", "Blue", "", "", ""},
		{"colours", 3, "Three", "", "", ""},
		{"pets", "dog", "Dog", "", "", ""},
		{"pets", "cat", "Cat", "", "", ""},
	} {
		for j, col := range []string{"list_name", "name", "label", "easy_read", "icon", "colour"} {
			if r[j] != "" {
				set("choices", i+2, col, r[j])
			}
		}
	}
	for col, v := range map[string]any{
		"form_id": "my-consultation", "version": 2, "form_title": "My consultation", "kind": "Consultation",
		"audience": "public", "opens": time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), "closes": "2027-01-31",
		"introduction": "Tell us what you think.\nIt takes 5 minutes.",
	} {
		set("settings", 2, col, v)
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	f := read(t, buf.Bytes())

	check := func(what string, got, want any) {
		t.Helper()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s = %#v, want %#v", what, got, want)
		}
	}
	check("id", f.ID, "my-consultation")
	check("version (typed as a number)", f.Version, "2")
	check("title", f.Title, "My consultation")
	check("kind", f.Kind, form.KindConsultation)
	check("audience", f.Audience, form.AudiencePublic)
	check("opens (typed as a date)", f.Opens, "2026-12-01")
	check("closes", f.Closes, "2027-01-31")
	check("introduction", f.Introduction, "Tell us what you think.\nIt takes 5 minutes.")
	check("visit", f.Visit, (*form.VisitLayout)(nil))
	if len(f.Sections) != 1 {
		t.Fatalf("%d sections, want 1", len(f.Sections))
	}
	s := f.Sections[0]
	check("section id", s.ID, "about")
	check("section title", s.Title, "About you")
	check("section easy read", s.EasyRead, "You")
	if len(s.Questions) != 7 {
		t.Fatalf("%d questions, want 7", len(s.Questions))
	}
	num := func(v float64) *float64 { return &v }
	age, fav, pets, car, story, dog, when := &s.Questions[0], &s.Questions[1], &s.Questions[2], &s.Questions[3], &s.Questions[4], &s.Questions[5], &s.Questions[6]
	check("age", *age, form.Question{ID: "age", Type: form.TypeNumber, Label: "How old\nare you?", Icon: "🎂", Required: true, Min: num(0), Max: num(120), Integer: true})
	check("favourite", *fav, form.Question{ID: "favourite", Type: form.TypeSingleChoice, Label: "Favourite colour", Required: true,
		Options: []form.Option{{Value: "red", Label: "Red", EasyRead: "Red", Icon: "🔴"}, {Value: "blue", Label: "Blue"}, {Value: "3", Label: "Three"}}})
	check("pets type", pets.Type, form.TypeMultipleChoice)
	check("pets min", pets.Min, num(1))
	check("pets options", pets.Options, []form.Option{{Value: "dog", Label: "Dog"}, {Value: "cat", Label: "Cat"}})
	check("pets showIf", pets.ShowIf, &form.Condition{Question: "favourite", AnyOf: []any{"red", "blue"}})
	check("hasCar", *car, form.Question{ID: "hasCar", Type: form.TypeYesNo, Label: "Do you have a car?"})
	check("carStory type", story.Type, form.TypeLongText)
	check("carStory maxLength", story.MaxLength, 2000)
	check("carStory showIf", story.ShowIf, &form.Condition{Question: "hasCar", Equals: true})
	check("dogName type", dog.Type, form.TypeShortText)
	check("dogName hint", dog.Hint, "Only the first name.")
	check("dogName showIf", dog.ShowIf, &form.Condition{Question: "pets", Equals: "dog"})
	check("when min date (typed as a date)", when.MinDate, "2020-01-01")
	check("when max date", when.MaxDate, "today")

	// The condition works as the YAML one would: a car story is kept only
	// after a yes.
	clean, problems := f.CheckAnswers(map[string]any{"age": 40.0, "favourite": "red", "pets": []any{"dog"}, "hasCar": true, "carStory": "Blue", "dogName": "Rex"}, form.Env{Today: "2026-12-02"})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	for _, id := range []string{"carStory", "dogName", "pets"} {
		if _, ok := clean[id]; !ok {
			t.Errorf("%s was dropped: its condition does not hold", id)
		}
	}
}

// TestTemplateReadsAsEmpty: the blank template, uploaded as it is, says
// what is missing rather than failing to open.
func TestTemplateReadsAsEmpty(t *testing.T) {
	tpl, err := formbook.Template()
	if err != nil {
		t.Fatal(err)
	}
	ps := problemsOf(t, tpl)
	if !hasProblem(ps, "survey", 0, "", "no questions") {
		t.Errorf("problems:\n%s", ps)
	}
}

// TestReadmeExample: the short example in README.md's "Writing a form" is
// a good form.
func TestReadmeExample(t *testing.T) {
	f := read(t, book(t,
		sheet{"survey", [][]any{
			{"type", "name", "label", "required", "relevant", "easy_read"},
			{"begin group", "visit", "About the visit", "", "", "About your visit"},
			{"service", "service", "Which service did you visit?", "yes", "", "Where did you go?"},
			{"integer", "teamSize", "How many people were in your team?", "yes"},
			{"select_one colours", "safeRating", "What colour does your team give for safe?", "yes", "", "What colour for safe?"},
			{"yes_no", "worried", "Did anything worry you about someone's safety?", "yes"},
			{"text", "worryDetails", "What did you see or hear?", "yes", "${worried} = 'yes'", "What happened?"},
			{"end group"},
		}},
		sheet{"choices", [][]any{
			{"list_name", "name", "label", "colour"},
			{"colours", "green", "Green - good", "green"},
			{"colours", "amber", "Amber - some things to fix", "amber"},
			{"colours", "red", "Red - big worries", "red"},
		}},
		sheet{"settings", [][]any{
			{"form_id", "version", "form_title", "kind", "audience"},
			{"my-visit", 1, "My visit form", "survey", "volunteers"},
		}},
	))
	if q := f.Question("worryDetails"); q == nil || q.ShowIf == nil || q.ShowIf.Equals != true {
		t.Errorf("worryDetails: %+v", q)
	}
}

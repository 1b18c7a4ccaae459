package formbook

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Template returns the blank workbook officers start a form from: the
// survey, choices and settings sheets with their column names (each with a
// note saying what it holds) and drop-down lists for the fixed answers,
// and the About sheet explaining every column and every question type.
func Template() ([]byte, error) {
	x, err := newBook()
	if err != nil {
		return nil, err
	}
	defer x.Close()
	for _, s := range []struct {
		sheet string
		cols  []column
	}{{sheetSurvey, surveyColumns}, {sheetChoices, choicesColumns}, {sheetSettings, settingsColumns}} {
		for i, c := range s.cols {
			cell, _ := excelize.CoordinatesToCellName(i+1, 1)
			text := c.meaning + "\nFor example: " + c.example
			if err := x.AddComment(s.sheet, excelize.Comment{Cell: cell, Author: "Chorus", Text: text}); err != nil {
				return nil, err
			}
		}
	}
	return finishBook(x)
}

// newBook starts a workbook with the survey, choices and settings sheets:
// their column names in bold on a frozen first row, sensible widths, and
// drop-down lists where a column takes one of a few words.
func newBook() (*excelize.File, error) {
	x := excelize.NewFile()
	if err := x.SetSheetName("Sheet1", sheetSurvey); err != nil {
		x.Close()
		return nil, err
	}
	bold, err := x.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "top"},
	})
	if err != nil {
		x.Close()
		return nil, err
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		x.Close()
		return nil, err
	}
	sheets := []struct {
		name  string
		cols  []column
		wide  map[string]bool
		lists map[string][]string
	}{
		{sheetSurvey, surveyColumns,
			map[string]bool{colLabel: true, colHint: true, colEasyRead: true, colEasyReadHint: true, colRelevant: true},
			map[string][]string{
				colType:     {"text", "integer", "decimal", "date", "select_one", "select_multiple", "rating", "rank", "grid", "yes_no", "email", "phone", "acknowledge", "service", "note", "guidance", "begin group", "end group"},
				colRequired: {"yes", "no"},
			}},
		{sheetChoices, choicesColumns,
			map[string]bool{colLabel: true, colEasyRead: true},
			map[string][]string{colColour: {"green", "amber", "red", "grey"}}},
		{sheetSettings, settingsColumns,
			map[string]bool{colFormTitle: true, colIntroduction: true, colPrivacyNotice: true, colEasyReadIntroduction: true, colEasyReadPrivacyNotice: true},
			map[string][]string{colKind: {"visit", "consultation", "survey"}, colAudience: {"volunteers", "public"}}},
	}
	for _, s := range sheets {
		if s.name != sheetSurvey {
			if _, err := x.NewSheet(s.name); err != nil {
				x.Close()
				return nil, err
			}
		}
		if err := layout(x, s.name, s.cols, s.wide, s.lists, bold, wrap); err != nil {
			x.Close()
			return nil, err
		}
	}
	return x, nil
}

// layout writes a sheet's column names and sets its look.
func layout(x *excelize.File, sheet string, cols []column, wide map[string]bool, lists map[string][]string, bold, wrap int) error {
	for i, c := range cols {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		if wide[c.name] {
			width = 40
		}
		steps := []func() error{
			func() error { return x.SetCellValue(sheet, letter+"1", c.name) },
			func() error { return x.SetColWidth(sheet, letter, letter, width) },
		}
		if wide[c.name] {
			steps = append(steps, func() error { return x.SetColStyle(sheet, letter, wrap) })
		}
		if words := lists[c.name]; words != nil {
			steps = append(steps, func() error {
				dv := excelize.NewDataValidation(true)
				dv.Sqref = fmt.Sprintf("%s2:%s%d", letter, letter, maxChoicesRows)
				if err := dv.SetDropList(words); err != nil {
					return err
				}
				return x.AddDataValidation(sheet, dv)
			})
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return err
			}
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	if err := x.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// finishBook adds the About sheet and returns the workbook's bytes.
func finishBook(x *excelize.File) ([]byte, error) {
	if err := writeAbout(x); err != nil {
		return nil, err
	}
	x.SetActiveSheet(0)
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// aboutIntro opens the About sheet.
var aboutIntro = []string{
	"How to write a Chorus form in this workbook",
	"A form is three sheets. survey: one row for each question, with begin group and end group rows around each section. choices: the options of the select_one, select_multiple and rating questions, in lists. settings: the form's name, kind and other details, in one row under the column names.",
	"Chorus reads the sheets by their names and their first row, so keep those. Columns may come in any order, and empty rows are skipped. A column whose name starts with #, or called notes or comment, is yours: Chorus does not read it. This About sheet, and any other sheet, is not read either.",
	"When you upload the workbook, Chorus checks it and lists every problem it finds, with its sheet, row and column, so that you can fix them all at once.",
	"When you change a form that people have already answered, change its version on the settings sheet too.",
}

// aboutConditions explains the relevant column.
var aboutConditions = []string{
	"Conditions (the relevant column)",
	"A question with a condition is asked only when an earlier question's answer holds; a condition on a begin group row asks the whole group only then. Write the earlier question's name in ${ }, and the answer in quotes:",
	"${announced} = 'yes'    (a yes_no question: 'yes' or 'no')",
	"${involvedBefore} = 'yes' or ${involvedBefore} = 'not_sure'    (any of several answers of one question)",
	"${involvedBefore} != 'no'    (answered, and not no; several joined by and: none of them)",
	"selected(${connection}, 'carer')    (a select_multiple question: carer is among the answers chosen; not(selected(...)) when it is not)",
	"${teamSize} = 3    (a number, without quotes)",
	"${story} != ''    (answered at all; ${story} = '' when not answered)",
	"Chorus takes only these, each about one question. It does not take <, >, other functions, or and and or together: when a condition needs them, split the question, or ask it of everyone.",
}

// aboutLanguages explains the columns of texts in other languages.
var aboutLanguages = []string{
	"Other languages",
	"The plain text columns (label, hint, easy_read, ...) hold the form in its main language: default_language on the settings sheet, English (en) when empty. For each other language, add a column beside each text column, named as XLSForm names them: the column, ::, the language's name in its own words and its code in brackets. For Polish: label::Polski (pl), hint::Polski (pl) and easy_read::Polski (pl) on the survey sheet, label::Polski (pl) on the choices sheet, form_title::Polski (pl) and introduction::Polski (pl) on the settings sheet.",
	"Columns that come in other languages. survey: " + strings.Join(translatable[sheetSurvey], ", ") + ". choices: " + strings.Join(translatable[sheetChoices], ", ") + ". settings: " + strings.Join(translatable[sheetSettings][:5], ", ") + ".",
	"Every text needs its translation, unless the settings sheet has yes in partial::Polski (pl): then a text left empty is shown in the main language. Easy-read words may be left empty in a language: easy read then shows the text in that language.",
	"Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish and the like are shown right to left; direction::NAME (code) on the settings sheet, ltr or rtl, says otherwise.",
	"Names, option names and conditions are the same in every language, so an answer means the same whatever language it was given in. A column label::English (en) is read as label when the form is in English.",
}

// aboutRefused lists what Chorus does not take from other XLSForm tools.
var aboutRefused = []string{
	"What Chorus does not take",
	"Places (geopoint, geotrace, geoshape), photos, sound, video and files (image, audio, video, file): Chorus keeps answers free of personal data.",
	"Calculations and hidden values (calculate, hidden), repeats (begin repeat), range, barcode, time and datetime: use the nearest type Chorus has (integer with min and max; text; date).",
	"Groups inside groups: each group is one section of the form. Every question belongs to a group.",
	"constraint, required_message, default, choice_filter, or_other, appearance other than multiline: Chorus checks answers by min, max, min_date, max_date, max_length, max_words and pattern, writes its own messages, and marks an Other (please specify) option in the choices sheet's specify column.",
}

// writeAbout writes the About sheet: what each sheet, column and question
// type is, with an example of each.
func writeAbout(x *excelize.File) error {
	if _, err := x.NewSheet(sheetAbout); err != nil {
		return err
	}
	var rows [][]string
	headings := map[int]bool{} // rows shown in bold
	heading := func(cells ...string) {
		headings[len(rows)] = true
		rows = append(rows, cells)
	}
	para := func(lines []string) {
		heading(lines[0])
		for _, l := range lines[1:] {
			rows = append(rows, []string{l})
		}
		rows = append(rows, nil)
	}
	para(aboutIntro)
	table := func(title string, cols []column) {
		heading(title)
		heading("Column", "What it holds", "Example")
		for _, c := range cols {
			rows = append(rows, []string{c.name, c.meaning, c.example})
		}
		rows = append(rows, nil)
	}
	table("The survey sheet", append(append([]column{}, surveyColumns...), integerColumn))
	heading("Question types (the type column)")
	heading("Type", "What it asks", "Example row: type | name | label")
	rows = append(rows, typeRows()...)
	rows = append(rows, []string{"begin group", "Starts a section; its label is the section's title. Every question is in a section.", "begin group | visit | About the visit"},
		[]string{"end group", "Ends the section begun above.", "end group"}, nil)
	para(aboutConditions)
	table("The choices sheet", choicesColumns)
	table("The settings sheet (one row of values under the column names)", settingsColumns)
	para(aboutLanguages)
	para(aboutRefused)
	for i, r := range rows {
		if len(r) == 0 {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := x.SetSheetRow(sheetAbout, cell, &r); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 28, "B": 90, "C": 45} {
		if err := x.SetColWidth(sheetAbout, col, col, width); err != nil {
			return err
		}
	}
	wrap, err := x.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	if err := x.SetColStyle(sheetAbout, "B", wrap); err != nil {
		return err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	for i := range headings {
		if err := x.SetCellStyle(sheetAbout, fmt.Sprintf("A%d", i+1), fmt.Sprintf("C%d", i+1), bold); err != nil {
			return err
		}
	}
	return nil
}

// chorusTypeList names the types as Chorus's own definition files do.
const chorusTypeList = "shortText, longText, number, date, singleChoice, multipleChoice, rating, yesNo, email, phone, consent, service, notice"

// typeRows gives each question type's row on the About sheet.
func typeRows() [][]string {
	examples := map[string]string{
		"text": "text | workingWell | What is working well?", "integer": "integer | teamSize | How many people were in your team?",
		"decimal": "decimal | hours | How many hours did the visit take?", "date": "date | visitDate | Date of the visit",
		"select_one": "select_one colours | safeRating | What colour for safe?", "select_multiple": "select_multiple ways | waysToTakePart | How would you like to take part?",
		"rating": "rating smiley | caringKind | Are staff kind?", "yes_no": "yes_no | announced | Did the service know you were coming?",
		"email": "email | email | Your email address", "phone": "phone | phone | Your phone number",
		"acknowledge": "acknowledge | contactConsent | I agree that we can keep my email address", "service": "service | service | Which service did you visit?",
		"note": "note | safeguardingPhone | Phone the safeguarding team now",
		"rank": "rank priorities | priorities | Put these in order of importance", "grid": "grid agree statements | agreement | How much do you agree?",
		"guidance": "guidance | beforeYouStart | (label optional; the text in body)",
	}
	var rows [][]string
	for _, t := range workbookTypes {
		name := t.name
		if t.list {
			name += " LISTNAME"
		}
		rows = append(rows, []string{name, t.meaning, examples[t.name]})
	}
	rows = append(rows, []string{"Chorus names", "The type column also takes the names Chorus uses elsewhere: " + chorusTypeList + ".", "singleChoice colours"})
	return rows
}

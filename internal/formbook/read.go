package formbook

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// MaxBytes bounds an uploaded definition: a workbook, or a YAML or JSON file.
const MaxBytes = 2 << 20

// Bounds on what a workbook unpacks to. A sheet or the shared texts larger
// than unzipXMLLimit are unpacked to a temporary file, not into memory.
const (
	unzipLimit    = 16 << 20
	unzipXMLLimit = 8 << 20
)

// Read parses an uploaded workbook into a checked form (form.Prepare run
// on it with file name file and time zone loc). On any problem it returns
// nil and every problem found, each with its sheet, row and column where
// there is one.
func Read(file string, data []byte, loc *time.Location) (*form.Form, Problems) {
	if len(data) > MaxBytes {
		return nil, Problems{tooBig(len(data))}
	}
	if ps := guard(data); len(ps) > 0 {
		return nil, ps
	}
	x, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: unzipLimit, UnzipXMLSizeLimit: unzipXMLLimit,
	})
	if err != nil {
		return nil, Problems{{Message: openMessage(err)}}
	}
	defer x.Close()
	b := &builder{x: x, loc: loc}
	if props, err := x.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		b.date1904 = *props.Date1904
	}
	f := b.build()
	if f == nil {
		return nil, b.ps.list.sorted()
	}
	var checked Problems
	for _, e := range f.Prepare(file, loc) {
		if p, ok := b.locate(e); ok && !b.ps.covers(p) {
			checked = append(checked, p)
		}
	}
	if all := append(b.ps.list, checked...); len(all) > 0 {
		return nil, all.sorted()
	}
	return f, nil
}

// tooBig is the problem of a file over MaxBytes.
func tooBig(n int) Problem {
	return Problem{Message: fmt.Sprintf("the file is %.1f MB; a form's file may be at most %d MB", float64(n)/(1<<20), MaxBytes>>20)}
}

// openMessage explains why a workbook could not be opened.
func openMessage(err error) string {
	msg := err.Error()
	switch {
	case errors.Is(err, excelize.ErrWorkbookFileFormat) || strings.Contains(msg, "zip"):
		return "the file is not an Excel workbook (.xlsx): save it from Excel as an Excel Workbook"
	case errors.Is(err, excelize.ErrWorkbookPassword) || strings.Contains(msg, "password") || strings.Contains(msg, "encrypt"):
		return "the workbook is protected by a password: remove the password and upload it again"
	case strings.Contains(msg, "unzip size"):
		return fmt.Sprintf("the workbook unpacks to more than %d MB; a form needs far less", unzipLimit>>20)
	}
	return "the workbook could not be opened: " + msg
}

// builder reads a workbook's sheets into a form, and remembers where each
// part of the form came from.
type builder struct {
	x        *excelize.File
	loc      *time.Location
	date1904 bool
	ps       problems

	survey, choices, settings *table
	form                      *form.Form // the form being read
	settingsRow               int        // the settings sheet's row of values
	lists                     map[string][]choice
	where                     []sectionPlace // for each section of the form
	names                     map[string]int // question name to its row
}

// choice is one option read from the choices sheet, with its row and
// its texts in other languages.
type choice struct {
	row    int
	option form.Option
	texts  []choiceText
}

// choiceText is a choice's text in one column in another language.
type choiceText struct {
	col, code, text string
}

// sectionPlace says where a section and its questions are on the survey sheet.
type sectionPlace struct {
	key       string   // its key in a translation's texts: its id, else its number
	row       int      // its begin group row (its first question's row when it has none)
	title     string   // its title, as Prepare's messages give it
	untitled  bool     // questions outside any group, kept together only for checking
	questions []int    // each question's row
	lists     []string // each question's list on the choices sheet ("" for none)
	rows      []string // each grid's list of statements ("" for none)
}

// build reads the sheets into a form, or returns nil when they cannot be
// read as one (no survey sheet, or no type, name or label column).
func (b *builder) build() *form.Form {
	sheets := b.x.GetSheetList()
	find := func(want string) string {
		for _, s := range sheets {
			if strings.EqualFold(strings.TrimSpace(s), want) {
				return s
			}
		}
		return ""
	}
	name := find(sheetSurvey)
	if name == "" {
		b.ps.add("", 0, "", "", "the workbook has no survey sheet (its sheets are %s): a form needs sheets called survey, choices and settings, as in the template", quoteList(sheets))
		return nil
	}
	surveyKnown := append(append([]column{}, surveyColumns...), integerColumn)
	b.survey = readTable(b.x, name, sheetSurvey, surveyKnown, maxSurveyRows, &b.ps)
	if name := find(sheetChoices); name != "" {
		b.choices = readTable(b.x, name, sheetChoices, choicesColumns, maxChoicesRows, &b.ps)
	}
	f := &form.Form{}
	b.form = f
	if name := find(sheetSettings); name != "" {
		b.settings = readTable(b.x, name, sheetSettings, settingsColumns, maxSettingsRows, &b.ps)
		b.readSettings(f)
	} else {
		b.ps.add(sheetSettings, 0, "", "", "there is none: add a sheet called settings with the columns form_id, version, form_title, kind and audience, and a row of values under them")
	}
	b.resolveLanguages(f)
	b.readSettingsTexts(f)
	if !b.surveyReadable() {
		return nil
	}
	b.readChoices()
	b.readSurvey(f)
	return f
}

// surveyReadable reports whether the survey sheet has the columns a form
// is built from.
func (b *builder) surveyReadable() bool {
	t := b.survey
	if t.header == 0 {
		b.ps.add(sheetSurvey, 0, "", "", "it is empty: its first row names the columns (type, name, label, ...), and each row under it is a question")
		return false
	}
	ok := true
	for _, col := range []string{colType, colName, colLabel} {
		if !t.has(col) {
			b.ps.add(sheetSurvey, t.header, "", "", "the survey sheet has no %s column", col)
			ok = false
		}
	}
	return ok
}

// readChoices reads the option lists.
func (b *builder) readChoices() {
	b.lists = map[string][]choice{}
	t := b.choices
	if t == nil || t.header == 0 {
		return
	}
	for _, col := range []string{colListName, colName, colLabel} {
		if !t.has(col) {
			b.ps.add(sheetChoices, t.header, "", "", "the choices sheet has no %s column", col)
			return
		}
	}
	for _, r := range t.rows {
		list := strings.TrimSpace(excelNumber(t.get(r, colListName)))
		if list == "" {
			b.ps.add(sheetChoices, r.num, colListName, "", "list_name is missing: say which list this option belongs to")
			continue
		}
		o := form.Option{
			Value:    strings.TrimSpace(excelNumber(t.get(r, colName))),
			Label:    t.get(r, colLabel),
			EasyRead: t.get(r, colEasyRead),
			Icon:     strings.TrimSpace(t.get(r, colIcon)),
			Colour:   strings.ToLower(strings.TrimSpace(t.get(r, colColour))),
			Specify:  b.yesNo(sheetChoices, r.num, colSpecify, strings.TrimSpace(t.get(r, colSpecify))),
		}
		if o.Colour == "gray" {
			o.Colour = form.ColourGrey
		}
		c := choice{row: r.num, option: o}
		for _, l := range t.langs {
			if v := t.lang(r, l); v != "" {
				c.texts = append(c.texts, choiceText{col: l.col, code: l.code, text: v})
			}
		}
		b.lists[list] = append(b.lists[list], c)
	}
}

// readSettings reads the settings sheet's row of values into f.
func (b *builder) readSettings(f *form.Form) {
	t := b.settings
	if t.header == 0 || len(t.rows) == 0 {
		b.settingsRow = t.header + 1
		b.ps.add(sheetSettings, 0, "", "", "it needs a row of column names (form_id, version, form_title, kind, audience, ...) and a row of values under it")
		return
	}
	r := t.rows[0]
	b.settingsRow = r.num
	for _, extra := range t.rows[1:] {
		b.ps.add(sheetSettings, extra.num, "", "", "the settings sheet has one row of values, under its column names: row %d is the one read", r.num)
	}
	get := func(col string) string { return t.get(r, col) }
	trim := func(col string) string { return strings.TrimSpace(get(col)) }
	f.ID = trim(colFormID)
	f.Version = excelNumber(trim(colVersion))
	if f.Version == "" {
		f.Version = "1"
	}
	f.Kind = strings.ToLower(trim(colKind))
	f.Audience = strings.ToLower(trim(colAudience))
	f.Numbering = b.yesNo(sheetSettings, r.num, colNumbering, trim(colNumbering))
	if f.Language = readDefaultLanguage(get(colDefaultLanguage)); f.Language != "" && !form.ValidLanguage(f.Language) {
		b.ps.add(sheetSettings, r.num, colDefaultLanguage, "", "default_language %q is not a language code: write one such as en, cy or pl, or English (en) as XLSForm does", clip(f.Language))
		f.Language = "" // read as English meanwhile, to find the other problems
	}
	f.Opens = b.date(sheetSettings, r.num, colOpens, trim(colOpens), true)
	f.Closes = b.date(sheetSettings, r.num, colCloses, trim(colCloses), true)
	v := form.VisitLayout{
		Service:      trim(colVisitService),
		Date:         trim(colVisitDate),
		TeamSize:     trim(colVisitTeamSize),
		KeyQuestions: splitNames(get(colVisitKeyQuestions)),
		Safeguarding: trim(colVisitSafeguarding),
	}
	if v.Service != "" || v.Date != "" || v.TeamSize != "" || len(v.KeyQuestions) > 0 || v.Safeguarding != "" {
		f.Visit = &v
	}
}

// readSettingsTexts reads the settings row's texts, in the main language
// (whose columns resolveLanguages may have found as label::… ones) and in
// others.
func (b *builder) readSettingsTexts(f *form.Form) {
	t := b.settings
	if t == nil || len(t.rows) == 0 {
		return
	}
	r := t.rows[0]
	f.Title = t.get(r, colFormTitle)
	f.Introduction = t.get(r, colIntroduction)
	f.PrivacyNotice = t.get(r, colPrivacyNotice)
	f.EasyReadIntroduction = t.get(r, colEasyReadIntroduction)
	f.EasyReadPrivacyNotice = t.get(r, colEasyReadPrivacyNotice)
	b.readSettingsLanguages()
}

// splitNames splits question names separated by commas, semicolons or spaces.
func splitNames(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ',' || r == ';' || r == ' ' || r == '\t' || r == '\n' || r == '\r'
	})
}

// quoteList quotes names for a message.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	var q []string
	for i, n := range names {
		if i == 10 {
			q = append(q, fmt.Sprintf("and %d more", len(names)-i))
			break
		}
		q = append(q, fmt.Sprintf("%q", clip(n)))
	}
	return strings.Join(q, ", ")
}

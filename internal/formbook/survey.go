package formbook

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/form"
)

// groupColumns are the columns a begin group row may fill.
var groupColumns = map[string]bool{colType: true, colName: true, colLabel: true, colEasyRead: true, colRelevant: true}

// pending is a condition still to read, once every question's type is known.
type pending struct {
	si, qi int // the question's section and place in it; qi -1 for the section's own
	row    int
	text   string
}

// readSurvey reads the survey rows into f's sections: begin group and end
// group rows around each section's questions.
func (b *builder) readSurvey(f *form.Form) {
	t := b.survey
	b.names = map[string]int{}
	var (
		open     = false // inside a group
		nested   = 0     // begin group rows inside the open group
		groupRow = 0
		loose    = false // the last section holds questions outside any group
		conds    []pending
	)
	for _, r := range t.rows {
		raw := strings.TrimSpace(t.get(r, colType))
		if raw == "" {
			b.ps.add(sheetSurvey, r.num, colType, "", "the type is missing: write a question type, or begin group / end group")
			continue
		}
		st, msg := parseType(raw)
		switch st.kind {
		case rowBeginGroup:
			if msg != "" {
				b.ps.add(sheetSurvey, r.num, colType, "", "%s", msg)
			}
			if open {
				nested++
				b.ps.add(sheetSurvey, r.num, colType, "", "this group is inside the group that begins on row %d: Chorus sections cannot be nested, so end that group first", groupRow)
				continue
			}
			for _, c := range t.known {
				if !groupColumns[c.name] && strings.TrimSpace(t.get(r, c.name)) != "" {
					b.ps.add(sheetSurvey, r.num, c.name, "", "%s", groupMessage(c.name))
				}
			}
			open, loose, groupRow = true, false, r.num
			f.Sections = append(f.Sections, form.Section{
				ID:       strings.TrimSpace(t.get(r, colName)),
				Title:    t.get(r, colLabel),
				EasyRead: t.get(r, colEasyRead),
			})
			key := cmp.Or(f.Sections[len(f.Sections)-1].ID, strconv.Itoa(len(f.Sections)))
			b.where = append(b.where, sectionPlace{key: key, row: r.num, title: t.get(r, colLabel)})
			b.groupLanguages(r, key)
			if text := strings.TrimSpace(t.get(r, colRelevant)); text != "" {
				conds = append(conds, pending{si: len(f.Sections) - 1, qi: -1, row: r.num, text: text})
			}
			continue
		case rowEndGroup:
			switch {
			case nested > 0:
				nested--
			case !open:
				b.ps.add(sheetSurvey, r.num, colType, "", "end group has no begin group above it")
			default:
				open = false
			}
			continue
		}
		if !open && !loose {
			loose = true
			f.Sections = append(f.Sections, form.Section{})
			b.where = append(b.where, sectionPlace{key: strconv.Itoa(len(f.Sections)), row: r.num, untitled: true})
			b.ps.add(sheetSurvey, r.num, colType, "", "this question is outside any group: put begin group (with the section's title as its label) above it and end group below the section's last question")
		}
		if msg != "" {
			b.ps.add(sheetSurvey, r.num, colType, "", "%s", msg)
		}
		q := b.question(r, st, raw)
		si := len(f.Sections) - 1
		f.Sections[si].Questions = append(f.Sections[si].Questions, q)
		b.where[si].questions = append(b.where[si].questions, r.num)
		b.where[si].lists = append(b.where[si].lists, st.list)
		b.where[si].rows = append(b.where[si].rows, st.rows)
		if text := strings.TrimSpace(t.get(r, colRelevant)); text != "" {
			conds = append(conds, pending{si: si, qi: len(f.Sections[si].Questions) - 1, row: r.num, text: text})
		}
	}
	if open {
		b.ps.add(sheetSurvey, groupRow, colType, "", "this group has no end group row: put end group below its last question")
	}
	types := map[string]string{}
	for _, s := range f.Sections {
		for _, q := range s.Questions {
			if _, ok := types[q.ID]; !ok {
				types[q.ID] = q.Type
			}
		}
	}
	for _, c := range conds {
		if c.qi < 0 {
			f.Sections[c.si].ShowIf = b.condition("", c, types)
			continue
		}
		q := &f.Sections[c.si].Questions[c.qi]
		q.ShowIf = b.condition(q.ID, c, types)
	}
}

// groupLanguages reads a begin group row's title and easy-read title in
// other languages; a group has no other texts.
func (b *builder) groupLanguages(r tableRow, key string) {
	t := b.survey
	for _, l := range t.langs {
		v := t.lang(r, l)
		switch {
		case l.col == colLabel:
			b.translate(l.code, "section:"+key, v)
		case l.col == colEasyRead:
			b.translate(l.code, "section:"+key+form.EasyReadSuffix, v)
		case strings.TrimSpace(v) != "":
			b.ps.add(sheetSurvey, r.num, l.header, "", "%s", groupMessage(l.col))
		}
	}
}

// groupMessage explains why a begin group row may not fill col.
func groupMessage(col string) string {
	return fmt.Sprintf("a begin group row takes only type, name, label, easy_read and relevant: Chorus sections have no %s", col)
}

// question reads one question row.
func (b *builder) question(r tableRow, st surveyType, raw string) form.Question {
	t := b.survey
	get := func(col string) string { return t.get(r, col) }
	trim := func(col string) string { return strings.TrimSpace(get(col)) }
	q := form.Question{
		ID:                     trim(colName),
		Type:                   st.chorus,
		Label:                  get(colLabel),
		ShortLabel:             get(colShortLabel),
		Hint:                   get(colHint),
		EasyRead:               get(colEasyRead),
		EasyReadHint:           get(colEasyReadHint),
		Icon:                   trim(colIcon),
		Required:               b.yesNo(sheetSurvey, r.num, colRequired, trim(colRequired)),
		Min:                    b.number(r.num, colMin, trim(colMin)),
		Max:                    b.number(r.num, colMax, trim(colMax)),
		Integer:                st.integer || b.yesNo(sheetSurvey, r.num, colInteger, trim(colInteger)),
		MinDate:                b.date(sheetSurvey, r.num, colMinDate, trim(colMinDate), false),
		MaxDate:                b.date(sheetSurvey, r.num, colMaxDate, trim(colMaxDate), false),
		MaxLength:              b.whole(r.num, colMaxLength, trim(colMaxLength)),
		MaxWords:               b.whole(r.num, colMaxWords, trim(colMaxWords)),
		Pattern:                get(colPattern),
		PatternMessage:         get(colPatternMessage),
		EasyReadPatternMessage: get(colEasyReadPatternMessage),
		Phone:                  b.phone(r.num, trim(colPhone)),
		Body:                   get(colBody),
	}
	if q.Type == "" {
		q.Type = raw // not a Chorus type: already reported
	}
	switch appearance := strings.ToLower(trim(colAppearance)); {
	case appearance == "":
	case appearance == "multiline" && st.multiline:
		q.Type = form.TypeLongText
	case appearance == "multiline":
		b.ps.add(sheetSurvey, r.num, colAppearance, q.ID, "appearance multiline applies only to a text question")
	default:
		b.ps.add(sheetSurvey, r.num, colAppearance, q.ID, "Chorus has no appearance %q: the only appearance is multiline, on a text question, for a long answer", clip(appearance))
	}
	if q.ID != "" {
		if first, dup := b.names[q.ID]; dup {
			b.ps.add(sheetSurvey, r.num, colName, q.ID, "the name %s is already used on row %d: each question needs its own name", q.ID, first)
		} else {
			b.names[q.ID] = r.num
		}
	}
	for _, l := range t.langs {
		b.translate(l.code, questionWhere(&q, l.col), t.lang(r, l))
	}
	if st.list != "" {
		for _, c := range b.list(r.num, q.ID, st.list) {
			q.Options = append(q.Options, c.option)
			for _, x := range c.texts {
				b.translate(x.code, choiceWhere(q.ID, c.option.Value, x.col, false), x.text)
			}
		}
	}
	if st.rows != "" {
		for _, c := range b.list(r.num, q.ID, st.rows) {
			for _, x := range c.texts {
				b.translate(x.code, choiceWhere(q.ID, c.option.Value, x.col, true), x.text)
			}
			q.Statements = append(q.Statements, form.Statement{ID: c.option.Value, Label: c.option.Label, EasyRead: c.option.EasyRead})
			for _, extra := range []struct {
				col string
				set bool
			}{{colIcon, c.option.Icon != ""}, {colColour, c.option.Colour != ""}, {colSpecify, c.option.Specify}} {
				if extra.set {
					b.ps.add(sheetChoices, c.row, extra.col, q.ID, "this row is a statement of the grid %s, which takes only a name, a label and easy_read", q.ID)
				}
			}
		}
	}
	return q
}

// list returns a list of the choices sheet named on a survey row, or
// reports that there is none.
func (b *builder) list(row int, question, name string) []choice {
	choices, ok := b.lists[name]
	switch {
	case ok:
	case b.choices == nil:
		b.ps.add(sheetSurvey, row, colType, question, "the list %s is not on the choices sheet: the workbook has no choices sheet", clip(name))
	default:
		b.ps.add(sheetSurvey, row, colType, question, "the list %s is not on the choices sheet", clip(name))
	}
	return choices
}

// condition reads a relevant cell into a condition, or reports why not.
// id is the question's name, or "" for a group's condition.
func (b *builder) condition(id string, c pending, types map[string]string) *form.Condition {
	r, err := parseRelevant(c.text)
	if err != nil {
		b.ps.add(sheetSurvey, c.row, colRelevant, id, "%v", err)
		return nil
	}
	src := r.question
	row, known := b.names[src]
	switch {
	case !known:
		b.ps.add(sheetSurvey, c.row, colRelevant, id, "refers to %s, which is not the name of a question in this form", src)
		return nil
	case src == id:
		b.ps.add(sheetSurvey, c.row, colRelevant, id, "refers to %s, the question itself: a condition looks at an earlier question", src)
		return nil
	case id == "" && row > c.row:
		b.ps.add(sheetSurvey, c.row, colRelevant, id, "refers to %s, which is in this group or a later one (row %d): a group's condition can only look at questions above the group", src, row)
		return nil
	case row > c.row:
		b.ps.add(sheetSurvey, c.row, colRelevant, id, "refers to %s, which comes later (row %d): a condition can only look at earlier questions", src, row)
		return nil
	}
	return r.condition(types[src])
}

// yesNo reads a yes/no cell: yes, true or 1, or no, false, 0 or empty.
func (b *builder) yesNo(sheet string, row int, col, s string) bool {
	switch strings.ToLower(s) {
	case "yes", "y", "true", "true()", "1":
		return true
	case "", "no", "n", "false", "false()", "0":
		return false
	}
	b.ps.add(sheet, row, col, "", "%s must be yes or no, not %q", col, clip(s))
	return false
}

// number reads a number cell; empty is no number.
func (b *builder) number(row int, col, s string) *float64 {
	if s == "" {
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		b.ps.add(sheetSurvey, row, col, "", "%s must be a number, not %q", col, clip(s))
		return nil
	}
	return &f
}

// whole reads a whole number cell; empty is 0.
func (b *builder) whole(row int, col, s string) int {
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1e9 {
		b.ps.add(sheetSurvey, row, col, "", "%s must be a whole number, not %q", col, clip(s))
		return 0
	}
	return int(f)
}

// date reads a date cell: text such as 2026-12-01 or today is kept; a
// date that Excel stored as a number becomes YYYY-MM-DD, with its time of
// day when withTime allows one and it has one.
func (b *builder) date(sheet string, row int, col, s string, withTime bool) string {
	serial, err := strconv.ParseFloat(s, 64)
	if err != nil || serial < 1 || serial > 2958465 {
		return s
	}
	t, err := excelize.ExcelDateToTime(serial, b.date1904)
	if err != nil {
		return s
	}
	t = t.Round(time.Second)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format(time.DateOnly)
	}
	if !withTime {
		b.ps.add(sheet, row, col, "", "%s takes a date without a time of day", col)
		return t.Format(time.DateOnly)
	}
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, b.loc).Format(time.RFC3339)
}

// phone reads a notice's phone number, and catches one that Excel turned
// into a number, dropping its first 0.
func (b *builder) phone(row int, s string) string {
	if len(s) >= 9 && s[0] != '0' && strings.Trim(s, "0123456789") == "" {
		b.ps.add(sheetSurvey, row, colPhone, "", "%s looks like a phone number that Excel turned into a number, dropping its first 0: format the cell as Text and type the number again, like 01632 960 000", s)
	}
	return s
}

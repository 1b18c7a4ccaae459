package formbook

import (
	"fmt"
	"strings"

	"chorus/internal/form"
)

// rowKind says what a survey row is.
type rowKind int

const (
	rowQuestion rowKind = iota
	rowBeginGroup
	rowEndGroup
)

// surveyType is a survey row's type cell, read.
type surveyType struct {
	kind      rowKind
	chorus    string // the question's Chorus type
	list      string // the choices list of a select_one, select_multiple, rating, rank or grid
	rows      string // the choices list of a grid's statements
	integer   bool   // type integer
	multiline bool   // may be made a long text by appearance multiline
}

// typeInfo describes one workbook type for reading and for the About sheet.
type typeInfo struct {
	name    string // as written
	chorus  string
	list    bool // followed by a list name
	meaning string
}

// workbookTypes are the question types a workbook may use, as Write
// writes them.
var workbookTypes = []typeInfo{
	{"text", form.TypeShortText, false, "A short text answer, up to 500 characters unless max_length says otherwise. With appearance multiline: a large box for a long answer (up to 10,000 characters)."},
	{"integer", form.TypeNumber, false, "A whole number, within min and max if given."},
	{"decimal", form.TypeNumber, false, "A number that may have a decimal point, within min and max if given."},
	{"date", form.TypeDate, false, "A date, within min_date and max_date if given."},
	{"select_one", form.TypeSingleChoice, true, "Choose one option from a list on the choices sheet: select_one LISTNAME."},
	{"select_multiple", form.TypeMultipleChoice, true, "Choose any number of options from a list: select_multiple LISTNAME. min and max bound how many."},
	{"rating", form.TypeRating, true, "Choose one option from a list shown as a scale of pictures, like smiley faces: rating LISTNAME."},
	{"yes_no", form.TypeYesNo, false, "Yes or no."},
	{"email", form.TypeEmail, false, "An email address."},
	{"phone", form.TypePhone, false, "A phone number."},
	{"acknowledge", form.TypeConsent, false, "A box to tick to agree to the label, such as keeping someone's email address."},
	{"service", form.TypeService, false, "Choose a care service from the council's register of services."},
	{"rank", form.TypeRanking, true, "Put a list's options in order, most important first: rank LISTNAME."},
	{"grid", form.TypeGrid, true, "Several statements, each answered on the same scale: grid SCALE STATEMENTS, two lists on the choices sheet (the scale's options, and the statements: each statement's name, label and easy_read)."},
	{"note", form.TypeNotice, false, "An alert to read, with no answer, such as whom to phone; phone adds a button to call a number."},
	{"guidance", form.TypeGuidance, false, "Text between questions, with no answer: its body column holds the text, with headings, lists, bold and links. The label is optional."},
}

// chorusNames are the Chorus names of the types, also accepted in the
// type column (lower case).
var chorusNames = map[string]typeInfo{}

func init() {
	for _, t := range writableTypes {
		chorusNames[strings.ToLower(t)] = typeInfo{name: t, chorus: t,
			list: t == form.TypeSingleChoice || t == form.TypeMultipleChoice || t == form.TypeRating || t == form.TypeRanking || t == form.TypeGrid}
	}
}

// refusedTypes are XLSForm types Chorus does not have, with why or what
// to use instead.
var refusedTypes = map[string]string{
	"geopoint":                  "Chorus does not record places",
	"geotrace":                  "Chorus does not record places",
	"geoshape":                  "Chorus does not record places",
	"start-geopoint":            "Chorus does not record places",
	"image":                     "Chorus takes no photos or files, to keep answers free of personal data",
	"audio":                     "Chorus takes no photos or files, to keep answers free of personal data",
	"video":                     "Chorus takes no photos or files, to keep answers free of personal data",
	"file":                      "Chorus takes no photos or files, to keep answers free of personal data",
	"background-audio":          "Chorus does not record sound",
	"barcode":                   "use text",
	"calculate":                 "Chorus forms do not calculate",
	"hidden":                    "every Chorus question is shown",
	"time":                      "use text, or date for a day",
	"datetime":                  "use date",
	"range":                     "use integer with min and max, or rating with a list",
	"trigger":                   "use acknowledge",
	"begin repeat":              "Chorus has no repeats: write the questions out, or send one form for each",
	"end repeat":                "Chorus has no repeats: write the questions out, or send one form for each",
	"select_one_from_file":      "use select_one with a list on the choices sheet",
	"select_multiple_from_file": "use select_multiple with a list on the choices sheet",
	"xml-external":              "Chorus reads no outside files",
	"csv-external":              "Chorus reads no outside files",
	"osm":                       "Chorus does not record places",
	"start":                     "Chorus records when each response was sent itself: delete this row",
	"end":                       "Chorus records when each response was sent itself: delete this row",
	"today":                     "Chorus records when each response was sent itself: delete this row",
	"deviceid":                  "Chorus records no device details: delete this row",
	"subscriberid":              "Chorus records no device details: delete this row",
	"simserial":                 "Chorus records no device details: delete this row",
	"phonenumber":               "Chorus records no device details: delete this row",
	"username":                  "Chorus records who sent each response itself: delete this row",
	"audit":                     "Chorus keeps no audit of a person's filling: delete this row",
}

// parseType reads a survey row's type cell. It returns a message when the
// type is not one Chorus has.
func parseType(raw string) (surveyType, string) {
	fields := strings.Fields(raw)
	if len(fields) == 0 {
		return surveyType{}, "the type is missing"
	}
	base := strings.ToLower(fields[0])
	rest := fields[1:]
	// "begin group", "begin_group", "select one x" and "select_one x" alike.
	if len(rest) > 0 {
		switch two := base + " " + strings.ToLower(rest[0]); two {
		case "begin group", "end group", "begin repeat", "end repeat", "select one", "select multiple":
			base, rest = strings.Replace(two, " ", "_", 1), rest[1:]
		}
	}
	switch base {
	case "begin_group":
		return surveyType{kind: rowBeginGroup}, extra(rest, raw)
	case "end_group":
		return surveyType{kind: rowEndGroup}, extra(rest, raw)
	case "begin_repeat", "end_repeat":
		base = strings.Replace(base, "_", " ", 1)
	case "text":
		return surveyType{chorus: form.TypeShortText, multiline: true}, extra(rest, raw)
	case "integer":
		return surveyType{chorus: form.TypeNumber, integer: true}, extra(rest, raw)
	case "decimal":
		return surveyType{chorus: form.TypeNumber}, extra(rest, raw)
	case "note":
		return surveyType{chorus: form.TypeNotice}, extra(rest, raw)
	case "acknowledge":
		return surveyType{chorus: form.TypeConsent}, extra(rest, raw)
	case "yes_no":
		return surveyType{chorus: form.TypeYesNo}, extra(rest, raw)
	case "select_one":
		return listType(form.TypeSingleChoice, raw, rest)
	case "select_multiple":
		return listType(form.TypeMultipleChoice, raw, rest)
	case "rank":
		return listType(form.TypeRanking, raw, rest)
	}
	if t, ok := chorusNames[base]; ok {
		if t.list {
			return listType(t.chorus, raw, rest)
		}
		return surveyType{chorus: t.chorus}, extra(rest, raw)
	}
	if why, ok := refusedTypes[base]; ok {
		return surveyType{}, fmt.Sprintf("Chorus has no type %q: %s", base, why)
	}
	if strings.HasPrefix(base, "select_") {
		return surveyType{}, fmt.Sprintf("Chorus has no type %q: use select_one or select_multiple with a list on the choices sheet", base)
	}
	return surveyType{}, fmt.Sprintf("unknown type %q: use one of %s, or begin group and end group", strings.TrimSpace(raw), typeNames())
}

// listType reads the list name after a select_one, select_multiple,
// rating or rank, or the two after a grid: its scale and its statements.
func listType(chorus, raw string, rest []string) (surveyType, string) {
	t := surveyType{chorus: chorus}
	word := strings.Fields(raw)[0]
	names := 1
	if chorus == form.TypeGrid {
		names = 2
	}
	switch {
	case len(rest) < names && chorus == form.TypeGrid:
		return t, fmt.Sprintf("%q needs the names of two lists on the choices sheet: the scale, then the statements, like %s agree statements", strings.TrimSpace(raw), word)
	case len(rest) == 0:
		return t, fmt.Sprintf("%q needs the name of its list on the choices sheet, like %s colours", strings.TrimSpace(raw), word)
	}
	t.list = rest[0]
	if chorus == form.TypeGrid {
		t.rows = rest[1]
	}
	switch {
	case len(rest) > names && strings.EqualFold(rest[names], "or_other"):
		return t, "Chorus has no or_other: put an option such as other in the list, with yes in its specify column"
	case len(rest) > names:
		return t, fmt.Sprintf("%q has more than the list's name after the type", strings.TrimSpace(raw))
	}
	return t, ""
}

// extra complains about words after a type that takes none.
func extra(rest []string, raw string) string {
	if len(rest) > 0 {
		return fmt.Sprintf("%q: nothing may follow this type", strings.TrimSpace(raw))
	}
	return ""
}

// typeNames lists the workbook types, for messages.
func typeNames() string {
	names := make([]string, len(workbookTypes))
	for i, t := range workbookTypes {
		names[i] = t.name
	}
	return strings.Join(names, ", ")
}

// writeType returns the type cell and appearance that Write gives a
// question, and the list it names ("" for none).
func writeType(q *form.Question, list string) (typ, appearance string) {
	switch q.Type {
	case form.TypeShortText:
		return "text", ""
	case form.TypeLongText:
		return "text", "multiline"
	case form.TypeNumber:
		if q.Integer {
			return "integer", ""
		}
		return "decimal", ""
	case form.TypeSingleChoice:
		return "select_one " + list, ""
	case form.TypeMultipleChoice:
		return "select_multiple " + list, ""
	case form.TypeRating:
		return "rating " + list, ""
	case form.TypeRanking:
		return "rank " + list, ""
	case form.TypeGrid:
		return "grid " + list, "" // and the statements' list, added by the writer
	case form.TypeYesNo:
		return "yes_no", ""
	case form.TypeConsent:
		return "acknowledge", ""
	case form.TypeNotice:
		return "note", ""
	}
	return q.Type, "" // date, email, phone, service, guidance: the same word
}

// workbookTypeName names a Chorus type as a workbook writes it, for
// messages about a workbook.
func workbookTypeName(t string) string {
	switch t {
	case form.TypeShortText:
		return "text"
	case form.TypeLongText:
		return "text (multiline)"
	case form.TypeNumber:
		return "integer or decimal"
	case form.TypeSingleChoice:
		return "select_one"
	case form.TypeMultipleChoice:
		return "select_multiple"
	case form.TypeYesNo:
		return "yes_no"
	case form.TypeConsent:
		return "acknowledge"
	case form.TypeNotice:
		return "note"
	case form.TypeRanking:
		return "rank"
	}
	return t
}

package formbook

import (
	"strings"
	"unicode"
)

// Sheet names. Officers may write them in any case.
const (
	sheetSurvey   = "survey"
	sheetChoices  = "choices"
	sheetSettings = "settings"
	sheetAbout    = "About"
)

// column is one column of a sheet: its header, what it holds, and an
// example value for the About sheet.
type column struct {
	name    string
	meaning string
	example string
}

// Survey columns.
const (
	colType                   = "type"
	colName                   = "name"
	colLabel                  = "label"
	colShortLabel             = "short_label"
	colHint                   = "hint"
	colRequired               = "required"
	colRelevant               = "relevant"
	colEasyRead               = "easy_read"
	colEasyReadHint           = "easy_read_hint"
	colIcon                   = "icon"
	colMin                    = "min"
	colMax                    = "max"
	colInteger                = "integer"
	colMinDate                = "min_date"
	colMaxDate                = "max_date"
	colMaxLength              = "max_length"
	colMaxWords               = "max_words"
	colPattern                = "pattern"
	colPatternMessage         = "pattern_message"
	colEasyReadPatternMessage = "easy_read_pattern_message"
	colPhone                  = "phone"
	colBody                   = "body"
	colAppearance             = "appearance"
)

// surveyColumns are the survey sheet's columns, in the order Write and
// Template give them. integer is read but not written: type integer says it.
var surveyColumns = []column{
	{colType, "What kind of row this is: a question type (the About sheet lists them), or begin group / end group around each section.", "select_one colours"},
	{colName, "The question's short name: letters, digits and _, starting with a letter, unique in the form. Conditions, the visit settings and downloads use it. On a begin group row, the section's short name.", "safeRating"},
	{colLabel, "The question as people read it. On a begin group row, the section's title.", "What colour does your team give for safe?"},
	{colShortLabel, "A short name for the question in downloads and results, where its label is long or the same as another's (optional).", "Safe: colour"},
	{colHint, "Extra help shown under the question.", "Agree this together at the end of the visit."},
	{colRequired, "yes if the question must be answered; empty or no if not.", "yes"},
	{colRelevant, "Ask the question (or, on a begin group row, the whole group) only when an earlier answer holds: ${name} = 'value' (several joined by or), ${name} != 'value' (several joined by and), selected(${name}, 'value') or not(selected(${name}, 'value')) for a select_multiple, ${name} != '' for any answer. Numbers are written without quotes; a yes_no answer is 'yes' or 'no'.", "${safeguardingConcern} = 'yes'"},
	{colEasyRead, "The label in easy-read words, shown in easy read. On a begin group row, the section's title in easy-read words.", "What colour for safe?"},
	{colEasyReadHint, "The hint in easy-read words.", "Choose the colour together."},
	{colIcon, "A picture for the question: one emoji, shown large in easy read.", "🚦"},
	{colMin, "The smallest number allowed (integer and decimal), or the fewest options to choose (select_multiple).", "0"},
	{colMax, "The largest number allowed (integer and decimal), or the most options to choose (select_multiple).", "10"},
	{colMinDate, "The earliest date allowed (date): a date, or today.", "2026-01-01"},
	{colMaxDate, "The latest date allowed (date): a date, or today.", "today"},
	{colMaxLength, "The most characters an answer may have (text, email, phone). Without it: 500 for a text, 10,000 for a multiline text.", "5000"},
	{colMaxWords, "The most words an answer may have (text).", "300"},
	{colPattern, "A regular expression the whole answer must match (text, email, phone).", "[A-Z]{2}[0-9]{6}"},
	{colPatternMessage, "What to tell a person whose answer does not match the pattern.", "Write two capital letters and six digits"},
	{colEasyReadPatternMessage, "The pattern message in easy-read words.", "Write 2 big letters then 6 numbers"},
	{colPhone, "A phone number to call, shown with a button (note only). Type it as text so that Excel keeps its first 0.", "01632 960 000"},
	{colBody, "The text of a guidance row: paragraphs, ## and ### headings, lists starting - or 1., **bold** and [links](https://example.org).", "## Before you start\nThis takes **10 minutes**."},
	{colAppearance, "multiline on a text question gives a large box for a long answer. Nothing else is used.", "multiline"},
}

// integerColumn is read as well as type integer: yes makes a number whole.
var integerColumn = column{colInteger, "yes for a whole number. Type integer says the same; Chorus writes type integer.", "yes"}

// Choices columns.
const (
	colListName = "list_name"
	colColour   = "colour"
	colSpecify  = "specify"
)

// choicesColumns are the choices sheet's columns.
var choicesColumns = []column{
	{colListName, "The list the option belongs to; the type of a select_one, select_multiple or rating question names it. Several questions may share a list.", "colours"},
	{colName, "The option's value: what is stored and downloaded. Keep it short, without spaces.", "green"},
	{colLabel, "The option as people read it.", "Green - good"},
	{colEasyRead, "The option in easy-read words.", "Green: good"},
	{colIcon, "A picture for the option: one emoji.", "🟢"},
	{colColour, "For visit results: green, amber, red or grey (for didn't see). Each option of a visit's key question needs one.", "green"},
	{colSpecify, "yes on the one option of a select_one or select_multiple list that asks the person to say more, like Other (please specify).", "yes"},
}

// Settings columns.
const (
	colFormID                = "form_id"
	colVersion               = "version"
	colFormTitle             = "form_title"
	colKind                  = "kind"
	colAudience              = "audience"
	colNumbering             = "numbering"
	colOpens                 = "opens"
	colCloses                = "closes"
	colIntroduction          = "introduction"
	colPrivacyNotice         = "privacy_notice"
	colEasyReadIntroduction  = "easy_read_introduction"
	colEasyReadPrivacyNotice = "easy_read_privacy_notice"
	colVisitService          = "visit_service"
	colVisitDate             = "visit_date"
	colVisitTeamSize         = "visit_team_size"
	colVisitKeyQuestions     = "visit_key_questions"
	colVisitSafeguarding     = "visit_safeguarding"
)

// settingsColumns are the settings sheet's columns: a header row and one
// row of values.
var settingsColumns = []column{
	{colFormID, "The form's short name: lower-case letters, digits and hyphens. It never changes once people have answered.", "quality-checker-visit"},
	{colVersion, "The form's version. Change it (say 1 to 2) whenever you change a form that people have answered. Empty means 1.", "2"},
	{colFormTitle, "The form's title, as people see it in lists.", "Quality Checker visit"},
	{colKind, "visit (a Quality Checker visit), consultation or survey.", "visit"},
	{colAudience, "Who fills it in: volunteers (signed in) or public (anyone with the link).", "volunteers"},
	{colNumbering, "yes to number the questions (Q1, Q2, ...) for people and in downloads.", "yes"},
	{colDefaultLanguage, "The language of the plain label, hint and other text columns, as its code: en (English, the default when empty), cy, pl... Texts in other languages go in columns such as label::Polski (pl) (see the About sheet).", "en"},
	{colOpens, "The first day it takes answers (optional).", "2026-11-01"},
	{colCloses, "The last day it takes answers (optional): it closes at the end of that day.", "2027-06-30"},
	{colIntroduction, "Shown before the first question.", "Use this form to record your visit."},
	{colPrivacyNotice, "What happens to the answers, shown before the first question.", "Do not write anyone's name."},
	{colEasyReadIntroduction, "The introduction in easy-read words.", "Use this form to tell us about your visit."},
	{colEasyReadPrivacyNotice, "The privacy notice in easy-read words.", "Do not write names."},
	{colVisitService, "Visit forms: the name of the service question (type service).", "service"},
	{colVisitDate, "Visit forms: the name of the date question that gives the visit's date.", "visitDate"},
	{colVisitTeamSize, "Visit forms: the name of the number question for the team's size (optional).", "teamSize"},
	{colVisitKeyQuestions, "Visit forms: the names of the key questions the results are read by, separated by commas. Each is a select_one or rating whose options all have a colour.", "safeRating, caringRating"},
	{colVisitSafeguarding, "Visit forms: the name of the yes_no question \"did anything worry you about someone's safety?\" (optional). A yes flags the visit for officers.", "safeguardingConcern"},
}

// ignoredColumn reports whether a header is an officer's own note column,
// which is never read: one starting with #, or named notes or comment(s).
func ignoredColumn(header string) bool {
	if strings.HasPrefix(header, "#") {
		return true
	}
	switch normalHeader(header) {
	case "notes", "note", "comment", "comments":
		return true
	}
	return false
}

// normalHeader folds a header for matching: trimmed, lower case, without
// spaces, underscores or hyphens, so "Easy read", "easy_read" and
// "easyRead" are one column.
func normalHeader(h string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(h) {
		if r == '_' || r == '-' || unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// columnAdvice explains, for XLSForm columns Chorus does not read, what to
// do instead.
var columnAdvice = map[string]string{
	"constraint":            "Chorus has no constraint column: use min, max, min_date, max_date, max_length or pattern",
	"constraintmessage":     "Chorus has no constraint column: use pattern_message with a pattern",
	"requiredmessage":       "Chorus writes its own message for a question that must be answered",
	"calculation":           "Chorus forms do not calculate",
	"default":               "Chorus questions start empty",
	"choicefilter":          "Chorus does not filter a list's options",
	"readonly":              "every Chorus question can be answered",
	"repeatcount":           "Chorus has no repeats",
	"parameters":            "use min and max",
	"image":                 "Chorus shows no images: use icon for an emoji",
	"mediaimage":            "Chorus shows no images: use icon for an emoji",
	"audio":                 "Chorus plays no sound files",
	"video":                 "Chorus plays no videos",
	"guidancehint":          "use hint",
	"trigger":               "Chorus forms do not calculate",
	"style":                 "Chorus chooses its own style",
	"instancename":          "Chorus names responses itself",
	"submissionurl":         "Chorus sends answers to itself",
	"publickey":             "Chorus protects answers itself",
	"allowchoiceduplicates": "an option's name is its value, used once in a list",
}

// advice says what to do about an unknown column, or "".
func advice(header string) string {
	return columnAdvice[normalHeader(header)]
}

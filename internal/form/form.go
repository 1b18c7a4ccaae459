// Package form defines Chorus form definitions: their shape, the checks a
// definition file must pass, and the rules that answers must follow. It does
// no I/O beyond reading the files it is given.
package form

import (
	"regexp"
	"time"
)

// Kinds of form.
const (
	KindVisit        = "visit"
	KindConsultation = "consultation"
	KindSurvey       = "survey"
)

// Audiences.
const (
	AudienceVolunteers = "volunteers"
	AudiencePublic     = "public"
)

// Question types.
const (
	TypeShortText      = "shortText"
	TypeLongText       = "longText"
	TypeNumber         = "number"
	TypeDate           = "date"
	TypeSingleChoice   = "singleChoice"
	TypeMultipleChoice = "multipleChoice"
	TypeYesNo          = "yesNo"
	TypeRating         = "rating"
	TypeEmail          = "email"
	TypePhone          = "phone"
	TypeConsent        = "consent"
	TypeService        = "service"
	// TypeNotice shows urgent text (such as whom to phone) as an alert and
	// takes no answer.
	TypeNotice = "notice"
	// TypeGrid asks several statements on one scale: its options.
	TypeGrid = "grid"
	// TypeRanking asks for its options put in order.
	TypeRanking = "ranking"
	// TypeGuidance is text between questions (a small Markdown subset in
	// Body): not an alert, not a question, no answer.
	TypeGuidance = "guidance"
)

// OtherSuffix ends the answer key that holds the text typed for a choice's
// "Other (please specify)" option: "QUESTION:other".
const OtherSuffix = ":other"

// Form is one version of a form definition. Field names are part of the
// file format and the API: keep them stable.
type Form struct {
	ID            string `json:"id" yaml:"id"`
	Version       string `json:"version" yaml:"version"`
	Title         string `json:"title" yaml:"title"`
	Kind          string `json:"kind" yaml:"kind"`
	Audience      string `json:"audience" yaml:"audience"`
	Opens         string `json:"opens,omitempty" yaml:"opens"`
	Closes        string `json:"closes,omitempty" yaml:"closes"`
	Introduction  string `json:"introduction,omitempty" yaml:"introduction"`
	PrivacyNotice string `json:"privacyNotice,omitempty" yaml:"privacyNotice"`
	// EasyReadIntroduction and EasyReadPrivacyNotice are the introduction
	// and the privacy notice in easy-read words, shown in easy read.
	EasyReadIntroduction  string `json:"easyReadIntroduction,omitempty" yaml:"easyReadIntroduction"`
	EasyReadPrivacyNotice string `json:"easyReadPrivacyNotice,omitempty" yaml:"easyReadPrivacyNotice"`
	// Numbering shows question numbers ("Q7") to the person and in exports.
	Numbering bool `json:"numbering,omitempty" yaml:"numbering"`
	// Language is the BCP 47 code of the language the form's own texts
	// are in; "" means English (en). See MainLanguage.
	Language string `json:"language,omitempty" yaml:"language"`
	// Translations are the form's texts in other languages, by language
	// code (see Translation). Answers are the same in every language.
	Translations map[string]Translation `json:"translations,omitempty" yaml:"translations"`
	Sections     []Section              `json:"sections" yaml:"sections"`
	// Visit names the questions that the visit results layout is built on;
	// a visit form without it exports in the responses layout only.
	Visit *VisitLayout `json:"visit,omitempty" yaml:"visit"`

	opensAt, closesAt time.Time // zero when not set; set by Prepare
	file              string    // the file it was read from; set by Prepare
	byID              map[string]*Question
	order             []*Question
	sectionOf         map[string]*Section // by question id
}

// VisitLayout names the questions of a visit form that officers read
// visits by: which service was visited, when, by how many people, and the
// key questions each visit is rated on.
type VisitLayout struct {
	Service      string   `json:"service" yaml:"service"`
	Date         string   `json:"date" yaml:"date"`
	TeamSize     string   `json:"teamSize,omitempty" yaml:"teamSize"`
	KeyQuestions []string `json:"keyQuestions" yaml:"keyQuestions"`
	// Safeguarding names the yes/no question "did anything worry you about
	// someone's safety?": a yes flags the visit for officers until reviewed.
	Safeguarding string `json:"safeguarding,omitempty" yaml:"safeguarding"`
}

// Colours that an option can carry in visit results.
const (
	ColourGreen = "green"
	ColourAmber = "amber"
	ColourRed   = "red"
	ColourGrey  = "grey"
)

// Section groups questions under a title.
type Section struct {
	ID        string     `json:"id,omitempty" yaml:"id"`
	Title     string     `json:"title" yaml:"title"`
	EasyRead  string     `json:"easyRead,omitempty" yaml:"easyRead"`
	Questions []Question `json:"questions" yaml:"questions"`
	// ShowIf asks the whole section only when an earlier answer holds.
	ShowIf *Condition `json:"showIf,omitempty" yaml:"showIf"`
}

// Question is one question, with the rules that fit its type.
type Question struct {
	ID    string `json:"id" yaml:"id"`
	Type  string `json:"type" yaml:"type"`
	Label string `json:"label" yaml:"label"`
	// ShortLabel names the question in exports and results instead of its
	// label, where labels repeat or are long.
	ShortLabel string `json:"shortLabel,omitempty" yaml:"shortLabel"`
	Hint       string `json:"hint,omitempty" yaml:"hint"`
	EasyRead   string `json:"easyRead,omitempty" yaml:"easyRead"`
	// EasyReadHint is the hint in easy-read words.
	EasyReadHint string `json:"easyReadHint,omitempty" yaml:"easyReadHint"`
	// Icon is a picture for the question (an emoji), shown large in easy read.
	Icon     string   `json:"icon,omitempty" yaml:"icon"`
	Required bool     `json:"required,omitempty" yaml:"required"`
	Options  []Option `json:"options,omitempty" yaml:"options"`
	// Min and Max bound a number, or how many options a multiple choice takes.
	Min *float64 `json:"min,omitempty" yaml:"min"`
	Max *float64 `json:"max,omitempty" yaml:"max"`
	// Integer asks for a whole number.
	Integer bool `json:"integer,omitempty" yaml:"integer"`
	// MinDate and MaxDate bound a date: "YYYY-MM-DD" or "today".
	MinDate   string `json:"minDate,omitempty" yaml:"minDate"`
	MaxDate   string `json:"maxDate,omitempty" yaml:"maxDate"`
	MaxLength int    `json:"maxLength,omitempty" yaml:"maxLength"`
	// MaxWords bounds a text answer in words: runs of characters other
	// than white space.
	MaxWords int `json:"maxWords,omitempty" yaml:"maxWords"`
	// Pattern is a regular expression the whole text must match, in the
	// common subset of Go (RE2) and JavaScript syntax.
	Pattern        string `json:"pattern,omitempty" yaml:"pattern"`
	PatternMessage string `json:"patternMessage,omitempty" yaml:"patternMessage"`
	// EasyReadPatternMessage is PatternMessage in easy-read words.
	EasyReadPatternMessage string `json:"easyReadPatternMessage,omitempty" yaml:"easyReadPatternMessage"`
	// Phone is a number to call, shown by a notice.
	Phone string `json:"phone,omitempty" yaml:"phone"`
	// Statements are the rows of a grid, each answered on its options.
	Statements []Statement `json:"statements,omitempty" yaml:"statements"`
	// Body is a guidance block's text: paragraphs, ## and ### headings,
	// "- " and "1. " lists, **bold** and [links](https://…).
	Body   string     `json:"body,omitempty" yaml:"body"`
	ShowIf *Condition `json:"showIf,omitempty" yaml:"showIf"`

	re *regexp.Regexp // compiled Pattern; set by Prepare
}

// Option is one answer of a choice or rating question.
type Option struct {
	Value string `json:"value" yaml:"value"`
	Label string `json:"label" yaml:"label"`
	// EasyRead is the label in easy-read words.
	EasyRead string `json:"easyRead,omitempty" yaml:"easyRead"`
	Icon     string `json:"icon,omitempty" yaml:"icon"`
	// Colour fills the answer's cell in visit results: green, amber, red
	// or grey (for "didn't see"). Green is best and red worst.
	Colour string `json:"colour,omitempty" yaml:"colour"`
	// Specify makes this the "Other (please specify)" option: choosing it
	// asks for text, kept under the answer key QUESTION:other.
	Specify bool `json:"specify,omitempty" yaml:"specify"`
}

// Statement is one row of a grid.
type Statement struct {
	ID       string `json:"id" yaml:"id"`
	Label    string `json:"label" yaml:"label"`
	EasyRead string `json:"easyRead,omitempty" yaml:"easyRead"`
}

// Condition shows a question or a section only when an earlier question's
// answer equals a value or is one of several (for a multiple choice: any
// chosen option matches), is answered and differs from a value or from
// all of several (for a multiple choice: no chosen option matches), or is
// answered (Answered true) or not (false). It takes one of these.
type Condition struct {
	Question  string `json:"question" yaml:"question"`
	Equals    any    `json:"equals,omitempty" yaml:"equals"`
	AnyOf     []any  `json:"anyOf,omitempty" yaml:"anyOf"`
	NotEquals any    `json:"notEquals,omitempty" yaml:"notEquals"`
	NoneOf    []any  `json:"noneOf,omitempty" yaml:"noneOf"`
	Answered  *bool  `json:"answered,omitempty" yaml:"answered"`
}

// Question returns the question with the given id, or nil.
func (f *Form) Question(id string) *Question { return f.byID[id] }

// Section returns the section that holds the question with the given id, or nil.
func (f *Form) Section(questionID string) *Section {
	for i := range f.Sections {
		for _, q := range f.Sections[i].Questions {
			if q.ID == questionID {
				return &f.Sections[i]
			}
		}
	}
	return nil
}

// Option returns the option with the given value, or nil.
func (q *Question) Option(value string) *Option {
	for i := range q.Options {
		if q.Options[i].Value == value {
			return &q.Options[i]
		}
	}
	return nil
}

// TakesAnswer reports whether the question has an answer (a notice has none).
func (q *Question) TakesAnswer() bool { return takesAnswer(q.Type) }

// Questions returns every question in form order.
func (f *Form) Questions() []*Question { return f.order }

// File returns the name of the file the form was read from.
func (f *Form) File() string { return f.file }

// Window returns when the form opens and closes; a zero time means no limit.
func (f *Form) Window() (opens, closes time.Time) { return f.opensAt, f.closesAt }

// IsOpen reports whether the form accepts responses at now.
func (f *Form) IsOpen(now time.Time) bool {
	return (f.opensAt.IsZero() || !now.Before(f.opensAt)) &&
		(f.closesAt.IsZero() || now.Before(f.closesAt))
}

// takesAnswer reports whether questions of type t have an answer.
func takesAnswer(t string) bool { return t != TypeNotice && t != TypeGuidance }

// hasOptions reports whether questions of type t need options.
func hasOptions(t string) bool {
	return t == TypeSingleChoice || t == TypeMultipleChoice || t == TypeRating || t == TypeGrid || t == TypeRanking
}

// isText reports whether questions of type t take a string typed by a person.
func isText(t string) bool {
	return t == TypeShortText || t == TypeLongText || t == TypeEmail || t == TypePhone
}

var knownTypes = map[string]bool{
	TypeShortText: true, TypeLongText: true, TypeNumber: true, TypeDate: true,
	TypeSingleChoice: true, TypeMultipleChoice: true, TypeYesNo: true, TypeRating: true,
	TypeEmail: true, TypePhone: true, TypeConsent: true, TypeService: true, TypeNotice: true,
	TypeGrid: true, TypeRanking: true, TypeGuidance: true,
}

package chorus

import "time"

// Tally counts responses of one form received (or, for visits, visited) on
// one day about one service ("" for none): how many, and per counted
// question how many gave each answer (form.NoAnswer for none). Tallies are
// kept up to date as responses arrive, so that results never read the
// responses themselves.
type Tally struct {
	FormID  string
	Day     string // YYYY-MM-DD
	Service string
	N       int64
	Counts  map[string]map[string]int64 // question id → answer key → responses
}

// TallySeen is the key, among a question's answer keys in a tally, that
// counts the responses whose form version had the question at all: the
// others (filed before it was added) count as no answer too.
const TallySeen = "\x00seen"

// TallyLanguage is the key, among a tally's Counts, that counts responses
// by the language they were filled in (its code; the version's main
// language for a response that says none). It is no question id (those
// start with a letter), and a valid field name in both stores. Tallies
// kept before responses had a language do not count it: those responses
// were all in the form's main language.
const TallyLanguage = "_language"

// DayCount is how many responses a form received on a day.
type DayCount struct {
	FormID string `bson:"formId" json:"-"`
	Day    string `bson:"day" json:"day"`
	N      int64  `bson:"n" json:"n"`
}

// ServiceVisit is what a service's page shows of one visit, kept as visits
// arrive so that the page never reads the responses.
type ServiceVisit struct {
	ResponseID string            `bson:"_id" json:"responseId"`
	FormID     string            `bson:"formId" json:"formId"`
	Service    string            `bson:"service" json:"service"`
	VisitDate  string            `bson:"visitDate" json:"visitDate"`
	ReceivedAt time.Time         `bson:"receivedAt" json:"receivedAt"`
	Receipt    string            `bson:"receipt" json:"receipt"`
	Keys       map[string]string `bson:"keys" json:"keys"` // key question id → answer value
}

// TallyAsked is the key, among a question's answer keys in a tally, that
// counts the responses the question was asked of (its conditions and its
// section's held), or that answered it anyway: the base that the shares of
// a question behind a condition are read against.
const TallyAsked = "\x00asked"

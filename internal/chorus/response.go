package chorus

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// Submission is a response as a client sends it, before it is checked
// against its form. Answers keep JSON numbers as json.Number.
type Submission struct {
	ID          string
	FormID      string
	FormVersion string
	Answers     map[string]any
	StartedAt   time.Time
	CompletedAt time.Time
	// Language is the code of the language the person filled the form
	// in: its main language or one of its translations; "" when not said.
	Language string
	// Honeypot is set when the hidden field that only bots fill in was
	// filled in: the submission is answered as if stored, and dropped.
	Honeypot bool
}

// Fingerprint identifies the content of a submission, so that a replay of
// the same request can be told from a different one reusing its id.
func (s *Submission) Fingerprint() string {
	b, _ := json.Marshal(struct {
		FormID      string         `json:"f"`
		FormVersion string         `json:"v"`
		Answers     map[string]any `json:"a"`
		StartedAt   time.Time      `json:"s"`
		CompletedAt time.Time      `json:"c"`
		Language    string         `json:"l,omitempty"` // omitted when not said, as before languages
	}{s.FormID, s.FormVersion, s.Answers, s.StartedAt.UTC(), s.CompletedAt.UTC(), s.Language})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// Response is a stored response: a submission that passed its form's rules,
// with the hidden questions' answers dropped.
type Response struct {
	ID          string         `bson:"_id"`
	FormID      string         `bson:"formId"`
	FormVersion string         `bson:"formVersion"`
	Answers     map[string]any `bson:"answers"`
	StartedAt   *time.Time     `bson:"startedAt,omitempty"`
	CompletedAt *time.Time     `bson:"completedAt,omitempty"`
	ReceivedAt  time.Time      `bson:"receivedAt"`
	Receipt     string         `bson:"receipt"`
	Fingerprint string         `bson:"fingerprint"`
	// SentBy is who sent a response to a volunteers' form: "volunteer:…" or
	// "user:…", an internal id and never a name. Public responses carry no
	// trace of who sent them (nor any IP address).
	SentBy string `bson:"sentBy,omitempty"`
	// Language is the code of the language the response was filled in
	// (the form's main language or one of its translations); "" means
	// the main language of the version it was filled on.
	Language string `bson:"language,omitempty" json:"language,omitempty"`
	// Review is the officers' review of the response; nil until reviewed.
	Review *Review `bson:"review,omitempty"`
	// ErasedAt is when the response was erased on request: what remains is
	// its id, form, version, receipt and time received, so that a copy
	// sent again is recognised and not stored anew.
	ErasedAt *time.Time `bson:"erasedAt,omitempty"`
}

// Review statuses.
const (
	ReviewNew      = "new"
	ReviewReviewed = "reviewed"
	ReviewFollowUp = "follow-up"
	ReviewClosed   = "closed"
)

// ReviewStatuses lists the statuses in the order officers move through them.
var ReviewStatuses = []string{ReviewNew, ReviewReviewed, ReviewFollowUp, ReviewClosed}

// Review is an officer's status and note on a response.
type Review struct {
	Status string    `bson:"status" json:"status"`
	Note   string    `bson:"note,omitempty" json:"note,omitempty"`
	By     string    `bson:"by" json:"by"`
	At     time.Time `bson:"at" json:"at"`
}

// StatusOf is a response's review status: new until an officer sets one.
func (r *Response) StatusOf() string {
	if r.Review == nil || r.Review.Status == "" {
		return ReviewNew
	}
	return r.Review.Status
}

// FlagOpenWhile reports whether a visit's safeguarding flag stays open
// under a review status: while the visit is new or needs follow-up, until
// an officer marks it reviewed or closed.
func FlagOpenWhile(status string) bool {
	return status == "" || status == ReviewNew || status == ReviewFollowUp
}

// Flag marks a visit that reported a safeguarding concern; it stays on the
// officers' dashboard until the visit is reviewed or closed (FlagOpenWhile).
type Flag struct {
	ResponseID string    `bson:"_id" json:"responseId"`
	FormID     string    `bson:"formId" json:"formId"`
	Service    string    `bson:"service" json:"service"`
	VisitDate  string    `bson:"visitDate" json:"visitDate"`
	ReceivedAt time.Time `bson:"receivedAt" json:"receivedAt"`
	Receipt    string    `bson:"receipt" json:"receipt"`
	// Phoned is the volunteer's answer to "have you phoned the
	// safeguarding team?" (see intake), nil when the form does not ask.
	Phoned *bool `bson:"phoned,omitempty" json:"phoned,omitempty"`
	Open   bool  `bson:"open" json:"open"`
}

// Result is the outcome of storing one submission.
type Result struct {
	ID      string
	Receipt string
	// Created is true when this request stored the response, false when it
	// was already stored by an earlier copy of the same request.
	Created bool
	// Erased is true when the earlier copy has since been erased.
	Erased bool
}

// ReceiptAlphabet, the characters of receipts, has no letters or digits
// that look alike (0/O, 1/I/L, U/V).
const ReceiptAlphabet = "23456789ABCDEFGHJKMNPQRSTWXYZ"

// NewReceipt returns a random reference a person can read out on the phone,
// such as CH-7K2M-9Q. About 600 million are possible; the store keeps them
// unique and asks for another on the rare collision.
func NewReceipt() string {
	const limit = 256 - 256%len(ReceiptAlphabet) // reject bytes that would bias the draw
	out := []byte("CH-0000-00")
	pos := []int{3, 4, 5, 6, 8, 9}
	var b [1]byte
	for i := 0; i < len(pos); {
		_, _ = rand.Read(b[:])
		if int(b[0]) < limit {
			out[pos[i]] = ReceiptAlphabet[int(b[0])%len(ReceiptAlphabet)]
			i++
		}
	}
	return string(out)
}

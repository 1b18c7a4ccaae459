// Package store keeps Chorus's data. One contract, Store, has two adapters:
// SQLite, a database file embedded in the process (the default), and
// MongoDB, for a council that outgrows one machine. Both are held to the
// same behaviour by one test suite (package storetest). Every operation on
// one thing is served by an index, so it takes the same time however many
// responses are stored.
package store

import (
	"context"
	"iter"
	"log/slog"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// Options say which database to use.
type Options struct {
	// URI of a MongoDB server; empty to use the embedded SQLite database.
	URI string
	// DataDir holds the embedded database's file.
	DataDir string
	// Database is the name of the MongoDB database.
	Database string
	// Logger receives progress lines (an upgrade of old data, for one).
	Logger *slog.Logger
	// Server is set by the Chorus server, which holds the data directory's
	// lock: a second server on the same files is refused, while the admin
	// commands (export, users, stats, backup) may use them beside it.
	Server bool
}

// Open connects to MongoDB when opts.URI is set and opens the embedded
// database otherwise.
func Open(ctx context.Context, opts Options) (Store, error) {
	if opts.URI != "" {
		return OpenMongo(ctx, opts.URI, opts.Database)
	}
	return OpenSQLite(ctx, opts)
}

// Store is what Chorus keeps and how it finds it again. Methods that look
// something up by id return nil and no error when there is none, unless
// they say otherwise. Errors are chorus.Errors where a person can act on
// them: EUNAVAILABLE when the database cannot be reached (try again: every
// write is keyed, so a retry stores nothing twice), ENOTFOUND, ECONFLICT.
type Store interface {
	// Describe says which database is in use and where its data lives.
	Describe() string
	// Embedded reports whether the store is the embedded database.
	Embedded() bool
	// Ping checks that the database answers.
	Ping(ctx context.Context) error
	// Close releases the database.
	Close(ctx context.Context) error

	Responses
	Counters
	Forms
	Accounts
	Copier
}

// Responses keeps the responses themselves, their reviews and erasures,
// and what a visit adds to its service's page and the safeguarding flags.
type Responses interface {
	// InsertResponse stores r once, keyed by its client-made id. A second
	// copy with the same content succeeds with the first copy's receipt and
	// Created false; a different response reusing the id is ECONFLICT. A
	// receipt that collides is replaced by a new one.
	InsertResponse(ctx context.Context, r *chorus.Response) (chorus.Result, error)
	// InsertResponses stores a batch, one result or error per response, in
	// order; one item's failure does not stop the others. An error for the
	// whole batch means the database could not be reached: some items may
	// be stored, and a retry is safe.
	InsertResponses(ctx context.Context, rs []*chorus.Response) ([]chorus.Result, []error, error)
	// Response returns the response with the id; ENOTFOUND when there is
	// none or it was erased.
	Response(ctx context.Context, id string) (*chorus.Response, error)
	// ResponseByReceipt returns the response with the reference, or nil.
	ResponseByReceipt(ctx context.Context, receipt string) (*chorus.Response, error)
	// EraseResponse erases a response's answers, sender, times and review
	// at the time at, and leaves data-free markers in place of its service
	// page entry and safeguarding flag, which a copy resent later cannot
	// overwrite. It returns the response as it was and whether this call
	// erased it; the markers are written on every call, so a call that
	// failed part way can be repeated. Callers serialise calls.
	EraseResponse(ctx context.Context, id string, at time.Time) (*chorus.Response, bool, error)
	// CountResponses counts a form's stored responses, erased ones included.
	CountResponses(ctx context.Context, formID string) (int64, error)
	// EachResponse streams the responses that f selects, in the order
	// received, from one cursor: memory stays flat however many there are.
	// The query is sent before it returns, so a store that is down is
	// reported here. close may be called early, and more than once.
	EachResponse(ctx context.Context, f chorus.ResponseFilter) (rows iter.Seq2[*chorus.Response, error], close func(), err error)
	// CountCheaply counts what f selects when an index can tell.
	CountCheaply(ctx context.Context, f chorus.ResponseFilter) (n int64, ok bool)
	// ResponsePage returns a page of the responses q selects, in the order
	// received, and the cursor of the next page ("" when there is none).
	ResponsePage(ctx context.Context, q PageQuery) ([]*chorus.Response, string, error)
	// SetReview records an officer's review. The response's safeguarding
	// flag is open while the status is new or follow-up, and closed once
	// it is reviewed or closed (chorus.FlagOpenWhile); a closing status
	// set before the flag is written is kept for it, and an erasure's
	// marker is never reopened. ENOTFOUND when the response does not
	// exist or was erased.
	SetReview(ctx context.Context, id string, rv chorus.Review) error
	// Flag records a visit's safeguarding concern; again for the same
	// response it reopens nothing.
	Flag(ctx context.Context, f chorus.Flag) error
	// OpenFlags lists the concerns not reviewed or closed yet, in no order.
	OpenFlags(ctx context.Context) ([]chorus.Flag, error)
	// SaveServiceVisit records a visit for its service's page; again for
	// the same response it changes nothing.
	SaveServiceVisit(ctx context.Context, v chorus.ServiceVisit) error
	// ServiceVisits lists a service's latest visits, at most limit (0 for
	// all), the latest visit date first (then the latest received), and
	// whether there are more.
	ServiceVisits(ctx context.Context, service string, limit int) ([]chorus.ServiceVisit, bool, error)
}

// PageQuery asks for one page of a form's responses.
type PageQuery struct {
	Filter chorus.ResponseFilter
	// Text, when set, keeps responses whose answer to one of TextQuestions
	// holds it, in any case.
	Text          string
	TextQuestions []string
	// Receipt, when set, also keeps the response with that reference.
	Receipt string
	// After is the cursor a previous page returned; "" for the first page.
	After string
	// Limit is the most responses a page holds.
	Limit int
}

// Counters keeps the counts kept up to date as responses arrive, so that
// no page counts responses.
type Counters interface {
	// AddTally adds t's counts to the tally of its form, day and service.
	AddTally(ctx context.Context, t chorus.Tally) error
	// Tallies returns a form's tallies for the days from..to (both
	// included, "" for no limit), of one service or all ("").
	Tallies(ctx context.Context, formID, from, to, service string) ([]chorus.Tally, error)
	// AllTallies returns every tally, to hold them in memory.
	AllTallies(ctx context.Context) ([]chorus.Tally, error)
	// AddDaily adds n responses received by a form on a day.
	AddDaily(ctx context.Context, formID, day string, n int64) error
	// Daily returns every form's responses per day, from a day on.
	Daily(ctx context.Context, from string) ([]chorus.DayCount, error)
	// AddFormStats adds n responses, the latest at latest, to a form's.
	AddFormStats(ctx context.Context, formID string, n int64, latest time.Time) error
	// FormStats returns every form's counters.
	FormStats(ctx context.Context) ([]chorus.FormStats, error)
	// SetFormStats replaces a form's counters, after a recount.
	SetFormStats(ctx context.Context, st chorus.FormStats) error
	// AddSent adds n responses sent by a sender (volunteer:…).
	AddSent(ctx context.Context, sender string, n int64) error
	// VisitsBy counts the visits each sender has sent.
	VisitsBy(ctx context.Context) (map[string]int64, error)
	// ClearCounters removes every counter, before a recount.
	ClearCounters(ctx context.Context) error
}

// Forms keeps every version of every form, and the services register.
type Forms interface {
	// SaveFormVersion records a version of a form the first time it is
	// seen; the same version with other content is ECONFLICT.
	SaveFormVersion(ctx context.Context, v FormVersion) error
	// FormVersions returns every stored version of every form.
	FormVersions(ctx context.Context) ([]FormVersion, error)
	// Services returns the services register.
	Services(ctx context.Context) ([]chorus.Service, error)
	// SeedServices fills an empty register; one that holds anything is
	// left as it is. It reports whether it filled it.
	SeedServices(ctx context.Context, services []chorus.Service) (bool, error)
	// SaveService adds a service, or replaces the one with its id.
	SaveService(ctx context.Context, svc chorus.Service) error
	// SaveServices saves many services, each added or replaced by id.
	SaveServices(ctx context.Context, services []chorus.Service) error
	// RetireService marks a service as no longer in use; ENOTFOUND when
	// there is none.
	RetireService(ctx context.Context, id string, at time.Time) error
	// ServiceNames maps every service id in the register to its name.
	ServiceNames(ctx context.Context) (map[string]string, error)
	// FormRecords returns where every form stands: few, and small.
	FormRecords(ctx context.Context) ([]FormRecord, error)
	// PutFormRecord stores a form's record if the stored one is the
	// revision before rec.Revision (none when rec.Revision is 1), so that
	// of two changes made at once one wins and the other is ECONFLICT.
	PutFormRecord(ctx context.Context, rec FormRecord) error
	// SaveFormDraft stores a form's draft, replacing the one before.
	SaveFormDraft(ctx context.Context, d FormDraft) error
	// FormDraft returns a form's draft; ENOTFOUND when it has none.
	FormDraft(ctx context.Context, formID string) (*FormDraft, error)
	// FormDrafts returns every form's draft.
	FormDrafts(ctx context.Context) ([]FormDraft, error)
	// DeleteFormDraft removes a form's draft, if it has one.
	DeleteFormDraft(ctx context.Context, formID string) error
}

// Accounts keeps officers, their sessions, Quality Checkers, their codes
// and phones, and the audit log.
type Accounts interface {
	InsertUser(ctx context.Context, u *chorus.User) error
	UserByEmail(ctx context.Context, email string) (*chorus.User, error)
	User(ctx context.Context, id string) (*chorus.User, error)
	Users(ctx context.Context) ([]chorus.User, error)
	DisableUser(ctx context.Context, id string, at time.Time) error
	SetUserPassword(ctx context.Context, id, hash string, at time.Time, enable bool) error
	InsertSession(ctx context.Context, sess *chorus.Session) error
	Session(ctx context.Context, id string) (*chorus.Session, error)
	TouchSession(ctx context.Context, id string, at time.Time) error
	DeleteSession(ctx context.Context, id string) error
	InsertVolunteer(ctx context.Context, v *chorus.Volunteer) error
	Volunteer(ctx context.Context, id string) (*chorus.Volunteer, error)
	Volunteers(ctx context.Context) ([]chorus.Volunteer, error)
	RetireVolunteer(ctx context.Context, id string, at time.Time) error
	InsertCode(ctx context.Context, c *chorus.SignInCode) error
	// UseCode claims a code once, even when it arrives twice at the same
	// moment; see Mongo.UseCode.
	UseCode(ctx context.Context, id string, now time.Time) (used, was *chorus.SignInCode, err error)
	ExpireCodes(ctx context.Context, volunteerID string, now time.Time) error
	InsertDevice(ctx context.Context, d *chorus.Device) error
	Device(ctx context.Context, id string) (*chorus.Device, error)
	RevokeDevice(ctx context.Context, id string, at time.Time) error
	RevokeDevices(ctx context.Context, volunteerID string, at time.Time) (int64, error)
	InsertAudit(ctx context.Context, e *chorus.AuditEntry) error
	// Audit returns entries oldest first from since on (after it when
	// after is set), leaving out the first skip and returning at most
	// limit (0 for all); entries of one moment come in a fixed order.
	Audit(ctx context.Context, since time.Time, after bool, skip, limit int64) ([]chorus.AuditEntry, error)
}

// Copier moves whole collections between stores, document by document, as
// BSON: for `chorus store copy` and the upgrade of old data.
type Copier interface {
	// Docs streams a collection's documents in _id order, from after the
	// id after ("" for the start).
	Docs(ctx context.Context, collection, after string) (iter.Seq2[bson.Raw, error], error)
	// PutDocs writes documents into a collection, each replacing the one
	// with its _id, so that writing them again changes nothing.
	PutDocs(ctx context.Context, collection string, docs []bson.Raw) error
	// CountDocs counts a collection's documents.
	CountDocs(ctx context.Context, collection string) (int64, error)
	// LastID is the greatest _id in a collection ("" when it is empty),
	// where a copy that stopped part way goes on from.
	LastID(ctx context.Context, collection string) (string, error)
}

// FormVersion is one version of a form definition as stored: its JSON text
// exactly, so that an old version reads back as it was served.
type FormVersion struct {
	Key         string    `bson:"_id"`
	FormID      string    `bson:"formId"`
	Version     string    `bson:"version"`
	Definition  string    `bson:"definition"`
	Fingerprint string    `bson:"fingerprint"`
	FirstSeenAt time.Time `bson:"firstSeenAt"`
}

// FormRecord is where a form stands: the version it serves and whether it
// is archived. Every change raises Revision by one.
type FormRecord struct {
	ID string `bson:"_id"`
	// Current is the version served; "" while the form is only a draft.
	Current  string `bson:"current"`
	Archived bool   `bson:"archived"`
	// Origin is where the form came from: built-in, file or console.
	Origin    string    `bson:"origin"`
	Revision  int64     `bson:"revision"`
	UpdatedAt time.Time `bson:"updatedAt"`
	// UpdatedBy is the account that made the last change ("" at start-up).
	UpdatedBy string `bson:"updatedBy,omitempty"`
}

// FormDraft is a form's next version, not published yet: its JSON text.
type FormDraft struct {
	FormID     string `bson:"_id"`
	Definition string `bson:"definition"`
	// Source is the name of the file it was uploaded as, or "console".
	Source  string    `bson:"source"`
	SavedAt time.Time `bson:"savedAt"`
	SavedBy string    `bson:"savedBy,omitempty"`
}

// OutageSimulator is a store that fault tests can make fail as a database
// that is down would, and come back.
type OutageSimulator interface {
	SimulateOutage(ctx context.Context) error
	EndSimulatedOutage() error
}

// Collections names every collection Chorus keeps, in the order a copy
// takes them.
var Collections = []string{
	"form_versions", "form_records", "form_drafts", "services", "users", "sessions", "volunteers", "signin_codes",
	"signin_code_uses", "devices", "audit", "responses", "service_visits", "flags",
	"tallies", "daily", "form_stats", "sender_stats",
}

package chorus

import "time"

// Roles, from least to most trusted.
const (
	RolePublic    = "public"
	RoleVolunteer = "volunteer"
	RoleOfficer   = "officer"
	RoleAdmin     = "admin"
)

// Access is the least role a route or a form needs.
type Access int

// Access levels.
const (
	AccessPublic Access = iota
	AccessVolunteer
	AccessOfficer
	AccessAdmin
)

// String names the access level as its least role.
func (a Access) String() string {
	return [...]string{RolePublic, RoleVolunteer, RoleOfficer, RoleAdmin}[a]
}

// Actor is who makes a request: the public, a volunteer's phone, or a
// signed-in officer or admin.
type Actor struct {
	Role string
	// ID is the user's or volunteer's internal id; empty for the public.
	ID string
	// Name is shown back to the person themselves; never logged.
	Name string
	// Session is the stored id (a hash) of the session or device session.
	Session string
	// CSRF is the token that state-changing requests of a cookie session
	// must carry.
	CSRF string
}

// Public is an actor with no sign-in.
var Public = Actor{Role: RolePublic}

// May reports whether the actor's role reaches the access level.
func (a Actor) May(x Access) bool {
	rank := map[string]Access{RoleVolunteer: AccessVolunteer, RoleOfficer: AccessOfficer, RoleAdmin: AccessAdmin}
	return rank[a.Role] >= x
}

// Ref names the actor in the audit log and on responses: "user:…",
// "volunteer:…" or "public", never a name or an email.
func (a Actor) Ref() string {
	switch a.Role {
	case RoleVolunteer:
		return "volunteer:" + a.ID
	case RoleOfficer, RoleAdmin:
		return "user:" + a.ID
	}
	return RolePublic
}

// User is an officer or an admin.
type User struct {
	ID           string     `bson:"_id" json:"id"`
	Email        string     `bson:"email" json:"email"`
	Role         string     `bson:"role" json:"role"`
	PasswordHash string     `bson:"passwordHash" json:"-"`
	CreatedAt    time.Time  `bson:"createdAt" json:"createdAt"`
	DisabledAt   *time.Time `bson:"disabledAt,omitempty" json:"disabledAt,omitempty"`
	// PasswordSetAt is when the password was last replaced: sessions begun
	// before it are over, even one saved just after it.
	PasswordSetAt *time.Time `bson:"passwordSetAt,omitempty" json:"-"`
}

// Session is an officer's or admin's signed-in browser session. Its ID is
// the hash of the token in the cookie, so the store never holds the token.
type Session struct {
	ID         string    `bson:"_id"`
	UserID     string    `bson:"userId"`
	Role       string    `bson:"role"`
	CSRF       string    `bson:"csrf"`
	CreatedAt  time.Time `bson:"createdAt"`
	LastSeenAt time.Time `bson:"lastSeenAt"`
	ExpiresAt  time.Time `bson:"expiresAt"`
}

// Volunteer is a Quality Checker: a display name only.
type Volunteer struct {
	ID        string     `bson:"_id" json:"id"`
	Name      string     `bson:"name" json:"name"`
	CreatedAt time.Time  `bson:"createdAt" json:"createdAt"`
	CreatedBy string     `bson:"createdBy" json:"-"`
	RetiredAt *time.Time `bson:"retiredAt,omitempty" json:"retiredAt,omitempty"`
}

// FormerVolunteer is what officers see, as "Sent by", for a Quality Checker
// who was removed (their name is deleted then).
const FormerVolunteer = "former Quality Checker"

// DisplayName is the name officers see for the volunteer: their display
// name, or FormerVolunteer once they are removed.
func (v *Volunteer) DisplayName() string {
	if v.RetiredAt != nil || v.Name == "" {
		return FormerVolunteer
	}
	return v.Name
}

// SignInCode is a volunteer's one-time code, stored as its hash.
type SignInCode struct {
	ID          string     `bson:"_id"`
	VolunteerID string     `bson:"volunteerId"`
	CreatedAt   time.Time  `bson:"createdAt"`
	ExpiresAt   time.Time  `bson:"expiresAt"`
	UsedAt      *time.Time `bson:"usedAt,omitempty"`
}

// Device is a volunteer's phone's long-lived session, stored as the hash
// of its token.
type Device struct {
	ID          string     `bson:"_id"`
	VolunteerID string     `bson:"volunteerId"`
	CreatedAt   time.Time  `bson:"createdAt"`
	ExpiresAt   time.Time  `bson:"expiresAt"`
	RevokedAt   *time.Time `bson:"revokedAt,omitempty"`
}

// AuditEntry records who did what. Actor and Target are references such
// as "user:…"; Details never hold answers, passwords, codes or tokens.
type AuditEntry struct {
	ID      string         `bson:"_id" json:"id"`
	At      time.Time      `bson:"at" json:"at"`
	Actor   string         `bson:"actor" json:"actor"`
	Action  string         `bson:"action" json:"action"`
	Target  string         `bson:"target,omitempty" json:"target,omitempty"`
	Outcome string         `bson:"outcome" json:"outcome"`
	Details map[string]any `bson:"details,omitempty" json:"details,omitempty"`
}

// Audit actions.
const (
	AuditSignIn        = "sign-in"
	AuditSignOut       = "sign-out"
	AuditCodeIssued    = "code-issued"
	AuditCodeUsed      = "code-used"
	AuditDevicesRevoke = "devices-revoked"
	AuditUserAdded     = "user-added"
	AuditUserDisabled  = "user-disabled"
	AuditPasswordSet   = "password-set"
	AuditErase         = "response-erased"
	AuditVolunteerAdd  = "volunteer-added"
	AuditVolunteerGone = "volunteer-removed"
	AuditExport        = "export"
	AuditServiceSaved  = "service-saved"
	AuditReview        = "review"
)

// FormStats is what the officer page shows of a form's responses, kept up
// to date as responses arrive rather than counted.
type FormStats struct {
	FormID    string     `bson:"_id" json:"formId"`
	Responses int64      `bson:"responses" json:"responses"`
	LatestAt  *time.Time `bson:"latestAt,omitempty" json:"latestAt,omitempty"`
}

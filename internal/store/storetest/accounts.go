package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func accountCases() []testCase {
	return []testCase{
		one("Users", testUsers),
		one("DisableUserEndsSessions", testDisableUser),
		one("SetUserPassword", testSetUserPassword),
		one("Sessions", testSessions),
		one("Volunteers", testVolunteers),
		one("UseCodeOnce", testUseCodeOnce),
		one("UseCodeConcurrently", testUseCodeConcurrently),
		one("ExpireCodes", testExpireCodes),
		one("Devices", testDevices),
		one("Audit", testAudit),
	}
}

func officer(n int, email string) *chorus.User {
	return &chorus.User{ID: uuid(n), Email: email, Role: chorus.RoleOfficer, PasswordHash: "$argon2id$v=19$m=65536,t=3,p=2$c2FsdA$aGFzaA", CreatedAt: at(time.Duration(n) * time.Minute)}
}

func session(id string, u *chorus.User, created time.Time) *chorus.Session {
	return &chorus.Session{ID: id, UserID: u.ID, Role: u.Role, CSRF: "csrf-" + id, CreatedAt: created, LastSeenAt: created, ExpiresAt: created.Add(12 * time.Hour)}
}

func testUsers(t *testing.T, s store.Store) {
	ctx := t.Context()
	ann, bob := officer(1, "ann@council.example"), officer(2, "bob@council.example")
	bob.Role = chorus.RoleAdmin
	must(t, s.InsertUser(ctx, ann), "InsertUser")
	must(t, s.InsertUser(ctx, bob), "InsertUser")
	wantCode(t, s.InsertUser(ctx, officer(3, "ann@council.example")), chorus.ECONFLICT, "InsertUser with an email already used")
	got, err := s.UserByEmail(ctx, "ann@council.example")
	must(t, err, "UserByEmail")
	check(t, "UserByEmail", got, ann)
	got, err = s.User(ctx, bob.ID)
	must(t, err, "User")
	check(t, "User", got, bob)
	for what, f := range map[string]func() (*chorus.User, error){
		"UserByEmail of an unknown email": func() (*chorus.User, error) { return s.UserByEmail(ctx, "nobody@council.example") },
		"User of an unknown id":           func() (*chorus.User, error) { return s.User(ctx, uuid(9)) },
	} {
		if u, err := f(); u != nil || err != nil {
			t.Errorf("%s = %+v, %v; want nil, nil", what, u, err)
		}
	}
	users, err := s.Users(ctx)
	must(t, err, "Users")
	slices.SortFunc(users, func(a, b chorus.User) int { return cmp.Compare(a.ID, b.ID) })
	check(t, "Users", users, []chorus.User{*ann, *bob})
}

func testDisableUser(t *testing.T, s store.Store) {
	ctx := t.Context()
	ann, bob := officer(1, "ann@council.example"), officer(2, "bob@council.example")
	must(t, s.InsertUser(ctx, ann), "InsertUser")
	must(t, s.InsertUser(ctx, bob), "InsertUser")
	for _, sess := range []*chorus.Session{session("s-ann-1", ann, at(0)), session("s-ann-2", ann, at(time.Minute)), session("s-bob", bob, at(0))} {
		must(t, s.InsertSession(ctx, sess), "InsertSession")
	}
	must(t, s.DisableUser(ctx, ann.ID, at(time.Hour)), "DisableUser")
	got, err := s.User(ctx, ann.ID)
	must(t, err, "User")
	want := *ann
	want.DisabledAt = ptr(at(time.Hour))
	check(t, "the disabled user", got, &want)
	for id, live := range map[string]bool{"s-ann-1": false, "s-ann-2": false, "s-bob": true} {
		sess, err := s.Session(ctx, id)
		must(t, err, "Session")
		if (sess != nil) != live {
			t.Errorf("session %s after disabling ann: %+v, want live %v", id, sess, live)
		}
	}
	wantCode(t, s.DisableUser(ctx, uuid(9), at(time.Hour)), chorus.ENOTFOUND, "DisableUser of an unknown user")
}

func testSetUserPassword(t *testing.T, s store.Store) {
	ctx := t.Context()
	ann := officer(1, "ann@council.example")
	must(t, s.InsertUser(ctx, ann), "InsertUser")
	must(t, s.InsertSession(ctx, session("s-1", ann, at(0))), "InsertSession")
	must(t, s.SetUserPassword(ctx, ann.ID, "hash-2", at(time.Hour), false), "SetUserPassword")
	want := *ann
	want.PasswordHash, want.PasswordSetAt = "hash-2", ptr(at(time.Hour))
	got, err := s.User(ctx, ann.ID)
	must(t, err, "User")
	check(t, "user with a new password", got, &want)
	if sess, _ := s.Session(ctx, "s-1"); sess != nil {
		t.Error("a session begun before the new password is still there")
	}

	must(t, s.DisableUser(ctx, ann.ID, at(2*time.Hour)), "DisableUser")
	must(t, s.SetUserPassword(ctx, ann.ID, "hash-3", at(3*time.Hour), false), "SetUserPassword, not enabling")
	got, err = s.User(ctx, ann.ID)
	must(t, err, "User")
	want.PasswordHash, want.PasswordSetAt, want.DisabledAt = "hash-3", ptr(at(3*time.Hour)), ptr(at(2*time.Hour))
	check(t, "disabled user with a new password", got, &want)

	must(t, s.InsertSession(ctx, session("s-2", ann, at(4*time.Hour))), "InsertSession")
	must(t, s.SetUserPassword(ctx, ann.ID, "hash-4", at(5*time.Hour), true), "SetUserPassword, enabling")
	got, err = s.User(ctx, ann.ID)
	must(t, err, "User")
	want.PasswordHash, want.PasswordSetAt, want.DisabledAt = "hash-4", ptr(at(5*time.Hour)), nil
	check(t, "user enabled with a new password", got, &want)
	if sess, _ := s.Session(ctx, "s-2"); sess != nil {
		t.Error("a session is still there after the password was set again")
	}
	wantCode(t, s.SetUserPassword(ctx, uuid(9), "h", at(0), true), chorus.ENOTFOUND, "SetUserPassword of an unknown user")
}

func testSessions(t *testing.T, s store.Store) {
	ctx := t.Context()
	ann := officer(1, "ann@council.example")
	must(t, s.InsertUser(ctx, ann), "InsertUser")
	s1, s2 := session("3q2+7w==hash-one", ann, at(0)), session("hash-two", ann, at(time.Minute))
	must(t, s.InsertSession(ctx, s1), "InsertSession")
	must(t, s.InsertSession(ctx, s2), "InsertSession")
	got, err := s.Session(ctx, s1.ID)
	must(t, err, "Session")
	check(t, "Session", got, s1)
	must(t, s.TouchSession(ctx, s1.ID, at(time.Hour)), "TouchSession")
	got, err = s.Session(ctx, s1.ID)
	must(t, err, "Session")
	touched := *s1
	touched.LastSeenAt = at(time.Hour)
	check(t, "a touched session", got, &touched)
	must(t, s.DeleteSession(ctx, s1.ID), "DeleteSession")
	if got, err := s.Session(ctx, s1.ID); got != nil || err != nil {
		t.Errorf("deleted session = %+v, %v; want nil, nil", got, err)
	}
	got, err = s.Session(ctx, s2.ID)
	must(t, err, "Session")
	check(t, "the other session", got, s2)
	must(t, s.DeleteSession(ctx, s1.ID), "DeleteSession again")
	if got, err := s.Session(ctx, "unknown"); got != nil || err != nil {
		t.Errorf("unknown session = %+v, %v; want nil, nil", got, err)
	}
}

func testVolunteers(t *testing.T, s store.Store) {
	ctx := t.Context()
	v1 := &chorus.Volunteer{ID: uuid(1), Name: "Maureen O'Hara", CreatedAt: at(0), CreatedBy: "user:" + uuid(7)}
	v2 := &chorus.Volunteer{ID: uuid(2), Name: "Siân", CreatedAt: at(time.Minute), CreatedBy: "user:" + uuid(7)}
	must(t, s.InsertVolunteer(ctx, v1), "InsertVolunteer")
	must(t, s.InsertVolunteer(ctx, v2), "InsertVolunteer")
	got, err := s.Volunteer(ctx, v1.ID)
	must(t, err, "Volunteer")
	check(t, "Volunteer", got, v1)
	if got, err := s.Volunteer(ctx, uuid(9)); got != nil || err != nil {
		t.Errorf("unknown volunteer = %+v, %v; want nil, nil", got, err)
	}
	must(t, s.RetireVolunteer(ctx, v1.ID, at(time.Hour)), "RetireVolunteer")
	retired := *v1
	retired.Name, retired.RetiredAt = "", ptr(at(time.Hour))
	got, err = s.Volunteer(ctx, v1.ID)
	must(t, err, "Volunteer")
	check(t, "a retired volunteer, their name gone", got, &retired)
	wantCode(t, s.RetireVolunteer(ctx, uuid(9), at(time.Hour)), chorus.ENOTFOUND, "RetireVolunteer of an unknown volunteer")
	all, err := s.Volunteers(ctx)
	must(t, err, "Volunteers")
	slices.SortFunc(all, func(a, b chorus.Volunteer) int { return cmp.Compare(a.ID, b.ID) })
	check(t, "Volunteers", all, []chorus.Volunteer{retired, *v2})
}

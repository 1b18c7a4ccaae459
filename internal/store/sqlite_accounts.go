package store

import (
	"context"
	"database/sql"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// InsertUser adds an officer or admin. An email already used is ECONFLICT.
func (s *SQLite) InsertUser(ctx context.Context, u *chorus.User) error {
	err := s.tx(ctx, func(tx *sql.Tx) error { return putValue(ctx, tx, "users", u, true) })
	if isUnique(err, "users.") {
		return chorus.Errorf(chorus.ECONFLICT, "There is already a user with that email address.")
	}
	return err
}

// UserByEmail returns the user with the email, or nil.
func (s *SQLite) UserByEmail(ctx context.Context, email string) (*chorus.User, error) {
	return selectOne[chorus.User](ctx, s.reader(), "SELECT doc FROM users WHERE email = ?", email)
}

// User returns the user with the id, or nil.
func (s *SQLite) User(ctx context.Context, id string) (*chorus.User, error) {
	return byID[chorus.User](ctx, s, "users", id)
}

// Users lists every officer and admin.
func (s *SQLite) Users(ctx context.Context) ([]chorus.User, error) {
	return selectAll[chorus.User](ctx, s.reader(), "SELECT doc FROM users")
}

// DisableUser stops a user signing in and deletes their sessions.
func (s *SQLite) DisableUser(ctx context.Context, id string, at time.Time) error {
	return s.changeUser(ctx, id, func(d bson.D) bson.D { return set(d, "disabledAt", at) })
}

// SetUserPassword replaces a user's password hash at the time at and, with
// enable, lets a disabled user sign in again. Their sessions are deleted.
func (s *SQLite) SetUserPassword(ctx context.Context, id, hash string, at time.Time, enable bool) error {
	return s.changeUser(ctx, id, func(d bson.D) bson.D {
		d = set(set(d, "passwordHash", hash), "passwordSetAt", at)
		if enable {
			d = unset(d, "disabledAt")
		}
		return d
	})
}

// changeUser changes a user and ends their sessions, in one transaction.
func (s *SQLite) changeUser(ctx context.Context, id string, change func(bson.D) bson.D) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := changeFound(ctx, tx, "users", id, "No user has the id "+id+".", change); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = ?", id)
		return err
	})
}

// InsertSession stores a new browser session.
func (s *SQLite) InsertSession(ctx context.Context, sess *chorus.Session) error {
	return s.insert(ctx, "sessions", sess)
}

// Session returns the session with the id (a token's hash), or nil.
func (s *SQLite) Session(ctx context.Context, id string) (*chorus.Session, error) {
	return byID[chorus.Session](ctx, s, "sessions", id)
}

// TouchSession records that a session was used at the time given.
func (s *SQLite) TouchSession(ctx context.Context, id string, at time.Time) error {
	return s.setField(ctx, "sessions", id, "lastSeenAt", at)
}

// DeleteSession ends a session.
func (s *SQLite) DeleteSession(ctx context.Context, id string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE id = ?", id)
		return err
	})
}

// InsertVolunteer adds a Quality Checker.
func (s *SQLite) InsertVolunteer(ctx context.Context, v *chorus.Volunteer) error {
	return s.insert(ctx, "volunteers", v)
}

// Volunteer returns the volunteer with the id, or nil.
func (s *SQLite) Volunteer(ctx context.Context, id string) (*chorus.Volunteer, error) {
	return byID[chorus.Volunteer](ctx, s, "volunteers", id)
}

// Volunteers lists the Quality Checkers.
func (s *SQLite) Volunteers(ctx context.Context) ([]chorus.Volunteer, error) {
	return selectAll[chorus.Volunteer](ctx, s.reader(), "SELECT doc FROM volunteers")
}

// RetireVolunteer marks a Quality Checker as gone and deletes their name.
func (s *SQLite) RetireVolunteer(ctx context.Context, id string, at time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return changeFound(ctx, tx, "volunteers", id, "No volunteer has the id "+id+".", func(d bson.D) bson.D {
			return set(set(d, "retiredAt", at), "name", "")
		})
	})
}

// InsertCode stores a one-time sign-in code (its hash).
func (s *SQLite) InsertCode(ctx context.Context, c *chorus.SignInCode) error {
	return s.insert(ctx, "signin_codes", c)
}

// UseCode marks a code used, once: the check and the claim are one
// transaction, and transactions that write run one at a time.
func (s *SQLite) UseCode(ctx context.Context, id string, now time.Time) (used, was *chorus.SignInCode, err error) {
	err = s.tx(ctx, func(tx *sql.Tx) error {
		raw, err := getDoc(ctx, tx, "signin_codes", id)
		if err != nil || raw == nil {
			return err
		}
		was = new(chorus.SignInCode)
		if err := bson.Unmarshal(raw, was); err != nil {
			return err
		}
		if was.UsedAt != nil || !now.Before(was.ExpiresAt) {
			return nil
		}
		if _, err := update(ctx, tx, "signin_codes", id, func(d bson.D) (bson.D, error) { return set(d, "usedAt", now), nil }); err != nil {
			return err
		}
		if err := putValue(ctx, tx, "signin_code_uses", bson.D{{Key: "_id", Value: id}, {Key: "at", Value: now}}, false); err != nil {
			return err
		}
		was.UsedAt = &now
		used, was = was, nil
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return used, was, nil
}

// ExpireCodes ends every unused code of a volunteer.
func (s *SQLite) ExpireCodes(ctx context.Context, volunteerID string, now time.Time) error {
	_, err := s.changeEach(ctx, "signin_codes", "volunteer_id", volunteerID, func(d bson.D) (bson.D, bool) {
		exp, _ := get(d, "expiresAt").(bson.DateTime)
		if get(d, "usedAt") != nil || !exp.Time().After(now) {
			return d, false
		}
		return set(d, "expiresAt", now), true
	})
	return err
}

// InsertDevice stores a volunteer's new device session.
func (s *SQLite) InsertDevice(ctx context.Context, d *chorus.Device) error {
	return s.insert(ctx, "devices", d)
}

// Device returns the device session with the id (a token's hash), or nil.
func (s *SQLite) Device(ctx context.Context, id string) (*chorus.Device, error) {
	return byID[chorus.Device](ctx, s, "devices", id)
}

// RevokeDevice ends one device session.
func (s *SQLite) RevokeDevice(ctx context.Context, id string, at time.Time) error {
	return s.setField(ctx, "devices", id, "revokedAt", at)
}

// RevokeDevices ends every device session of a volunteer and returns how many.
func (s *SQLite) RevokeDevices(ctx context.Context, volunteerID string, at time.Time) (int64, error) {
	return s.changeEach(ctx, "devices", "volunteer_id", volunteerID, func(d bson.D) (bson.D, bool) {
		if get(d, "revokedAt") != nil {
			return d, false
		}
		return set(d, "revokedAt", at), true
	})
}

// InsertAudit records an audit entry.
func (s *SQLite) InsertAudit(ctx context.Context, e *chorus.AuditEntry) error {
	return s.insert(ctx, "audit", e)
}

// Audit returns audit entries oldest first, on the (at, id) index.
func (s *SQLite) Audit(ctx context.Context, since time.Time, after bool, skip, limit int64) ([]chorus.AuditEntry, error) {
	q, args := "SELECT doc FROM audit", []any{}
	if !since.IsZero() {
		op := " >= ?"
		if after {
			op = " > ?"
		}
		q, args = q+" WHERE at"+op, append(args, since.UnixMilli())
	}
	if limit <= 0 {
		limit = -1
	}
	return selectAll[chorus.AuditEntry](ctx, s.reader(), q+" ORDER BY at, id LIMIT ? OFFSET ?", append(args, limit, max(skip, 0))...)
}

// insert adds a document; one with its _id already there is an error.
func (s *SQLite) insert(ctx context.Context, collection string, v any) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return putValue(ctx, tx, collection, v, true) })
}

// setField sets one field of the document with the id, if there is one.
func (s *SQLite) setField(ctx context.Context, collection, id, field string, v any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := update(ctx, tx, collection, id, func(d bson.D) (bson.D, error) { return set(d, field, v), nil })
		return err
	})
}

// changeEach changes the documents whose column equals value, as change
// says, and counts those it changed.
func (s *SQLite) changeEach(ctx context.Context, collection, column, value string, change func(bson.D) (bson.D, bool)) (int64, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id FROM "+collection+" WHERE "+column+" = ?", value)
		if err != nil {
			return err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		for _, id := range ids {
			if _, err := update(ctx, tx, collection, id, func(d bson.D) (bson.D, error) {
				d, changed := change(d)
				if changed {
					n++
				}
				return d, nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// byID decodes the document with the id, or nil.
func byID[T any](ctx context.Context, s *SQLite, collection, id string) (*T, error) {
	return selectOne[T](ctx, s.reader(), "SELECT doc FROM "+collection+" WHERE id = ?", id)
}

package store

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// InsertUser adds an officer or admin. An email already used is ECONFLICT.
func (s *Mongo) InsertUser(ctx context.Context, u *chorus.User) error {
	_, err := s.db.Collection("users").InsertOne(ctx, u)
	if mongo.IsDuplicateKeyError(err) {
		return chorus.Errorf(chorus.ECONFLICT, "There is already a user with that email address.")
	}
	return wrap(err)
}

// UserByEmail returns the user with the email, or nil.
func (s *Mongo) UserByEmail(ctx context.Context, email string) (*chorus.User, error) {
	return findOne[chorus.User](ctx, s.db.Collection("users"), bson.D{{Key: "email", Value: email}})
}

// User returns the user with the id, or nil.
func (s *Mongo) User(ctx context.Context, id string) (*chorus.User, error) {
	return findOne[chorus.User](ctx, s.db.Collection("users"), bson.D{{Key: "_id", Value: id}})
}

// Users lists every officer and admin; there are few.
func (s *Mongo) Users(ctx context.Context) ([]chorus.User, error) {
	return findAll[chorus.User](ctx, s.db.Collection("users"), bson.D{})
}

// DisableUser stops a user signing in; their sessions are deleted.
func (s *Mongo) DisableUser(ctx context.Context, id string, at time.Time) error {
	if err := updateFound(ctx, s.db.Collection("users"), bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "disabledAt", Value: at}}}}, "No user has the id "+id+"."); err != nil {
		return err
	}
	return s.endSessionsOf(ctx, id)
}

// endSessionsOf deletes every session of a user.
func (s *Mongo) endSessionsOf(ctx context.Context, userID string) error {
	_, err := s.db.Collection("sessions").DeleteMany(ctx, bson.D{{Key: "userId", Value: userID}})
	return wrap(err)
}

// SetUserPassword replaces a user's password hash at the time at and, when
// enable is set, lets a disabled user sign in again. Their sessions are
// deleted either way: whoever knew the old password is signed out.
func (s *Mongo) SetUserPassword(ctx context.Context, id, hash string, at time.Time, enable bool) error {
	update := bson.D{{Key: "$set", Value: bson.D{{Key: "passwordHash", Value: hash}, {Key: "passwordSetAt", Value: at}}}}
	if enable {
		update = append(update, bson.E{Key: "$unset", Value: bson.D{{Key: "disabledAt", Value: ""}}})
	}
	if err := updateFound(ctx, s.db.Collection("users"), bson.D{{Key: "_id", Value: id}}, update, "No user has the id "+id+"."); err != nil {
		return err
	}
	return s.endSessionsOf(ctx, id)
}

// InsertSession stores a new browser session.
func (s *Mongo) InsertSession(ctx context.Context, sess *chorus.Session) error {
	_, err := s.db.Collection("sessions").InsertOne(ctx, sess)
	return wrap(err)
}

// Session returns the session with the id (a token's hash), or nil.
func (s *Mongo) Session(ctx context.Context, id string) (*chorus.Session, error) {
	return findOne[chorus.Session](ctx, s.db.Collection("sessions"), bson.D{{Key: "_id", Value: id}})
}

// TouchSession records that a session was used at the time given.
func (s *Mongo) TouchSession(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.Collection("sessions").UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "lastSeenAt", Value: at}}}})
	return wrap(err)
}

// DeleteSession ends a session.
func (s *Mongo) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.Collection("sessions").DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return wrap(err)
}

// InsertVolunteer adds a Quality Checker.
func (s *Mongo) InsertVolunteer(ctx context.Context, v *chorus.Volunteer) error {
	_, err := s.db.Collection("volunteers").InsertOne(ctx, v)
	return wrap(err)
}

// Volunteer returns the volunteer with the id, or nil.
func (s *Mongo) Volunteer(ctx context.Context, id string) (*chorus.Volunteer, error) {
	return findOne[chorus.Volunteer](ctx, s.db.Collection("volunteers"), bson.D{{Key: "_id", Value: id}})
}

// Volunteers lists the Quality Checkers.
func (s *Mongo) Volunteers(ctx context.Context) ([]chorus.Volunteer, error) {
	return findAll[chorus.Volunteer](ctx, s.db.Collection("volunteers"), bson.D{})
}

// InsertCode stores a one-time sign-in code (its hash).
func (s *Mongo) InsertCode(ctx context.Context, c *chorus.SignInCode) error {
	_, err := s.db.Collection("signin_codes").InsertOne(ctx, c)
	return wrap(err)
}

// UseCode marks a code used, once, even when the same code arrives twice
// at the same moment: the claim is an insert under the code's id, which
// the database keeps unique (an update-if-unused is two steps on the
// embedded store). It returns the code when it was unused and valid at
// now, and nil otherwise, with the stored code, if any, in was.
func (s *Mongo) UseCode(ctx context.Context, id string, now time.Time) (used, was *chorus.SignInCode, err error) {
	codes := s.db.Collection("signin_codes")
	was, err = findOne[chorus.SignInCode](ctx, codes, bson.D{{Key: "_id", Value: id}})
	if err != nil || was == nil || was.UsedAt != nil || !now.Before(was.ExpiresAt) {
		return nil, was, err
	}
	_, err = s.db.Collection("signin_code_uses").InsertOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "at", Value: now}})
	if mongo.IsDuplicateKeyError(err) {
		was.UsedAt = &now
		return nil, was, nil
	}
	if err != nil {
		return nil, nil, wrap(err)
	}
	_, err = codes.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "usedAt", Value: now}}}})
	if err != nil {
		return nil, nil, wrap(err)
	}
	was.UsedAt = &now
	return was, nil, nil
}

// ExpireCodes ends every unused code of a volunteer, when their phones are
// signed out or a new code replaces the old ones.
func (s *Mongo) ExpireCodes(ctx context.Context, volunteerID string, now time.Time) error {
	_, err := s.db.Collection("signin_codes").UpdateMany(ctx,
		bson.D{{Key: "volunteerId", Value: volunteerID}, {Key: "usedAt", Value: bson.D{{Key: "$exists", Value: false}}},
			{Key: "expiresAt", Value: bson.D{{Key: "$gt", Value: now}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "expiresAt", Value: now}}}})
	return wrap(err)
}

// RevokeDevice ends one device session.
func (s *Mongo) RevokeDevice(ctx context.Context, id string, at time.Time) error {
	_, err := s.db.Collection("devices").UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: at}}}})
	return wrap(err)
}

// InsertDevice stores a volunteer's new device session.
func (s *Mongo) InsertDevice(ctx context.Context, d *chorus.Device) error {
	_, err := s.db.Collection("devices").InsertOne(ctx, d)
	return wrap(err)
}

// Device returns the device session with the id (a token's hash), or nil.
func (s *Mongo) Device(ctx context.Context, id string) (*chorus.Device, error) {
	return findOne[chorus.Device](ctx, s.db.Collection("devices"), bson.D{{Key: "_id", Value: id}})
}

// RetireVolunteer marks a Quality Checker as gone at the time at and
// deletes their display name. ENOTFOUND when there is no such volunteer.
func (s *Mongo) RetireVolunteer(ctx context.Context, id string, at time.Time) error {
	return updateFound(ctx, s.db.Collection("volunteers"), bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "retiredAt", Value: at}, {Key: "name", Value: ""}}}}, "No volunteer has the id "+id+".")
}

// RevokeDevices ends every device session of a volunteer and returns how many.
func (s *Mongo) RevokeDevices(ctx context.Context, volunteerID string, at time.Time) (int64, error) {
	res, err := s.db.Collection("devices").UpdateMany(ctx,
		bson.D{{Key: "volunteerId", Value: volunteerID}, {Key: "revokedAt", Value: bson.D{{Key: "$exists", Value: false}}}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "revokedAt", Value: at}}}})
	if err != nil {
		return 0, wrap(err)
	}
	return res.ModifiedCount, nil
}

func findOne[T any](ctx context.Context, c *mongo.Collection, filter bson.D) (*T, error) {
	var v T
	err := c.FindOne(ctx, filter).Decode(&v)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err)
	}
	return &v, nil
}

// updateFound applies update to the document of c that filter selects;
// ENOTFOUND, saying notFound, when there is none.
func updateFound(ctx context.Context, c *mongo.Collection, filter, update bson.D, notFound string) error {
	res, err := c.UpdateOne(ctx, filter, update)
	if err != nil {
		return wrap(err)
	}
	if res.MatchedCount == 0 {
		return &chorus.Error{Code: chorus.ENOTFOUND, Message: notFound}
	}
	return nil
}

func findAll[T any](ctx context.Context, c *mongo.Collection, filter bson.D) ([]T, error) {
	return findAllOpts[T](ctx, c, filter, options.Find())
}

func findAllOpts[T any](ctx context.Context, c *mongo.Collection, filter bson.D, opts *options.FindOptionsBuilder) ([]T, error) {
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, wrap(err)
	}
	out := []T{}
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

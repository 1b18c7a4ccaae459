package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// SetReview records an officer's review of a response, and clears its
// safeguarding flag once it is anything but new.
func (s *Store) SetReview(ctx context.Context, id string, rv chorus.Review) error {
	res, err := s.responses.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}}, bson.D{{Key: "$set", Value: bson.D{{Key: "review", Value: rv}}}})
	if err != nil {
		return wrap(err)
	}
	if res.MatchedCount == 0 {
		return chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s.", id)
	}
	_, err = s.db.Collection("flags").UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "open", Value: rv.Status == chorus.ReviewNew}}}})
	return wrap(err)
}

// Flag records a visit's safeguarding concern. It may be called again for
// the same response (a resent copy) without reopening a reviewed flag.
func (s *Store) Flag(ctx context.Context, f chorus.Flag) error {
	_, err := s.db.Collection("flags").UpdateOne(ctx, bson.D{{Key: "_id", Value: f.ResponseID}},
		bson.D{{Key: "$setOnInsert", Value: f}}, options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// OpenFlags lists the visits whose safeguarding concern is not reviewed yet.
func (s *Store) OpenFlags(ctx context.Context) ([]chorus.Flag, error) {
	return findAll[chorus.Flag](ctx, s.db.Collection("flags"), bson.D{{Key: "open", Value: true}})
}

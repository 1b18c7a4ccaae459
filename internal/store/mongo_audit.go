package store

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// InsertAudit records an audit entry.
func (s *Mongo) InsertAudit(ctx context.Context, e *chorus.AuditEntry) error {
	_, err := s.db.Collection("audit").InsertOne(ctx, e)
	return wrap(err)
}

// Audit returns audit entries, oldest first, from the given time on (zero
// for all; after it when after is true), leaving out the first skip of them
// and returning at most limit (0 for no limit). Entries of the same moment
// come in a fixed order, so that skip can page through them.
func (s *Mongo) Audit(ctx context.Context, since time.Time, after bool, skip, limit int64) ([]chorus.AuditEntry, error) {
	filter := bson.D{}
	if !since.IsZero() {
		op := "$gte"
		if after {
			op = "$gt"
		}
		filter = bson.D{{Key: "at", Value: bson.D{{Key: op, Value: since}}}}
	}
	opts := options.Find()
	if limit > 0 {
		opts.SetLimit(limit)
	}
	if skip > 0 {
		opts.SetSkip(skip)
	}
	opts.SetSort(bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}})
	cur, err := s.db.Collection("audit").Find(ctx, filter, opts)
	if err != nil {
		return nil, wrap(err)
	}
	out := []chorus.AuditEntry{}
	if err := cur.All(ctx, &out); err != nil {
		return nil, wrap(err)
	}
	return out, nil
}

// AddFormStats adds n responses, the latest received at latest, to a
// form's counters.
func (s *Mongo) AddFormStats(ctx context.Context, formID string, n int64, latest time.Time) error {
	_, err := s.db.Collection("form_stats").UpdateOne(ctx, bson.D{{Key: "_id", Value: formID}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "responses", Value: n}}}, {Key: "$max", Value: bson.D{{Key: "latestAt", Value: latest}}}},
		options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// FormStats returns every form's counters.
func (s *Mongo) FormStats(ctx context.Context) ([]chorus.FormStats, error) {
	return findAll[chorus.FormStats](ctx, s.db.Collection("form_stats"), bson.D{})
}

// SetFormStats replaces a form's counters, after a recount.
func (s *Mongo) SetFormStats(ctx context.Context, st chorus.FormStats) error {
	_, err := s.db.Collection("form_stats").ReplaceOne(ctx, bson.D{{Key: "_id", Value: st.FormID}}, st, options.Replace().SetUpsert(true))
	return wrap(err)
}

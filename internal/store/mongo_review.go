package store

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// SetReview records an officer's review of a response, and closes its
// safeguarding flag once it is reviewed or closed; new or needing
// follow-up, the flag is open.
func (s *Mongo) SetReview(ctx context.Context, id string, rv chorus.Review) error {
	if err := updateFound(ctx, s.responses, bson.D{{Key: "_id", Value: id}, notErased},
		bson.D{{Key: "$set", Value: bson.D{{Key: "review", Value: rv}}}}, "No response has the id "+id+", or it was erased."); err != nil {
		return err
	}
	flags := s.db.Collection("flags")
	if !chorus.FlagOpenWhile(rv.Status) {
		// Upserted: if the visit's flag is written only later (a resend
		// after a failure), it finds this decision and keeps it.
		_, err := flags.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "open", Value: false}}}}, options.UpdateOne().SetUpsert(true))
		return wrap(err)
	}
	// New or needing follow-up: a concern that was reported is open
	// (again); a decision kept for a flag not yet written is dropped, so
	// that the flag opens when it is written.
	if _, err := flags.UpdateOne(ctx, bson.D{{Key: "_id", Value: id}, hasConcern},
		bson.D{{Key: "$set", Value: bson.D{{Key: "open", Value: true}}}}); err != nil {
		return wrap(err)
	}
	_, err := flags.DeleteOne(ctx, append(bson.D{{Key: "_id", Value: id}}, decisionOnly...))
	return wrap(err)
}

// hasConcern selects a flag that a visit reported; decisionOnly, a review's
// decision on a flag not written yet (not an erasure's marker).
var (
	hasConcern   = bson.E{Key: "formId", Value: bson.D{{Key: "$exists", Value: true}}}
	decisionOnly = bson.D{{Key: "formId", Value: bson.D{{Key: "$exists", Value: false}}}, {Key: "erased", Value: bson.D{{Key: "$exists", Value: false}}}}
)

// Flag records a visit's safeguarding concern. It may be called again for
// the same response (a resent copy) without reopening a reviewed flag; a
// review's decision written before it keeps its open or closed.
func (s *Mongo) Flag(ctx context.Context, f chorus.Flag) error {
	flags := s.db.Collection("flags")
	fields := bson.D{{Key: "formId", Value: f.FormID}, {Key: "service", Value: f.Service}, {Key: "visitDate", Value: f.VisitDate},
		{Key: "receivedAt", Value: f.ReceivedAt}, {Key: "receipt", Value: f.Receipt}}
	if f.Phoned != nil {
		fields = append(fields, bson.E{Key: "phoned", Value: *f.Phoned})
	}
	if _, err := flags.UpdateOne(ctx, append(bson.D{{Key: "_id", Value: f.ResponseID}}, decisionOnly...),
		bson.D{{Key: "$set", Value: fields}}); err != nil {
		return wrap(err)
	}
	_, err := flags.UpdateOne(ctx, bson.D{{Key: "_id", Value: f.ResponseID}},
		bson.D{{Key: "$setOnInsert", Value: f}}, options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// OpenFlags lists the visits whose safeguarding concern is not reviewed or
// closed yet (in no order).
func (s *Mongo) OpenFlags(ctx context.Context) ([]chorus.Flag, error) {
	return findAll[chorus.Flag](ctx, s.db.Collection("flags"), bson.D{{Key: "open", Value: true}})
}

// SaveServiceVisit records a visit for its service's page; again for the
// same response changes nothing.
func (s *Mongo) SaveServiceVisit(ctx context.Context, v chorus.ServiceVisit) error {
	_, err := s.db.Collection("service_visits").UpdateOne(ctx, bson.D{{Key: "_id", Value: v.ResponseID}},
		bson.D{{Key: "$setOnInsert", Value: v}}, options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// ServiceVisits lists a service's latest visits, on the (service,
// visitDate, receivedAt) index.
func (s *Mongo) ServiceVisits(ctx context.Context, service string, limit int) ([]chorus.ServiceVisit, bool, error) {
	opts := options.Find().SetSort(bson.D{{Key: "visitDate", Value: -1}, {Key: "receivedAt", Value: -1}, {Key: "_id", Value: -1}})
	if limit > 0 {
		opts.SetLimit(int64(limit) + 1)
	}
	visits, err := findAllOpts[chorus.ServiceVisit](ctx, s.db.Collection("service_visits"), bson.D{{Key: "service", Value: service}}, opts)
	if err != nil || limit <= 0 || len(visits) <= limit {
		return visits, false, err
	}
	return visits[:limit], true, nil
}

// VisitsBy counts the visits each sender (volunteer:…) has sent.
func (s *Mongo) VisitsBy(ctx context.Context) (map[string]int64, error) {
	docs, err := findAll[struct {
		ID string `bson:"_id"`
		N  int64  `bson:"n"`
	}](ctx, s.db.Collection("sender_stats"), bson.D{})
	out := map[string]int64{}
	for _, d := range docs {
		out[d.ID] = d.N
	}
	return out, err
}

// AddSent adds n responses sent by a sender (volunteer:…).
func (s *Mongo) AddSent(ctx context.Context, sender string, n int64) error {
	_, err := s.db.Collection("sender_stats").UpdateOne(ctx, bson.D{{Key: "_id", Value: sender}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: n}}}}, options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

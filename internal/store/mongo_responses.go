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

// receiptAttempts bounds the retries after a receipt collision, which with
// about 600 million receipts is rare even at a million responses.
const receiptAttempts = 5

// InsertResponse stores r once, keyed by its client-made id. A second copy
// with the same content succeeds with the first copy's receipt and Created
// false; a different response reusing the id is ECONFLICT.
func (s *Mongo) InsertResponse(ctx context.Context, r *chorus.Response) (chorus.Result, error) {
	for range receiptAttempts {
		_, err := s.responses.InsertOne(ctx, r)
		if err == nil {
			return chorus.Result{ID: r.ID, Receipt: r.Receipt, Created: true}, nil
		}
		if !mongo.IsDuplicateKeyError(err) {
			return chorus.Result{}, wrap(err)
		}
		existing, err := s.findResponse(ctx, r.ID)
		if err != nil {
			return chorus.Result{}, err
		}
		if existing != nil {
			return replay(r, existing)
		}
		r.Receipt = chorus.NewReceipt() // the receipt, not the id, collided
	}
	return chorus.Result{}, errors.New("could not find a free receipt reference")
}

// InsertResponses stores a batch in one round trip where it can. It returns
// one result or error per response, in order; one item's failure does not
// stop the others. An error for the whole batch means the database could
// not be reached: some items may be stored, and a retry is safe.
func (s *Mongo) InsertResponses(ctx context.Context, rs []*chorus.Response) ([]chorus.Result, []error, error) {
	results := make([]chorus.Result, len(rs))
	errs := make([]error, len(rs))
	if len(rs) == 0 {
		return results, errs, nil
	}
	docs := make([]any, len(rs))
	for i, r := range rs {
		docs[i] = r
	}
	_, err := s.responses.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	failed := map[int]bool{}
	if err != nil {
		var bwe mongo.BulkWriteException
		if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
			return nil, nil, wrap(err)
		}
		var dupes []int
		for _, we := range bwe.WriteErrors {
			failed[we.Index] = true
			if mongo.IsDuplicateKeyError(we) {
				dupes = append(dupes, we.Index)
			} else {
				errs[we.Index] = we
			}
		}
		if err := s.settleDuplicates(ctx, rs, dupes, results, errs); err != nil {
			return nil, nil, err
		}
	}
	for i, r := range rs {
		if !failed[i] {
			results[i] = chorus.Result{ID: r.ID, Receipt: r.Receipt, Created: true}
		}
	}
	return results, errs, nil
}

// settleDuplicates decides, for each batch item refused as a duplicate,
// whether it is a replay, a conflict, or a receipt collision to retry.
func (s *Mongo) settleDuplicates(ctx context.Context, rs []*chorus.Response, dupes []int, results []chorus.Result, errs []error) error {
	if len(dupes) == 0 {
		return nil
	}
	ids := make([]string, len(dupes))
	for i, d := range dupes {
		ids[i] = rs[d].ID
	}
	cur, err := s.responses.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetProjection(bson.D{{Key: "receipt", Value: 1}, {Key: "fingerprint", Value: 1}}))
	if err != nil {
		return wrap(err)
	}
	var found []chorus.Response
	if err := cur.All(ctx, &found); err != nil {
		return wrap(err)
	}
	byID := make(map[string]*chorus.Response, len(found))
	for i := range found {
		byID[found[i].ID] = &found[i]
	}
	for _, d := range dupes {
		if existing := byID[rs[d].ID]; existing != nil {
			results[d], errs[d] = replay(rs[d], existing)
			continue
		}
		rs[d].Receipt = chorus.NewReceipt()
		results[d], errs[d] = s.InsertResponse(ctx, rs[d])
		if chorus.ErrorCode(errs[d]) == chorus.EUNAVAILABLE {
			return errs[d]
		}
	}
	return nil
}

// erasedFingerprint replaces an erased response's fingerprint, which is
// worked out from its answers.
const erasedFingerprint = "erased"

// notErased is the filter term that leaves out erased responses.
var notErased = bson.E{Key: "erasedAt", Value: bson.D{{Key: "$exists", Value: false}}}

// replay answers a second arrival of r's id, given what is stored under it.
// A copy of an erased response is taken as already received, so that the
// phone that sends it lets it go, and is not stored again.
func replay(r, existing *chorus.Response) (chorus.Result, error) {
	if existing.Fingerprint == erasedFingerprint {
		return chorus.Result{ID: existing.ID, Receipt: existing.Receipt, Erased: true}, nil
	}
	if existing.Fingerprint != r.Fingerprint {
		return chorus.Result{}, chorus.Errorf(chorus.ECONFLICT,
			"A different response was already sent with the id %s. Start a new response to send these answers.", r.ID)
	}
	return chorus.Result{ID: existing.ID, Receipt: existing.Receipt}, nil
}

func (s *Mongo) findResponse(ctx context.Context, id string) (*chorus.Response, error) {
	var r chorus.Response
	err := s.responses.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, nil
	}
	if err != nil {
		return nil, wrap(err)
	}
	normalise(r.Answers)
	return &r, nil
}

// Response returns the stored response with the given id.
func (s *Mongo) Response(ctx context.Context, id string) (*chorus.Response, error) {
	r, err := s.findResponse(ctx, id)
	if err == nil && r == nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s.", id)
	}
	if err == nil && r.ErasedAt != nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "The response %s was erased on request on %s.", r.Receipt, r.ErasedAt.UTC().Format("2 January 2006"))
	}
	return r, err
}

// EraseResponse erases a response's answers, who sent it and its review,
// at the time at, and leaves in place of its entries on a service's page and
// among the safeguarding flags a marker without data, which a copy of the
// response resent at that moment cannot overwrite. It returns the response
// as it was, and whether this call erased it (false when it was erased
// already). The markers are written on every call, so that a call that
// failed after erasing can be repeated to finish. Callers serialise calls:
// the embedded store's conditional update is not atomic.
func (s *Mongo) EraseResponse(ctx context.Context, id string, at time.Time) (*chorus.Response, bool, error) {
	r, err := s.findResponse(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if r == nil {
		return nil, false, chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s.", id)
	}
	erasedNow := false
	if r.ErasedAt == nil {
		res, err := s.responses.UpdateOne(ctx,
			bson.D{{Key: "_id", Value: id}, notErased},
			bson.D{
				{Key: "$set", Value: bson.D{{Key: "erasedAt", Value: at}, {Key: "answers", Value: bson.D{}}, {Key: "fingerprint", Value: erasedFingerprint}}},
				{Key: "$unset", Value: bson.D{{Key: "sentBy", Value: ""}, {Key: "review", Value: ""}, {Key: "startedAt", Value: ""}, {Key: "completedAt", Value: ""}, {Key: "language", Value: ""}}},
			})
		if err != nil {
			return nil, false, wrap(err)
		}
		erasedNow = res.ModifiedCount == 1
	}
	marker := bson.D{{Key: "_id", Value: id}, {Key: "erased", Value: true}, {Key: "open", Value: false}}
	for _, c := range []string{"service_visits", "flags"} {
		if _, err := s.db.Collection(c).ReplaceOne(ctx, bson.D{{Key: "_id", Value: id}}, marker, options.Replace().SetUpsert(true)); err != nil {
			return r, erasedNow, wrap(err)
		}
	}
	return r, erasedNow, nil
}

// CountResponses counts the stored responses of a form. On the embedded
// store a count reads every document, so this is for tests and admin
// tools, never for a request path.
func (s *Mongo) CountResponses(ctx context.Context, formID string) (int64, error) {
	n, err := s.responses.CountDocuments(ctx, bson.D{{Key: "formId", Value: formID}})
	return n, wrap(err)
}

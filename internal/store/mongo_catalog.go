package store

import (
	"context"
	"errors"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// FormRecords returns where every form stands.
func (s *Mongo) FormRecords(ctx context.Context) ([]FormRecord, error) {
	return findAll[FormRecord](ctx, s.db.Collection("form_records"), bson.D{})
}

// PutFormRecord stores rec if the stored record is the revision before it:
// an insert for the first revision, else a replace of the one before.
func (s *Mongo) PutFormRecord(ctx context.Context, rec FormRecord) error {
	coll := s.db.Collection("form_records")
	if rec.Revision <= 1 {
		_, err := coll.InsertOne(ctx, rec)
		if mongo.IsDuplicateKeyError(err) {
			return recordConflict(rec.ID)
		}
		return wrap(err)
	}
	res, err := coll.ReplaceOne(ctx, bson.D{{Key: "_id", Value: rec.ID}, {Key: "revision", Value: rec.Revision - 1}}, rec)
	if err != nil {
		return wrap(err)
	}
	if res.MatchedCount == 0 {
		return recordConflict(rec.ID)
	}
	return nil
}

// SaveFormDraft stores a form's draft, replacing the one before.
func (s *Mongo) SaveFormDraft(ctx context.Context, d FormDraft) error {
	_, err := s.db.Collection("form_drafts").ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.FormID}}, d, options.Replace().SetUpsert(true))
	return wrap(err)
}

// FormDraft returns a form's draft; ENOTFOUND when it has none.
func (s *Mongo) FormDraft(ctx context.Context, formID string) (*FormDraft, error) {
	var d FormDraft
	err := s.db.Collection("form_drafts").FindOne(ctx, bson.D{{Key: "_id", Value: formID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, noDraft(formID)
	}
	if err != nil {
		return nil, wrap(err)
	}
	return &d, nil
}

// FormDrafts returns every form's draft.
func (s *Mongo) FormDrafts(ctx context.Context) ([]FormDraft, error) {
	return findAll[FormDraft](ctx, s.db.Collection("form_drafts"), bson.D{})
}

// DeleteFormDraft removes a form's draft, if it has one.
func (s *Mongo) DeleteFormDraft(ctx context.Context, formID string) error {
	_, err := s.db.Collection("form_drafts").DeleteOne(ctx, bson.D{{Key: "_id", Value: formID}})
	return wrap(err)
}

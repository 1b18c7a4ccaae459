package store

import (
	"context"
	"iter"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// ResponseByReceipt returns the response with the reference, or nil.
func (s *Mongo) ResponseByReceipt(ctx context.Context, receipt string) (*chorus.Response, error) {
	r, err := findOne[chorus.Response](ctx, s.responses, bson.D{{Key: "receipt", Value: receipt}})
	if r != nil {
		normalise(r.Answers)
	}
	return r, err
}

// ResponsePage returns a page of the responses q selects, through the
// (formId, receivedAt, _id) index. A text search is a case-blind pattern
// on the text questions' answers, which MongoDB checks document by
// document within the form's other filters.
func (s *Mongo) ResponsePage(ctx context.Context, q PageQuery) ([]*chorus.Response, string, error) {
	after, err := parseCursor(q.After)
	if err != nil {
		return nil, "", err
	}
	limit := pageLimit(q)
	filter := responseQuery(q.Filter)
	if q.Text != "" || q.Receipt != "" {
		var or bson.A
		if q.Receipt != "" {
			or = append(or, bson.D{{Key: "receipt", Value: q.Receipt}})
		}
		if q.Text != "" {
			pattern := bson.Regex{Pattern: regexp.QuoteMeta(q.Text), Options: "i"}
			for _, id := range q.TextQuestions {
				or = append(or, bson.D{{Key: "answers." + id, Value: pattern}})
			}
		}
		if len(or) == 0 {
			return []*chorus.Response{}, "", nil
		}
		filter = append(filter, bson.E{Key: "$or", Value: or})
	}
	out := []*chorus.Response{}
	for {
		page := filter
		if after != (cursor{}) {
			page = bson.D{{Key: "$and", Value: bson.A{filter, bson.D{{Key: "$or", Value: bson.A{
				bson.D{{Key: "receivedAt", Value: bson.D{{Key: "$gt", Value: after.at}}}},
				bson.D{{Key: "receivedAt", Value: after.at}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: after.id}}}},
			}}}}}}
		}
		want := limit + 1 - len(out)
		docs, err := findAllOpts[chorus.Response](ctx, s.responses, page, options.Find().
			SetSort(bson.D{{Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(want)))
		if err != nil {
			return nil, "", err
		}
		for i := range docs {
			r := &docs[i]
			after = cursor{at: r.ReceivedAt, id: r.ID}
			normalise(r.Answers)
			if !textMatches(r, q) {
				continue
			}
			out = append(out, r)
		}
		if len(out) > limit {
			last := out[limit-1]
			return out[:limit], cursor{at: last.ReceivedAt, id: last.ID}.String(), nil
		}
		if len(docs) < want {
			return out, "", nil
		}
	}
}

// Docs streams a collection's documents in _id order.
func (s *Mongo) Docs(ctx context.Context, collection, after string) (iter.Seq2[bson.Raw, error], error) {
	filter := bson.D{}
	if after != "" {
		filter = bson.D{{Key: "_id", Value: bson.D{{Key: "$gt", Value: after}}}}
	}
	cur, err := s.db.Collection(collection).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).SetBatchSize(1000))
	if err != nil {
		return nil, wrap(err)
	}
	return func(yield func(bson.Raw, error) bool) {
		defer cur.Close(context.WithoutCancel(ctx))
		for cur.Next(ctx) {
			if !yield(append(bson.Raw(nil), cur.Current...), nil) {
				return
			}
		}
		if err := cur.Err(); err != nil {
			yield(nil, wrap(err))
		}
	}, nil
}

// PutDocs writes documents, each replacing the one with its _id, in one
// round trip.
func (s *Mongo) PutDocs(ctx context.Context, collection string, docs []bson.Raw) error {
	if len(docs) == 0 {
		return nil
	}
	models := make([]mongo.WriteModel, len(docs))
	for i, d := range docs {
		models[i] = mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: d.Lookup("_id")}}).SetReplacement(d).SetUpsert(true)
	}
	_, err := s.db.Collection(collection).BulkWrite(ctx, models, options.BulkWrite().SetOrdered(false))
	return wrap(err)
}

// CountDocs counts a collection's documents.
func (s *Mongo) CountDocs(ctx context.Context, collection string) (int64, error) {
	n, err := s.db.Collection(collection).CountDocuments(ctx, bson.D{})
	return n, wrap(err)
}

// LastID is the greatest _id in a collection.
func (s *Mongo) LastID(ctx context.Context, collection string) (string, error) {
	var doc struct {
		ID string `bson:"_id"`
	}
	err := s.db.Collection(collection).FindOne(ctx, bson.D{},
		options.FindOne().SetSort(bson.D{{Key: "_id", Value: -1}}).SetProjection(bson.D{{Key: "_id", Value: 1}})).Decode(&doc)
	if err == mongo.ErrNoDocuments {
		return "", nil
	}
	return doc.ID, wrap(err)
}

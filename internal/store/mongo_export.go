package store

import (
	"context"
	"iter"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// EachResponse streams the responses that f selects, in received order,
// from one cursor: memory stays flat however many there are. The query is
// sent before EachResponse returns, so a store that is down is reported
// here rather than part way through.
//
// On MongoDB the order comes from the (formId, receivedAt) index. The
// embedded store would sort in memory, so there the responses come in the
// order they were stored, which is the order they were received.
//
// close releases the cursor; it may be called early, and more than once.
func (s *Mongo) EachResponse(ctx context.Context, f chorus.ResponseFilter) (rows iter.Seq2[*chorus.Response, error], close func(), err error) {
	opts := options.Find().SetBatchSize(1000).
		SetSort(bson.D{{Key: "formId", Value: 1}, {Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}})
	cur, err := s.responses.Find(ctx, responseQuery(f), opts)
	if err != nil {
		return nil, nil, wrap(err)
	}
	var once sync.Once
	close = func() { once.Do(func() { _ = cur.Close(context.WithoutCancel(ctx)) }) }
	return func(yield func(*chorus.Response, error) bool) {
		defer close()
		for cur.Next(ctx) {
			r := new(chorus.Response)
			if err := cur.Decode(r); err != nil {
				yield(nil, wrap(err))
				return
			}
			normalise(r.Answers)
			if !yield(r, nil) {
				return
			}
		}
		if err := cur.Err(); err != nil {
			yield(nil, wrap(err))
		}
	}, close, nil
}

// responseQuery is the store query for a filter.
func responseQuery(f chorus.ResponseFilter) bson.D {
	q := bson.D{{Key: "formId", Value: f.FormID}, notErased}
	if f.DateQuestion != "" {
		var r bson.D
		if f.From != "" {
			r = append(r, bson.E{Key: "$gte", Value: f.From})
		}
		if f.To != "" {
			r = append(r, bson.E{Key: "$lte", Value: f.To})
		}
		if r != nil {
			q = append(q, bson.E{Key: "answers." + f.DateQuestion, Value: r})
		}
	} else {
		from, before := f.ReceivedRange()
		var r bson.D
		if !from.IsZero() {
			r = append(r, bson.E{Key: "$gte", Value: from})
		}
		if !before.IsZero() {
			r = append(r, bson.E{Key: "$lt", Value: before})
		}
		if r != nil {
			q = append(q, bson.E{Key: "receivedAt", Value: r})
		}
	}
	if f.Service != "" && f.ServiceQuestion != "" {
		q = append(q, bson.E{Key: "answers." + f.ServiceQuestion, Value: f.Service})
	}
	switch f.Status {
	case "":
	case chorus.ReviewNew: // never reviewed, or set back to new
		q = append(q, bson.E{Key: "review.status", Value: bson.D{{Key: "$nin", Value: bson.A{chorus.ReviewReviewed, chorus.ReviewFollowUp, chorus.ReviewClosed}}}})
	default:
		q = append(q, bson.E{Key: "review.status", Value: f.Status})
	}
	return q
}

// normalise turns the driver's types for answers into the plain ones the
// domain uses: lists of choices as []string, whole numbers as int64, a
// grid's answers (statement to option) as map[string]string.
func normalise(answers map[string]any) {
	for k, v := range answers {
		switch v := v.(type) {
		case bson.A:
			answers[k] = stringsOf(v)
		case []any:
			answers[k] = stringsOf(v)
		case int32:
			answers[k] = int64(v)
		case bson.D:
			m := make(map[string]string, len(v))
			for _, e := range v {
				if s, ok := e.Value.(string); ok {
					m[e.Key] = s
				}
			}
			answers[k] = m
		case bson.M:
			answers[k] = gridOf(v)
		case map[string]any:
			answers[k] = gridOf(v)
		}
	}
}

func gridOf(v map[string]any) map[string]string {
	m := make(map[string]string, len(v))
	for key, x := range v {
		if s, ok := x.(string); ok {
			m[key] = s
		}
	}
	return m
}

func stringsOf(vs []any) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// CountCheaply counts the responses that f selects when the store can do
// so without reading them all: on MongoDB, through the index. On the
// embedded store a count reads every document, so it reports ok false.
func (s *Mongo) CountCheaply(ctx context.Context, f chorus.ResponseFilter) (n int64, ok bool) {
	n, err := s.responses.CountDocuments(ctx, responseQuery(f))
	return n, err == nil
}

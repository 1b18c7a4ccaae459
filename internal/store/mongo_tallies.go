package store

import (
	"context"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
)

// keyEscaper makes an answer key safe as a field name: MongoDB field names
// may not hold dots or start with $, and may not be empty (no answer);
// the reserved keys (seen, asked) hold a NUL, which a field name may not.
var keyEscaper = strings.NewReplacer("%", "%25", ".", "%2E", "$", "%24")

func escapeKey(k string) string {
	switch k {
	case "":
		return "%none"
	case chorus.TallySeen:
		return "%seen"
	case chorus.TallyAsked:
		return "%asked"
	}
	return keyEscaper.Replace(k)
}

func unescapeKey(k string) string {
	switch k {
	case "%none":
		return ""
	case "%seen":
		return chorus.TallySeen
	case "%asked":
		return chorus.TallyAsked
	}
	return strings.NewReplacer("%2E", ".", "%24", "$", "%25", "%").Replace(k)
}

// tallyDoc is a Tally as stored, keyed form|day|service.
type tallyDoc struct {
	ID      string                      `bson:"_id"`
	FormID  string                      `bson:"formId"`
	Day     string                      `bson:"day"`
	Service string                      `bson:"service"`
	N       int64                       `bson:"n"`
	Counts  map[string]map[string]int64 `bson:"counts"`
}

// AddTally adds t's counts to the stored tally of its form, day and service.
func (s *Mongo) AddTally(ctx context.Context, t chorus.Tally) error {
	inc := bson.D{{Key: "n", Value: t.N}}
	for q, keys := range t.Counts {
		for k, n := range keys {
			inc = append(inc, bson.E{Key: "counts." + q + "." + escapeKey(k), Value: n})
		}
	}
	_, err := s.db.Collection("tallies").UpdateOne(ctx,
		bson.D{{Key: "_id", Value: t.FormID + "|" + t.Day + "|" + t.Service}},
		bson.D{{Key: "$inc", Value: inc}, {Key: "$setOnInsert", Value: bson.D{
			{Key: "formId", Value: t.FormID}, {Key: "day", Value: t.Day}, {Key: "service", Value: t.Service}}}},
		options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// Tallies returns a form's tallies for the days from..to (both included,
// "" for no limit), of one service or all ("").
func (s *Mongo) Tallies(ctx context.Context, formID, from, to, service string) ([]chorus.Tally, error) {
	filter := bson.D{{Key: "formId", Value: formID}}
	var days bson.D
	if from == "" && to != "" {
		from = "0000-01-01" // a tally of no day is in no range
	}
	if from != "" {
		days = append(days, bson.E{Key: "$gte", Value: from})
	}
	if to != "" {
		days = append(days, bson.E{Key: "$lte", Value: to})
	}
	if days != nil {
		filter = append(filter, bson.E{Key: "day", Value: days})
	}
	if service != "" {
		filter = append(filter, bson.E{Key: "service", Value: service})
	}
	return s.findTallies(ctx, filter)
}

// findTallies reads the tallies a filter selects, their answer keys as
// they were before escaping.
func (s *Mongo) findTallies(ctx context.Context, filter bson.D) ([]chorus.Tally, error) {
	docs, err := findAll[tallyDoc](ctx, s.db.Collection("tallies"), filter)
	if err != nil {
		return nil, err
	}
	return tallies(docs), nil
}

// tallies turns stored tallies into the domain's, their answer keys as
// they were before escaping.
func tallies(docs []tallyDoc) []chorus.Tally {
	out := make([]chorus.Tally, len(docs))
	for i, d := range docs {
		t := chorus.Tally{FormID: d.FormID, Day: d.Day, Service: d.Service, N: d.N, Counts: map[string]map[string]int64{}}
		for q, keys := range d.Counts {
			t.Counts[q] = map[string]int64{}
			for k, n := range keys {
				t.Counts[q][unescapeKey(k)] = n
			}
		}
		out[i] = t
	}
	return out
}

// AddDaily adds n responses received by a form on a day.
func (s *Mongo) AddDaily(ctx context.Context, formID, day string, n int64) error {
	_, err := s.db.Collection("daily").UpdateOne(ctx, bson.D{{Key: "_id", Value: formID + "|" + day}},
		bson.D{{Key: "$inc", Value: bson.D{{Key: "n", Value: n}}},
			{Key: "$setOnInsert", Value: bson.D{{Key: "formId", Value: formID}, {Key: "day", Value: day}}}},
		options.UpdateOne().SetUpsert(true))
	return wrap(err)
}

// Daily returns every form's responses per day received, from a day on.
func (s *Mongo) Daily(ctx context.Context, from string) ([]chorus.DayCount, error) {
	return findAll[chorus.DayCount](ctx, s.db.Collection("daily"), bson.D{{Key: "day", Value: bson.D{{Key: "$gte", Value: from}}}})
}

// ClearCounters removes every counter kept at intake (form totals, days,
// tallies, senders), before a recount rebuilds them.
func (s *Mongo) ClearCounters(ctx context.Context) error {
	for _, c := range []string{"form_stats", "tallies", "daily", "sender_stats"} {
		if _, err := s.db.Collection(c).DeleteMany(ctx, bson.D{}); err != nil {
			return wrap(err)
		}
	}
	return nil
}

// AllTallies returns every stored tally, to load them into memory at start.
func (s *Mongo) AllTallies(ctx context.Context) ([]chorus.Tally, error) {
	return s.findTallies(ctx, bson.D{})
}

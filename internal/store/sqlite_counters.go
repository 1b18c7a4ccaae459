package store

import (
	"context"
	"database/sql"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// AddTally adds t's counts to the stored tally of its form, day and
// service, in one transaction.
func (s *SQLite) AddTally(ctx context.Context, t chorus.Tally) error {
	id := t.FormID + "|" + t.Day + "|" + t.Service
	return s.tx(ctx, func(tx *sql.Tx) error {
		doc := tallyDoc{ID: id, FormID: t.FormID, Day: t.Day, Service: t.Service, Counts: map[string]map[string]int64{}}
		raw, err := getDoc(ctx, tx, "tallies", id)
		if err != nil {
			return err
		}
		if raw != nil {
			if err := bson.Unmarshal(raw, &doc); err != nil {
				return err
			}
			if doc.Counts == nil {
				doc.Counts = map[string]map[string]int64{}
			}
		}
		doc.N += t.N
		for q, keys := range t.Counts {
			if doc.Counts[q] == nil {
				doc.Counts[q] = map[string]int64{}
			}
			for k, n := range keys {
				doc.Counts[q][escapeKey(k)] += n
			}
		}
		return putValue(ctx, tx, "tallies", doc, false)
	})
}

// Tallies returns a form's tallies for the days from..to, of one service
// or all ("").
func (s *SQLite) Tallies(ctx context.Context, formID, from, to, service string) ([]chorus.Tally, error) {
	q, args := "SELECT doc FROM tallies WHERE form_id = ?", []any{formID}
	if from == "" && to != "" {
		from = "0000-01-01" // a tally of no day is in no range
	}
	if from != "" {
		q, args = q+" AND day >= ?", append(args, from)
	}
	if to != "" {
		q, args = q+" AND day <= ?", append(args, to)
	}
	if service != "" {
		q, args = q+" AND service = ?", append(args, service)
	}
	docs, err := selectAll[tallyDoc](ctx, s.reader(), q, args...)
	return tallies(docs), err
}

// AllTallies returns every stored tally.
func (s *SQLite) AllTallies(ctx context.Context) ([]chorus.Tally, error) {
	docs, err := selectAll[tallyDoc](ctx, s.reader(), "SELECT doc FROM tallies")
	return tallies(docs), err
}

// AddDaily adds n responses received by a form on a day.
func (s *SQLite) AddDaily(ctx context.Context, formID, day string, n int64) error {
	return s.add(ctx, "daily", formID+"|"+day, "n", n, bson.D{{Key: "formId", Value: formID}, {Key: "day", Value: day}})
}

// Daily returns every form's responses per day received, from a day on.
func (s *SQLite) Daily(ctx context.Context, from string) ([]chorus.DayCount, error) {
	return selectAll[chorus.DayCount](ctx, s.reader(), "SELECT doc FROM daily WHERE day >= ?", from)
}

// AddFormStats adds n responses, the latest received at latest, to a
// form's counters.
func (s *SQLite) AddFormStats(ctx context.Context, formID string, n int64, latest time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		st := chorus.FormStats{FormID: formID}
		raw, err := getDoc(ctx, tx, "form_stats", formID)
		if err != nil {
			return err
		}
		if raw != nil {
			if err := bson.Unmarshal(raw, &st); err != nil {
				return err
			}
		}
		st.Responses += n
		if st.LatestAt == nil || latest.After(*st.LatestAt) {
			l := latest
			st.LatestAt = &l
		}
		return putValue(ctx, tx, "form_stats", st, false)
	})
}

// FormStats returns every form's counters.
func (s *SQLite) FormStats(ctx context.Context) ([]chorus.FormStats, error) {
	return selectAll[chorus.FormStats](ctx, s.reader(), "SELECT doc FROM form_stats")
}

// SetFormStats replaces a form's counters, after a recount.
func (s *SQLite) SetFormStats(ctx context.Context, st chorus.FormStats) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return putValue(ctx, tx, "form_stats", st, false) })
}

// AddSent adds n responses sent by a sender (volunteer:…).
func (s *SQLite) AddSent(ctx context.Context, sender string, n int64) error {
	return s.add(ctx, "sender_stats", sender, "n", n, nil)
}

// VisitsBy counts the visits each sender (volunteer:…) has sent.
func (s *SQLite) VisitsBy(ctx context.Context) (map[string]int64, error) {
	docs, err := selectAll[struct {
		ID string `bson:"_id"`
		N  int64  `bson:"n"`
	}](ctx, s.reader(), "SELECT doc FROM sender_stats")
	out := map[string]int64{}
	for _, d := range docs {
		out[d.ID] = d.N
	}
	return out, err
}

// ClearCounters removes every counter kept at intake, before a recount.
func (s *SQLite) ClearCounters(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, c := range []string{"form_stats", "tallies", "daily", "sender_stats"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+c); err != nil {
				return err
			}
		}
		return nil
	})
}

// add adds n to a whole-number field of a document, made with the fields
// of onInsert when it is new.
func (s *SQLite) add(ctx context.Context, collection, id, field string, n int64, onInsert bson.D) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		found, err := update(ctx, tx, collection, id, func(d bson.D) (bson.D, error) {
			old, _ := get(d, field).(int64)
			if v, ok := get(d, field).(int32); ok {
				old = int64(v)
			}
			return set(d, field, old+n), nil
		})
		if err != nil || found {
			return err
		}
		doc := append(bson.D{{Key: "_id", Value: id}, {Key: field, Value: n}}, onInsert...)
		return putValue(ctx, tx, collection, doc, true)
	})
}

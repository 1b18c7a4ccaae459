package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// InsertResponse stores r once, keyed by its id; see Store.
func (s *SQLite) InsertResponse(ctx context.Context, r *chorus.Response) (chorus.Result, error) {
	results, errs, err := s.InsertResponses(ctx, []*chorus.Response{r})
	if err != nil {
		return chorus.Result{}, err
	}
	return results[0], errs[0]
}

// InsertResponses stores a batch. Batches that arrive together, single
// responses included, are written by one committer in one transaction:
// one write to the disk, synced before any of them is confirmed, for them
// all.
func (s *SQLite) InsertResponses(ctx context.Context, rs []*chorus.Response) ([]chorus.Result, []error, error) {
	j := &insertJob{rs: rs, results: make([]chorus.Result, len(rs)), errs: make([]error, len(rs)), done: make(chan struct{})}
	if len(rs) == 0 {
		return j.results, j.errs, nil
	}
	select {
	case s.inserts <- j:
	case <-ctx.Done():
		return nil, nil, wrapSQL(ctx.Err())
	case <-s.stop:
		return nil, nil, wrapSQL(sql.ErrConnDone)
	}
	<-j.done // the committer always finishes a job it took
	if j.err != nil {
		return nil, nil, j.err
	}
	return j.results, j.errs, nil
}

// insertJob is one caller's batch for the committer.
type insertJob struct {
	rs      []*chorus.Response
	results []chorus.Result
	errs    []error
	err     error // for the whole batch: the database failed
	done    chan struct{}
}

// groupLimit bounds the responses one commit holds.
const groupLimit = 2000

// commit writes the jobs waiting, as many as arrive while the one before
// is written, each in one transaction, until stop closes.
func (s *SQLite) commit(stop <-chan struct{}) {
	for {
		var first *insertJob
		select {
		case first = <-s.inserts:
		case <-stop:
			return
		}
		jobs, n := []*insertJob{first}, len(first.rs)
	more:
		for n < groupLimit {
			select {
			case j := <-s.inserts:
				jobs, n = append(jobs, j), n+len(j.rs)
			default:
				break more
			}
		}
		s.commitJobs(jobs)
	}
}

// commitJobs writes jobs in one transaction. A database failure fails
// them all, and nothing of theirs is stored; one item's conflict is that
// item's alone.
func (s *SQLite) commitJobs(jobs []*insertJob) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		for _, j := range jobs {
			for i, r := range j.rs {
				res, err := insertResponse(ctx, tx, r)
				if err != nil && chorus.ErrorCode(err) == chorus.EINTERNAL {
					return err
				}
				j.results[i], j.errs[i] = res, err
			}
		}
		return nil
	})
	for _, j := range jobs {
		j.err = err
		close(j.done)
	}
}

// insertResponse adds r in tx, or tells a replay from a conflict.
func insertResponse(ctx context.Context, tx *sql.Tx, r *chorus.Response) (chorus.Result, error) {
	for range receiptAttempts {
		err := putValue(ctx, tx, "responses", r, true)
		switch {
		case err == nil:
			return chorus.Result{ID: r.ID, Receipt: r.Receipt, Created: true}, nil
		case isUnique(err, "responses.id"):
			existing, err := responseIn(ctx, tx, r.ID)
			if err != nil {
				return chorus.Result{}, err
			}
			return replay(r, existing)
		case isUnique(err, "responses.receipt"):
			r.Receipt = chorus.NewReceipt()
		default:
			return chorus.Result{}, err
		}
	}
	return chorus.Result{}, errors.New("could not find a free receipt reference")
}

// responseIn reads a response by id; nil when there is none.
func responseIn(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id string) (*chorus.Response, error) {
	raw, err := getDoc(ctx, q, "responses", id)
	if err != nil || raw == nil {
		return nil, err
	}
	return decodeResponse(raw)
}

// Response returns the stored response with the given id.
func (s *SQLite) Response(ctx context.Context, id string) (*chorus.Response, error) {
	r, err := responseIn(ctx, s.reader(), id)
	if err != nil {
		return nil, wrapSQL(err)
	}
	if r == nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s.", id)
	}
	if r.ErasedAt != nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "The response %s was erased on request on %s.", r.Receipt, r.ErasedAt.UTC().Format("2 January 2006"))
	}
	return r, nil
}

// ResponseByReceipt returns the response with the reference, or nil.
func (s *SQLite) ResponseByReceipt(ctx context.Context, receipt string) (*chorus.Response, error) {
	var b []byte
	err := s.reader().QueryRowContext(ctx, "SELECT doc FROM responses WHERE receipt = ?", receipt).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, wrapSQL(err)
	}
	return decodeResponse(b)
}

// EraseResponse erases a response's personal data; see Store. The read,
// the erasure and the markers are one transaction.
func (s *SQLite) EraseResponse(ctx context.Context, id string, at time.Time) (*chorus.Response, bool, error) {
	var (
		was       *chorus.Response
		erasedNow bool
	)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if was, err = responseIn(ctx, tx, id); err != nil {
			return err
		}
		if was == nil {
			return chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s.", id)
		}
		if was.ErasedAt == nil {
			erasedNow = true
			if _, err := update(ctx, tx, "responses", id, func(d bson.D) (bson.D, error) {
				d = set(set(set(d, "erasedAt", at), "answers", bson.D{}), "fingerprint", erasedFingerprint)
				for _, k := range []string{"sentBy", "review", "startedAt", "completedAt", "language"} {
					d = unset(d, k)
				}
				return d, nil
			}); err != nil {
				return err
			}
		}
		marker := bson.D{{Key: "_id", Value: id}, {Key: "erased", Value: true}, {Key: "open", Value: false}}
		for _, c := range []string{"service_visits", "flags"} {
			if err := putValue(ctx, tx, c, marker, false); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return was, erasedNow, nil
}

// CountResponses counts a form's stored responses, through the index.
func (s *SQLite) CountResponses(ctx context.Context, formID string) (int64, error) {
	var n int64
	err := s.reader().QueryRowContext(ctx, "SELECT count(*) FROM responses WHERE form_id = ?", formID).Scan(&n)
	return n, wrapSQL(err)
}

// SetReview records an officer's review of a response, and opens or
// closes its safeguarding flag (open while new or needing follow-up), in
// one transaction.
func (s *SQLite) SetReview(ctx context.Context, id string, rv chorus.Review) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		r, err := responseIn(ctx, tx, id)
		if err != nil {
			return err
		}
		if r == nil || r.ErasedAt != nil {
			return chorus.Errorf(chorus.ENOTFOUND, "No response has the id %s, or it was erased.", id)
		}
		if _, err := update(ctx, tx, "responses", id, func(d bson.D) (bson.D, error) { return set(d, "review", rv), nil }); err != nil {
			return err
		}
		if chorus.FlagOpenWhile(rv.Status) {
			// New or needing follow-up: a concern that was reported is
			// open (again); a decision kept for a flag not yet written is
			// dropped, so that the flag opens when it is written.
			raw, err := getDoc(ctx, tx, "flags", id)
			switch {
			case err != nil || raw == nil:
				return err
			case str(raw, "formId") != "":
				_, err = update(ctx, tx, "flags", id, func(d bson.D) (bson.D, error) { return set(d, "open", true), nil })
				return err
			case !isMarker(raw):
				_, err = tx.ExecContext(ctx, "DELETE FROM flags WHERE id = ?", id)
				return err
			}
			return nil
		}
		found, err := update(ctx, tx, "flags", id, func(d bson.D) (bson.D, error) { return set(d, "open", false), nil })
		if err != nil || found {
			return err
		}
		// Kept: if the visit's flag is written only later (a resend after a
		// failure), it finds this decision.
		return putValue(ctx, tx, "flags", bson.D{{Key: "_id", Value: id}, {Key: "open", Value: false}}, true)
	})
}

// isMarker tells an erasure's marker from other documents.
func isMarker(d bson.Raw) bool {
	_, err := d.LookupErr("erased")
	return err == nil
}

// Flag records a visit's safeguarding concern, unless one is recorded; a
// review's decision written before it keeps its open or closed.
func (s *SQLite) Flag(ctx context.Context, f chorus.Flag) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		raw, err := getDoc(ctx, tx, "flags", f.ResponseID)
		switch {
		case err != nil:
			return err
		case raw == nil:
			return putValue(ctx, tx, "flags", f, true)
		case str(raw, "formId") != "" || isMarker(raw):
			return nil
		}
		f.Open, _ = raw.Lookup("open").BooleanOK()
		return putValue(ctx, tx, "flags", f, false)
	})
}

// SaveServiceVisit records a visit for its service's page, unless it is.
func (s *SQLite) SaveServiceVisit(ctx context.Context, v chorus.ServiceVisit) error {
	return s.insertOnce(ctx, "service_visits", v.ResponseID, v)
}

// insertOnce adds v under id unless the collection has a document there.
func (s *SQLite) insertOnce(ctx context.Context, collection, id string, v any) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		raw, err := getDoc(ctx, tx, collection, id)
		if err != nil || raw != nil {
			return err
		}
		return putValue(ctx, tx, collection, v, true)
	})
}

// OpenFlags lists the visits whose safeguarding concern is not reviewed or
// closed yet (in no order).
func (s *SQLite) OpenFlags(ctx context.Context) ([]chorus.Flag, error) {
	return selectAll[chorus.Flag](ctx, s.reader(), "SELECT doc FROM flags WHERE open = 1")
}

// ServiceVisits lists a service's latest visits, on the (service, visit
// date, time received) index.
func (s *SQLite) ServiceVisits(ctx context.Context, service string, limit int) ([]chorus.ServiceVisit, bool, error) {
	n := -1
	if limit > 0 {
		n = limit + 1
	}
	visits, err := selectAll[chorus.ServiceVisit](ctx, s.reader(),
		"SELECT doc FROM service_visits WHERE service = ? ORDER BY visit_date DESC, received_at DESC, id DESC LIMIT ?", service, n)
	if err != nil || limit <= 0 || len(visits) <= limit {
		return visits, false, err
	}
	return visits[:limit], true, nil
}

// selectAll decodes every document a query returns.
func selectAll[T any](ctx context.Context, db *sql.DB, q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, wrapSQL(err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			return nil, wrapSQL(err)
		}
		var v T
		if err := bson.Unmarshal(b, &v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, wrapSQL(rows.Err())
}

// selectOne decodes the document a query returns; nil when none.
func selectOne[T any](ctx context.Context, db *sql.DB, q string, args ...any) (*T, error) {
	var b []byte
	err := db.QueryRowContext(ctx, q, args...).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, wrapSQL(err)
	}
	v := new(T)
	return v, bson.Unmarshal(b, v)
}

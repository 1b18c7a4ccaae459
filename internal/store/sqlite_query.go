package store

import (
	"context"
	"database/sql"
	"iter"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"chorus/internal/chorus"
)

// where is the SQL condition and its arguments for a filter, on the
// indexed columns, and on the copied answers for a filter on an answer.
func (s *SQLite) where(ctx context.Context, f chorus.ResponseFilter) (string, []any) {
	conds := []string{"form_id = ?", "erased = 0"}
	args := []any{f.FormID}
	if f.DateQuestion != "" {
		key := s.keyColumn(ctx, f.DateQuestion)
		if f.From != "" {
			conds, args = append(conds, key+" >= ?"), append(args, f.From)
		}
		if f.To != "" {
			conds, args = append(conds, key+" <= ?"), append(args, f.To)
		}
	} else {
		from, before := f.ReceivedRange()
		if !from.IsZero() {
			conds, args = append(conds, "received_at >= ?"), append(args, from.UnixMilli())
		}
		if !before.IsZero() {
			conds, args = append(conds, "received_at < ?"), append(args, before.UnixMilli())
		}
	}
	if f.Service != "" && f.ServiceQuestion != "" {
		conds, args = append(conds, s.keyColumn(ctx, f.ServiceQuestion)+" = ?"), append(args, f.Service)
	}
	if f.Status != "" {
		conds, args = append(conds, "status = ?"), append(args, f.Status)
	}
	return strings.Join(conds, " AND "), args
}

// questionID is the shape of a question id that may name an index.
var questionID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// keyColumn is the expression that reads a short answer for a filter,
// with an index on (form, answer, time received) made the first time a
// question is filtered on.
func (s *SQLite) keyColumn(ctx context.Context, question string) string {
	if !questionID.MatchString(question) {
		return "json_extract(keys, '$.\"" + strings.NewReplacer(`'`, `''`, `"`, ``, `\`, ``).Replace(question) + "\"')"
	}
	expr := "json_extract(keys, '$.\"" + question + "\"')"
	once, _ := s.keyIndexes.LoadOrStore(question, new(sync.Once))
	once.(*sync.Once).Do(func() {
		name := "responses_key_" + strings.ReplaceAll(question, "-", "_")
		if _, err := s.writer().ExecContext(ctx, "CREATE INDEX IF NOT EXISTS "+name+" ON responses(form_id, "+expr+", received_at, id)"); err != nil {
			s.keyIndexes.Delete(question) // tried again next time
		}
	})
	return expr
}

// EachResponse streams the responses that f selects, in received order,
// from one statement on the (form, time received, id) index.
func (s *SQLite) EachResponse(ctx context.Context, f chorus.ResponseFilter) (iter.Seq2[*chorus.Response, error], func(), error) {
	cond, args := s.where(ctx, f)
	rows, err := s.reader().QueryContext(ctx, "SELECT doc FROM responses WHERE "+cond+" ORDER BY received_at, id", args...)
	if err != nil {
		return nil, nil, wrapSQL(err)
	}
	var once sync.Once
	closeRows := func() { once.Do(func() { rows.Close() }) }
	return func(yield func(*chorus.Response, error) bool) {
		defer closeRows()
		var b sql.RawBytes
		for rows.Next() {
			if err := rows.Scan(&b); err != nil {
				yield(nil, wrapSQL(err))
				return
			}
			r, err := decodeResponse(b)
			if err != nil {
				yield(nil, err)
				return
			}
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, wrapSQL(err))
		}
	}, closeRows, nil
}

// CountCheaply counts what f selects on the index.
func (s *SQLite) CountCheaply(ctx context.Context, f chorus.ResponseFilter) (int64, bool) {
	cond, args := s.where(ctx, f)
	var n int64
	if err := s.reader().QueryRowContext(ctx, "SELECT count(*) FROM responses WHERE "+cond, args...).Scan(&n); err != nil {
		return 0, false
	}
	return n, true
}

// ResponsePage returns a page of the responses q selects. A search of
// three letters or more is looked up in the trigram index of the answers'
// text; a shorter one is checked on each response of the filtered list.
func (s *SQLite) ResponsePage(ctx context.Context, q PageQuery) ([]*chorus.Response, string, error) {
	after, err := parseCursor(q.After)
	if err != nil {
		return nil, "", err
	}
	limit := pageLimit(q)
	cond, args := s.where(ctx, q.Filter)
	switch {
	case q.Text != "" && utf8.RuneCountInString(q.Text) >= 3:
		phrase := `"` + strings.ReplaceAll(q.Text, `"`, `""`) + `"`
		match := "rowid IN (SELECT rowid FROM responses_text WHERE responses_text MATCH ?)"
		args = append(args, phrase)
		if q.Receipt != "" {
			match = "(" + match + " OR receipt = ?)"
			args = append(args, q.Receipt)
		}
		if s.fewMatches(ctx, phrase) {
			// The unary + keeps SQLite from walking the form's index in
			// time order, testing each response: the few matches are
			// looked up first, then sorted.
			cond = "+" + cond
		}
		// Many matches: walking in time order finds a page of them soon.
		cond += " AND " + match
	case q.Text == "" && q.Receipt != "":
		cond, args = cond+" AND receipt = ?", append(args, q.Receipt)
	}
	out := []*chorus.Response{}
	for {
		c, a := cond, args
		if after != (cursor{}) {
			c, a = c+" AND (received_at, id) > (?, ?)", append(append([]any{}, args...), after.at.UnixMilli(), after.id)
		}
		want := limit + 1 - len(out)
		got, last, err := s.page(ctx, c, a, want, q)
		if err != nil {
			return nil, "", err
		}
		out = append(out, got...)
		if len(out) > limit {
			end := out[limit-1]
			return out[:limit], cursor{at: end.ReceivedAt, id: end.ID}.String(), nil
		}
		if last == (cursor{}) {
			return out, "", nil
		}
		after = last
	}
}

// page reads up to want rows, keeping those the search matches. last is
// where it stopped when it read want rows, zero when it read them all.
func (s *SQLite) page(ctx context.Context, cond string, args []any, want int, q PageQuery) ([]*chorus.Response, cursor, error) {
	rows, err := s.reader().QueryContext(ctx, "SELECT doc FROM responses WHERE "+cond+" ORDER BY received_at, id LIMIT ?", append(args, want)...)
	if err != nil {
		return nil, cursor{}, wrapSQL(err)
	}
	defer rows.Close()
	var out []*chorus.Response
	n := 0
	var last cursor
	for rows.Next() {
		var b sql.RawBytes
		if err := rows.Scan(&b); err != nil {
			return nil, cursor{}, wrapSQL(err)
		}
		r, err := decodeResponse(b)
		if err != nil {
			return nil, cursor{}, err
		}
		n++
		last = cursor{at: r.ReceivedAt, id: r.ID}
		if textMatches(r, q) {
			out = append(out, r)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, cursor{}, wrapSQL(err)
	}
	if n < want {
		last = cursor{}
	}
	return out, last, nil
}

// manyMatches is where a search stops looking its matches up one by one
// and walks the form's responses in time order instead.
const manyMatches = 1000

// fewMatches tells whether a text search matches fewer than manyMatches
// responses, counting no further than that.
func (s *SQLite) fewMatches(ctx context.Context, phrase string) bool {
	var n int
	err := s.reader().QueryRowContext(ctx,
		"SELECT count(*) FROM (SELECT rowid FROM responses_text WHERE responses_text MATCH ? LIMIT ?)", phrase, manyMatches).Scan(&n)
	return err == nil && n < manyMatches
}

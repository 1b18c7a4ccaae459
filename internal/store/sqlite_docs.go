package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// table is how a collection is kept: the BSON document under its _id, and
// the fields that are searched copied into columns, each with its index.
type table struct {
	cols    []string // the copied columns, in the order extract gives them
	ddl     string   // their definitions
	indexes []string // CREATE INDEX statements
	extract func(doc bson.Raw) []any
}

// schemaVersion is the layout of the tables below; a file of a later
// version is refused.
const schemaVersion = 1

var tables = map[string]table{
	"responses": {
		cols: []string{"receipt", "form_id", "received_at", "status", "erased", "keys"},
		ddl:  "receipt TEXT NOT NULL UNIQUE, form_id TEXT NOT NULL, received_at INTEGER NOT NULL, status TEXT NOT NULL, erased INTEGER NOT NULL, keys TEXT NOT NULL",
		indexes: []string{
			"CREATE INDEX IF NOT EXISTS responses_form_received ON responses(form_id, received_at, id)",
			"CREATE INDEX IF NOT EXISTS responses_form_status ON responses(form_id, status, received_at, id)",
		},
		extract: func(d bson.Raw) []any {
			status := chorus.ReviewNew
			switch st := str(d, "review", "status"); st {
			case chorus.ReviewReviewed, chorus.ReviewFollowUp, chorus.ReviewClosed:
				status = st
			}
			erased := 0
			if _, err := d.LookupErr("erasedAt"); err == nil {
				erased = 1
			}
			return []any{str(d, "receipt"), str(d, "formId"), millis(d, "receivedAt"), status, erased, answerKeys(d)}
		},
	},
	"users":    {cols: []string{"email"}, ddl: "email TEXT NOT NULL UNIQUE", extract: func(d bson.Raw) []any { return []any{str(d, "email")} }},
	"sessions": {cols: []string{"user_id"}, ddl: "user_id TEXT NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS sessions_user ON sessions(user_id)"}, extract: func(d bson.Raw) []any { return []any{str(d, "userId")} }},
	"devices":  {cols: []string{"volunteer_id"}, ddl: "volunteer_id TEXT NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS devices_volunteer ON devices(volunteer_id)"}, extract: func(d bson.Raw) []any { return []any{str(d, "volunteerId")} }},
	"signin_codes": {cols: []string{"volunteer_id"}, ddl: "volunteer_id TEXT NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS signin_codes_volunteer ON signin_codes(volunteer_id)"},
		extract: func(d bson.Raw) []any { return []any{str(d, "volunteerId")} }},
	"audit": {cols: []string{"at"}, ddl: "at INTEGER NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS audit_at ON audit(at, id)"}, extract: func(d bson.Raw) []any { return []any{millis(d, "at")} }},
	"tallies": {cols: []string{"form_id", "day", "service"}, ddl: "form_id TEXT NOT NULL, day TEXT NOT NULL, service TEXT NOT NULL",
		indexes: []string{"CREATE INDEX IF NOT EXISTS tallies_form_day ON tallies(form_id, day)"},
		extract: func(d bson.Raw) []any { return []any{str(d, "formId"), str(d, "day"), str(d, "service")} }},
	"daily": {cols: []string{"day"}, ddl: "day TEXT NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS daily_day ON daily(day)"}, extract: func(d bson.Raw) []any { return []any{str(d, "day")} }},
	"service_visits": {cols: []string{"service", "visit_date", "received_at"}, ddl: "service TEXT NOT NULL, visit_date TEXT NOT NULL, received_at INTEGER NOT NULL",
		indexes: []string{"CREATE INDEX IF NOT EXISTS service_visits_latest ON service_visits(service, visit_date, received_at, id)"},
		extract: func(d bson.Raw) []any { return []any{str(d, "service"), str(d, "visitDate"), millis(d, "receivedAt")} }},
	"flags": {cols: []string{"open"}, ddl: "open INTEGER NOT NULL", indexes: []string{"CREATE INDEX IF NOT EXISTS flags_open ON flags(open)"},
		extract: func(d bson.Raw) []any {
			open := 0
			if v, err := d.LookupErr("open"); err == nil && v.Type == bson.TypeBoolean && v.Boolean() {
				open = 1
			}
			return []any{open}
		}},
	"form_versions": {}, "form_records": {}, "form_drafts": {}, "services": {}, "volunteers": {}, "signin_code_uses": {},
	"form_stats": {}, "sender_stats": {},
}

// migrate creates the tables and indexes that are missing.
func (s *SQLite) migrate(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var v int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
			return err
		}
		if v > schemaVersion {
			return fmt.Errorf("the database file was written by a later Chorus (layout %d, this one knows %d): run that version, or restore a backup", v, schemaVersion)
		}
		stmts := []string{
			"CREATE TABLE IF NOT EXISTS responses (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc BLOB NOT NULL, " + tables["responses"].ddl + ")",
			// The text of the answers, for search: a trigram index finds any
			// part of a word. Contentless, so erasing a response deletes its
			// text here too.
			"CREATE VIRTUAL TABLE IF NOT EXISTS responses_text USING fts5(body, content='', contentless_delete=1, tokenize='trigram')",
		}
		for _, name := range Collections {
			if name == "responses" {
				continue
			}
			cols := ""
			if t := tables[name]; t.ddl != "" {
				cols = ", " + t.ddl
			}
			stmts = append(stmts, "CREATE TABLE IF NOT EXISTS "+name+" (id TEXT PRIMARY KEY, doc BLOB NOT NULL"+cols+")")
		}
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		if err := addColumns(ctx, tx); err != nil {
			return err
		}
		stmts = nil
		for _, name := range Collections {
			stmts = append(stmts, tables[name].indexes...)
		}
		stmts = append(stmts, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
		for _, q := range stmts {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	})
}

// addColumns adds to a table made by an earlier layout the copied columns
// it lacks, and fills them from each document.
func addColumns(ctx context.Context, tx *sql.Tx) error {
	for _, name := range Collections {
		t := tables[name]
		if len(t.cols) == 0 {
			continue
		}
		rows, err := tx.QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", name)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				rows.Close()
				return err
			}
			have[c] = true
		}
		rows.Close()
		added := false
		for _, def := range strings.Split(t.ddl, ", ") {
			col, kind, _ := strings.Cut(def, " ")
			if have[col] {
				continue
			}
			zero := "''"
			if strings.HasPrefix(kind, "INTEGER") {
				zero = "0"
			}
			kind = strings.ReplaceAll(kind, " UNIQUE", "")
			if _, err := tx.ExecContext(ctx, "ALTER TABLE "+name+" ADD COLUMN "+col+" "+kind+" DEFAULT "+zero); err != nil {
				return err
			}
			added = true
		}
		if added {
			if err := refill(ctx, tx, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// refill writes every document of a collection again, so that its copied
// columns hold what the document says.
func refill(ctx context.Context, tx *sql.Tx, collection string) error {
	rows, err := tx.QueryContext(ctx, "SELECT doc FROM "+collection)
	if err != nil {
		return err
	}
	var docs []bson.Raw
	for rows.Next() {
		var b []byte
		if err := rows.Scan(&b); err != nil {
			rows.Close()
			return err
		}
		docs = append(docs, b)
	}
	rows.Close()
	for _, d := range docs {
		if err := put(ctx, tx, collection, d, false); err != nil {
			return err
		}
	}
	return nil
}

// known checks that a collection is one Chorus keeps, before its name
// goes into a statement.
func known(collection string) error {
	if _, ok := tables[collection]; !ok {
		return chorus.Errorf(chorus.EINVALID, "There is no collection %q.", collection)
	}
	return nil
}

// put writes a document, replacing the one with its _id. With insert set
// it only adds: a document whose _id (or other unique field) is taken is
// refused with the constraint's error.
func put(ctx context.Context, tx *sql.Tx, collection string, doc bson.Raw, insert bool) error {
	t := tables[collection]
	id, ok := doc.Lookup("_id").StringValueOK()
	if !ok {
		return fmt.Errorf("a %s document has no string _id", collection)
	}
	cols := append([]string{"id", "doc"}, t.cols...)
	args := []any{id, []byte(doc)}
	if t.extract != nil {
		args = append(args, t.extract(doc)...)
	}
	q := "INSERT INTO " + collection + "(" + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)-1) + ")"
	if !insert {
		sets := make([]string, 0, len(cols)-1)
		for _, c := range cols[1:] {
			sets = append(sets, c+" = excluded."+c)
		}
		q += " ON CONFLICT(id) DO UPDATE SET " + strings.Join(sets, ", ")
	}
	if collection != "responses" {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	var rowid int64
	if err := tx.QueryRowContext(ctx, q+" RETURNING rowid", args...).Scan(&rowid); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM responses_text WHERE rowid = ?", rowid); err != nil {
		return err
	}
	if body := answerText(doc); body != "" {
		_, err := tx.ExecContext(ctx, "INSERT INTO responses_text(rowid, body) VALUES (?, ?)", rowid, body)
		return err
	}
	return nil
}

// putValue marshals v and writes it with put.
func putValue(ctx context.Context, tx *sql.Tx, collection string, v any, insert bool) error {
	doc, err := bson.Marshal(v)
	if err != nil {
		return err
	}
	return put(ctx, tx, collection, doc, insert)
}

// getDoc reads one document by _id inside a transaction; nil when none.
func getDoc(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, collection, id string) (bson.Raw, error) {
	var b []byte
	err := q.QueryRowContext(ctx, "SELECT doc FROM "+collection+" WHERE id = ?", id).Scan(&b)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	return b, err
}

// update changes one document by _id in a transaction: change gets its
// fields and returns them changed. It reports whether there was one.
func update(ctx context.Context, tx *sql.Tx, collection, id string, change func(d bson.D) (bson.D, error)) (bool, error) {
	raw, err := getDoc(ctx, tx, collection, id)
	if err != nil || raw == nil {
		return false, err
	}
	var d bson.D
	if err := bson.Unmarshal(raw, &d); err != nil {
		return false, err
	}
	if d, err = change(d); err != nil {
		return false, err
	}
	doc, err := bson.Marshal(d)
	if err != nil {
		return false, err
	}
	return true, put(ctx, tx, collection, doc, false)
}

// changeFound is update for a document that must be there: ENOTFOUND,
// saying notFound, when there is none (as updateFound is on MongoDB).
func changeFound(ctx context.Context, tx *sql.Tx, collection, id, notFound string, change func(d bson.D) bson.D) error {
	found, err := update(ctx, tx, collection, id, func(d bson.D) (bson.D, error) { return change(d), nil })
	if err == nil && !found {
		return &chorus.Error{Code: chorus.ENOTFOUND, Message: notFound}
	}
	return err
}

// set returns d with its top-level field key set to v.
func set(d bson.D, key string, v any) bson.D {
	for i := range d {
		if d[i].Key == key {
			d[i].Value = v
			return d
		}
	}
	return append(d, bson.E{Key: key, Value: v})
}

// unset returns d without its top-level field key.
func unset(d bson.D, key string) bson.D {
	out := d[:0]
	for _, e := range d {
		if e.Key != key {
			out = append(out, e)
		}
	}
	return out
}

// get returns d's top-level field key, or nil.
func get(d bson.D, key string) any {
	for _, e := range d {
		if e.Key == key {
			return e.Value
		}
	}
	return nil
}

// str is the string at a path in a document, or "".
func str(d bson.Raw, path ...string) string {
	v, err := d.LookupErr(path...)
	if err != nil {
		return ""
	}
	s, _ := v.StringValueOK()
	return s
}

// millis is the date at a key as milliseconds since 1970, or 0.
func millis(d bson.Raw, key string) int64 {
	v, err := d.LookupErr(key)
	if err != nil {
		return 0
	}
	ms, _ := v.DateTimeOK()
	return ms
}

// keyLength bounds the answers copied for filtering: choices, dates and
// service ids, not free text.
const keyLength = 100

// answerKeys is a JSON object of a response's short text answers, which
// filters on an answer (a visit's date, its service) look into.
func answerKeys(d bson.Raw) string {
	keys := map[string]string{}
	if answers, ok := d.Lookup("answers").DocumentOK(); ok {
		elems, _ := answers.Elements()
		for _, e := range elems {
			if s, ok := e.Value().StringValueOK(); ok && len(s) <= keyLength {
				keys[e.Key()] = s
			}
		}
	}
	b, _ := json.Marshal(keys)
	return string(b)
}

// answerText is every text answer of a response, one a line, for search.
func answerText(d bson.Raw) string {
	var b strings.Builder
	answers, ok := d.Lookup("answers").DocumentOK()
	if !ok {
		return ""
	}
	elems, _ := answers.Elements()
	for _, e := range elems {
		if s, ok := e.Value().StringValueOK(); ok && s != "" {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

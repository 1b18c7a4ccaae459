package store

import (
	"context"
	"database/sql"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// FormRecords returns where every form stands.
func (s *SQLite) FormRecords(ctx context.Context) ([]FormRecord, error) {
	return selectAll[FormRecord](ctx, s.reader(), "SELECT doc FROM form_records")
}

// PutFormRecord stores rec if the stored record is the revision before it.
func (s *SQLite) PutFormRecord(ctx context.Context, rec FormRecord) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		raw, err := getDoc(ctx, tx, "form_records", rec.ID)
		if err != nil {
			return err
		}
		var stored int64
		if raw != nil {
			var old FormRecord
			if err := bson.Unmarshal(raw, &old); err != nil {
				return err
			}
			stored = old.Revision
		}
		if stored != rec.Revision-1 {
			return recordConflict(rec.ID)
		}
		return putValue(ctx, tx, "form_records", rec, raw == nil)
	})
}

// recordConflict is the ECONFLICT of a form changed by someone else since
// it was read.
func recordConflict(formID string) error {
	return chorus.Errorf(chorus.ECONFLICT, "The form %q was changed by someone else a moment ago. Look at it again, then make your change.", formID)
}

// SaveFormDraft stores a form's draft, replacing the one before.
func (s *SQLite) SaveFormDraft(ctx context.Context, d FormDraft) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return putValue(ctx, tx, "form_drafts", d, false) })
}

// FormDraft returns a form's draft; ENOTFOUND when it has none.
func (s *SQLite) FormDraft(ctx context.Context, formID string) (*FormDraft, error) {
	d, err := selectOne[FormDraft](ctx, s.reader(), "SELECT doc FROM form_drafts WHERE id = ?", formID)
	if err == nil && d == nil {
		return nil, noDraft(formID)
	}
	return d, err
}

func noDraft(formID string) error {
	return chorus.Errorf(chorus.ENOTFOUND, "The form %q has no draft: upload one first.", formID)
}

// FormDrafts returns every form's draft.
func (s *SQLite) FormDrafts(ctx context.Context) ([]FormDraft, error) {
	return selectAll[FormDraft](ctx, s.reader(), "SELECT doc FROM form_drafts")
}

// DeleteFormDraft removes a form's draft, if it has one.
func (s *SQLite) DeleteFormDraft(ctx context.Context, formID string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM form_drafts WHERE id = ?", formID)
		return err
	})
}

package store

import (
	"context"
	"database/sql"
	"fmt"
	"iter"
	"os"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// Docs streams a collection's documents in _id order, from after the id
// after ("" for the start).
func (s *SQLite) Docs(ctx context.Context, collection, after string) (iter.Seq2[bson.Raw, error], error) {
	if err := known(collection); err != nil {
		return nil, err
	}
	rows, err := s.reader().QueryContext(ctx, "SELECT doc FROM "+collection+" WHERE id > ? ORDER BY id", after)
	if err != nil {
		return nil, wrapSQL(err)
	}
	return func(yield func(bson.Raw, error) bool) {
		defer rows.Close()
		for rows.Next() {
			var b []byte
			if err := rows.Scan(&b); err != nil {
				yield(nil, wrapSQL(err))
				return
			}
			if !yield(b, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, wrapSQL(err))
		}
	}, nil
}

// PutDocs writes documents in one transaction, each replacing the one with
// its _id.
func (s *SQLite) PutDocs(ctx context.Context, collection string, docs []bson.Raw) error {
	if err := known(collection); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, d := range docs {
			if err := put(ctx, tx, collection, d, false); err != nil {
				return err
			}
		}
		return nil
	})
}

// CountDocs counts a collection's documents.
func (s *SQLite) CountDocs(ctx context.Context, collection string) (int64, error) {
	if err := known(collection); err != nil {
		return 0, err
	}
	var n int64
	err := s.reader().QueryRowContext(ctx, "SELECT count(*) FROM "+collection).Scan(&n)
	return n, wrapSQL(err)
}

// LastID is the greatest _id in a collection ("" when it is empty).
func (s *SQLite) LastID(ctx context.Context, collection string) (string, error) {
	if err := known(collection); err != nil {
		return "", err
	}
	var id sql.NullString
	err := s.reader().QueryRowContext(ctx, "SELECT max(id) FROM "+collection).Scan(&id)
	return id.String, wrapSQL(err)
}

// Backup writes a consistent copy of the database to a new file at path
// while the store goes on serving: what was committed when it began.
func (s *SQLite) Backup(ctx context.Context, path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists: choose a new file name", path)
	}
	conn, err := s.reader().Conn(ctx)
	if err != nil {
		return wrapSQL(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("backing up to %s: %w", path, wrapSQL(err))
	}
	return nil
}

// upgradeOld copies the data an earlier Chorus kept in its FerretDB
// database in the data directory, if there is any, into this store.
func (s *SQLite) upgradeOld(ctx context.Context, dir string) error {
	done, err := upgradeFromFerretDB(ctx, dir, s, s.logger)
	if err != nil {
		return fmt.Errorf("upgrading the data of the earlier embedded database in %s (nothing was deleted; the server can be started again to retry): %w", dir, err)
	}
	if done {
		s.logger.Info("the earlier embedded database was copied into the new one", "file", s.path)
	}
	return nil
}

package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// The data directory of a Chorus before the SQLite store held the embedded
// database in FerretDB v1.24: with CHORUS_DATA_DIR=D, one SQLite file per
// database, D/db/chorus.sqlite (and its -wal and -shm), and the socket it
// served on, D/db.sock. The table _ferretdb_collections maps each
// collection to its table, which holds one SJSON document (see
// sjsonToBSON) per row, in the column _ferretdb_sjson.
const (
	ferretDir      = "db"
	ferretSocket   = "db.sock"
	ferretDatabase = "chorus"
	// ferretAside starts the name the old directory is given once upgraded.
	ferretAside = "db.ferretdb-upgraded-"
	// ferretBatch is how many documents go to the new store in one write.
	ferretBatch = 500
	// ferretProgress is how often, in documents, progress is logged.
	ferretProgress = 10000
)

// ferretCollection is one collection of the old database.
type ferretCollection struct {
	name, table string
	count       int64
}

// upgradeFromFerretDB copies the data an earlier Chorus kept in its
// embedded FerretDB database (dataDir/db/chorus.sqlite) into to, checks
// that every collection holds as many documents as the old one, and then
// moves the old directory aside, to dataDir/db.ferretdb-upgraded-<time>
// (nothing is deleted). It reports false when there is nothing to upgrade.
// The old file is only read; a run stopped part way can run again, as
// PutDocs replaces documents by _id. The caller runs it before to is used.
func upgradeFromFerretDB(ctx context.Context, dataDir string, to Copier, logger *slog.Logger) (bool, error) {
	return upgradeFerretDatabase(ctx, dataDir, ferretDatabase, to, logger)
}

// upgradeFerretDatabase is upgradeFromFerretDB for the old database named
// database (its file is database.sqlite).
func upgradeFerretDatabase(ctx context.Context, dataDir, database string, to Copier, logger *slog.Logger) (bool, error) {
	if logger == nil {
		logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	dir := filepath.Join(dataDir, ferretDir)
	file := filepath.Join(dir, database+".sqlite")
	socket := filepath.Join(dataDir, ferretSocket)
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		// A run killed after the move leaves the socket behind.
		return false, ferretRemoveSocket(socket)
	} else if err != nil {
		return false, err
	}
	if ferretServing(socket) {
		return false, fmt.Errorf("an earlier Chorus server is still serving the old embedded database in %s: stop it first", dataDir)
	}
	if others, _ := filepath.Glob(filepath.Join(dir, "*.sqlite")); len(others) > 1 {
		logger.Warn("the old embedded database holds other databases than "+database+": they are not upgraded, and are kept with it", "files", others)
	}
	counts, err := copyFerretDB(ctx, file, to, logger)
	if err != nil {
		return false, fmt.Errorf("copying from %s: %w", file, err)
	}
	for _, c := range counts {
		n, err := to.CountDocs(ctx, c.name)
		if err != nil {
			return false, fmt.Errorf("counting the copied %s: %w", c.name, err)
		}
		if n != c.count {
			return false, fmt.Errorf("the collection %s holds %d documents in the old database (%s) but %d in the new one", c.name, c.count, file, n)
		}
	}
	aside, err := ferretMoveAside(dataDir)
	if _, statErr := os.Lstat(dir); err != nil && errors.Is(statErr, fs.ErrNotExist) {
		aside = "(moved by another process)" // which upgraded it at the same time
	} else if err != nil {
		return false, fmt.Errorf("the data were copied and checked, but %s could not be moved aside: %w", dir, err)
	}
	if err := ferretRemoveSocket(socket); err != nil {
		return false, err
	}
	logger.Info("upgraded the old embedded database", "collections", len(counts), "keptIn", aside)
	return true, nil
}

// copyFerretDB copies every collection of the old database file into to,
// and returns how many documents each held.
func copyFerretDB(ctx context.Context, file string, to Copier, logger *slog.Logger) ([]ferretCollection, error) {
	// Read only: nothing in the old file changes, whatever happens.
	path := strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23").Replace(filepath.ToSlash(file))
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	collections, err := ferretCollections(ctx, db)
	if err != nil {
		return nil, err
	}
	for i := range collections {
		c := &collections[i]
		if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+ferretQuote(c.table)).Scan(&c.count); err != nil {
			return nil, fmt.Errorf("counting %s: %w", c.name, err)
		}
		if err := copyFerretCollection(ctx, db, *c, to, logger); err != nil {
			return nil, fmt.Errorf("copying %s: %w", c.name, err)
		}
	}
	return collections, db.Close()
}

// ferretCollections lists the old database's collections, those Chorus
// keeps first, in the order of Collections, then any other by name.
func ferretCollections(ctx context.Context, db *sql.DB) ([]ferretCollection, error) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'").Scan(&n); err != nil {
		return nil, fmt.Errorf("reading the old database: %w", err)
	}
	if n == 0 {
		return nil, nil // FerretDB made the file but no collection yet
	}
	rows, err := db.QueryContext(ctx, "SELECT name, table_name FROM _ferretdb_collections")
	if err != nil {
		return nil, fmt.Errorf("listing the old database's collections: %w", err)
	}
	defer rows.Close()
	var out []ferretCollection
	for rows.Next() {
		var c ferretCollection
		if err := rows.Scan(&c.name, &c.table); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rank := func(name string) int {
		if i := slices.Index(Collections, name); i >= 0 {
			return i
		}
		return len(Collections)
	}
	slices.SortFunc(out, func(a, b ferretCollection) int {
		return cmp.Or(cmp.Compare(rank(a.name), rank(b.name)), strings.Compare(a.name, b.name))
	})
	return out, nil
}

// copyFerretCollection streams one collection's documents into to, in
// batches, logging progress.
func copyFerretCollection(ctx context.Context, db *sql.DB, c ferretCollection, to Copier, logger *slog.Logger) error {
	const msg = "upgrading the old embedded database"
	logger.Info(msg, "collection", c.name, "copied", 0, "total", c.count)
	rows, err := db.QueryContext(ctx, "SELECT rowid, _ferretdb_sjson FROM "+ferretQuote(c.table)+" ORDER BY rowid")
	if err != nil {
		return err
	}
	defer rows.Close()
	batch := make([]bson.Raw, 0, ferretBatch)
	var copied int64
	flush := func() error {
		if err := to.PutDocs(ctx, c.name, batch); err != nil {
			return err
		}
		copied += int64(len(batch))
		batch = batch[:0]
		if copied%ferretProgress == 0 {
			logger.Info(msg, "collection", c.name, "copied", copied, "total", c.count)
		}
		return nil
	}
	for rows.Next() {
		var rowid int64
		var text string
		if err := rows.Scan(&rowid, &text); err != nil {
			return err
		}
		doc, err := sjsonToBSON([]byte(text))
		if err != nil {
			return fmt.Errorf("the document in row %d of the table %s: %w", rowid, c.table, err)
		}
		if batch = append(batch, doc); len(batch) == ferretBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		if err := flush(); err != nil {
			return err
		}
	}
	if copied != c.count {
		return fmt.Errorf("read %d documents from the table %s, which counts %d", copied, c.table, c.count)
	}
	return nil
}

// ferretMoveAside renames dataDir/db to dataDir/db.ferretdb-upgraded-<time>,
// with a number after it should that name be taken, and returns the name.
func ferretMoveAside(dataDir string) (string, error) {
	base := filepath.Join(dataDir, ferretAside+time.Now().Format("20060102-150405"))
	aside := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, fs.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	return aside, os.Rename(filepath.Join(dataDir, ferretDir), aside)
}

// ferretServing reports whether something answers on a Unix socket.
func ferretServing(socket string) bool {
	conn, err := net.DialTimeout("unix", socket, time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// ferretRemoveSocket removes the old database's socket when it is there
// and nothing answers on it.
func ferretRemoveSocket(socket string) error {
	if _, err := os.Lstat(socket); errors.Is(err, fs.ErrNotExist) || ferretServing(socket) {
		return nil
	}
	if err := os.Remove(socket); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("removing the old embedded database's socket: %w", err)
	}
	return nil
}

// ferretQuote quotes a table name for SQLite.
func ferretQuote(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

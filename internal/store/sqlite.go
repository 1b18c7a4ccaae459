package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"chorus/internal/chorus"
)

// SQLite is the embedded store: one SQLite database file in the data
// directory, in WAL mode, so that the server and the admin commands can use
// it at the same time. Every collection is a table of BSON documents keyed
// by _id, the same documents MongoDB would hold, with the fields that are
// searched copied into indexed columns.
type SQLite struct {
	h      atomic.Pointer[handles]
	path   string
	desc   string
	logger *slog.Logger
	lock   *os.File // the server's lock on the data directory
	// keyIndexes remembers the answer indexes made this run.
	keyIndexes sync.Map
	// inserts feeds the committer of new responses; stop ends it.
	inserts  chan *insertJob
	stop     chan struct{}
	stopOnce sync.Once
}

// handles are the two pools on the file: one connection that writes, in
// transactions that take the write lock at once, and several that read.
type handles struct {
	w, r *sql.DB
}

// fileName is the embedded database's file in the data directory.
const fileName = "chorus.db"

// OpenSQLite opens (or creates) the embedded database in opts.DataDir,
// upgrading data that an earlier Chorus kept there in FerretDB first.
func OpenSQLite(ctx context.Context, opts Options) (*SQLite, error) {
	dir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, err
	}
	if err := makePrivate(dir); err != nil {
		return nil, err
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.Default()
	}
	s := &SQLite{path: filepath.Join(dir, fileName), logger: logger, desc: "embedded (SQLite) in " + filepath.Join(dir, fileName)}
	if fi, err := os.Stat(s.path); err == nil && fi.Mode().Perm()&0o077 != 0 {
		logger.Warn("the database file can be read by others than its owner; it holds personal data: chmod 600 it (and its -wal and -shm)",
			"file", s.path, "mode", fmt.Sprintf("%03o", fi.Mode().Perm()))
	}
	if opts.Server {
		if s.lock, err = lockDir(dir); err != nil {
			return nil, err
		}
	}
	if err := s.reopen(); err != nil {
		s.Close(ctx)
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		s.Close(ctx)
		return nil, fmt.Errorf("preparing the database (%s): %w", s.desc, err)
	}
	if err := s.upgradeOld(ctx, dir); err != nil {
		s.Close(ctx)
		return nil, err
	}
	s.inserts, s.stop = make(chan *insertJob), make(chan struct{})
	go s.commit(s.stop)
	return s, nil
}

// makePrivate makes the data directory and the database file in it, when
// they are not there yet, readable by their owner only (0700 and 0600),
// whatever the process's umask: they hold personal data. SQLite makes the
// file's -wal and -shm with the file's own mode. A directory or file that
// is already there keeps its mode.
func makePrivate(dir string) error {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return fmt.Errorf("creating the data directory: %w", err)
		}
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("creating the data directory: %w", err)
		}
	}
	f, err := os.OpenFile(filepath.Join(dir, fileName), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	}
	if err == nil {
		err = f.Chmod(0o600)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return fmt.Errorf("creating the database file: %w", err)
	}
	return nil
}

// lockDir takes the data directory's lock for a server, or says that
// another server holds it. The lock ends with the process.
func lockDir(dir string) (*os.File, error) {
	f, err := os.OpenFile(filepath.Join(dir, "chorus.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err == nil {
		err = f.Chmod(0o600) // whatever the umask
	}
	if err != nil {
		return nil, fmt.Errorf("locking the data directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("another Chorus server is using the data directory (%s): stop it first, or set CHORUS_DATA_DIR to another directory", dir)
	}
	return f, nil
}

// dsn is the address of the file for database/sql, with what every
// connection needs: WAL, a wait for the other writers, and a commit that
// survives a power cut before it is confirmed.
func (s *SQLite) dsn(extra string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "busy_timeout(10000)", "synchronous(FULL)", "foreign_keys(OFF)", "cache_size(-16000)"} {
		q.Add("_pragma", p)
	}
	return "file:" + s.path + "?" + q.Encode() + extra
}

// reopen opens the file's pools, after Open or a simulated outage.
func (s *SQLite) reopen() error {
	w, err := sql.Open("sqlite", s.dsn("&_txlock=immediate"))
	if err != nil {
		return err
	}
	w.SetMaxOpenConns(1)
	r, err := sql.Open("sqlite", s.dsn(""))
	if err != nil {
		w.Close()
		return err
	}
	r.SetMaxOpenConns(8)
	r.SetMaxIdleConns(8)
	if err := w.Ping(); err != nil {
		w.Close()
		r.Close()
		return fmt.Errorf("opening the database %s: %w", s.path, err)
	}
	s.h.Store(&handles{w: w, r: r})
	return nil
}

// Describe says which database is in use and where its data lives.
func (s *SQLite) Describe() string { return s.desc }

// Embedded reports true.
func (s *SQLite) Embedded() bool { return true }

// Path is the database file.
func (s *SQLite) Path() string { return s.path }

// Ping checks that the database answers.
func (s *SQLite) Ping(ctx context.Context) error {
	var one int
	return wrapSQL(s.reader().QueryRowContext(ctx, "SELECT 1").Scan(&one))
}

// Close closes the file and lets go of the data directory.
func (s *SQLite) Close(ctx context.Context) error {
	if s.stop != nil {
		s.stopOnce.Do(func() { close(s.stop) })
	}
	var errs []error
	if h := s.h.Swap(nil); h != nil {
		errs = append(errs, h.w.Close(), h.r.Close())
	}
	if s.lock != nil {
		errs = append(errs, s.lock.Close())
		s.lock = nil
	}
	return errors.Join(errs...)
}

// SimulateOutage closes the database file while the server goes on, so
// that every operation fails as it would with the file gone. For fault
// tests.
func (s *SQLite) SimulateOutage(ctx context.Context) error {
	if h := s.h.Swap(closedHandles); h != nil && h != closedHandles {
		return errors.Join(h.w.Close(), h.r.Close())
	}
	return nil
}

// EndSimulatedOutage opens the file again after SimulateOutage, as when a
// failed database comes back. For fault tests.
func (s *SQLite) EndSimulatedOutage() error { return s.reopen() }

// closedHandles stand for a database that is down.
var closedHandles = func() *handles {
	w, _ := sql.Open("sqlite", "file::memory:")
	r, _ := sql.Open("sqlite", "file::memory:")
	w.Close()
	r.Close()
	return &handles{w: w, r: r}
}()

func (s *SQLite) reader() *sql.DB {
	if h := s.h.Load(); h != nil {
		return h.r
	}
	return closedHandles.r
}

func (s *SQLite) writer() *sql.DB {
	if h := s.h.Load(); h != nil {
		return h.w
	}
	return closedHandles.w
}

// tx runs fn in one write transaction, committed when fn returns nil.
func (s *SQLite) tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := s.writer().BeginTx(ctx, nil)
	if err != nil {
		return wrapSQL(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return wrapSQL(err)
	}
	return wrapSQL(tx.Commit())
}

// wrapSQL turns database errors into domain errors: a database that is
// closed, busy past the wait, or whose file cannot be read or written is
// EUNAVAILABLE, so that clients are told to try again.
func wrapSQL(err error) error {
	var ce *chorus.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &ce):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return &chorus.Error{Code: chorus.ENOTFOUND, Message: "Not found.", Err: err}
	case sqlUnavailable(err):
		return &chorus.Error{Code: chorus.EUNAVAILABLE, Message: "The database cannot be reached just now. Nothing you sent has been lost: try again in a moment.", Err: err}
	}
	return err
}

func sqlUnavailable(err error) bool {
	if errors.Is(err, sql.ErrConnDone) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) ||
		strings.Contains(err.Error(), "sql: database is closed") {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN,
			sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PROTOCOL:
			return true
		}
	}
	return false
}

// isUnique tells whether err is a unique constraint failure on the
// column named, such as "responses.receipt".
func isUnique(err error, column string) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY) &&
		strings.Contains(se.Error(), column)
}

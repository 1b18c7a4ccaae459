// Package ferrettest runs the embedded database of the Chorus before the
// SQLite store, FerretDB v1.24 with its SQLite backend, exactly as that
// Chorus ran it: its files in dataDir/db, served on the Unix socket
// dataDir/db.sock. Tests use it to make a data directory of that Chorus,
// which the SQLite store upgrades, and as a MongoDB-compatible server for
// the MongoDB adapter. It is imported only by tests.
package ferrettest

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// maxSocketPath is the longest Unix socket path every platform accepts.
const maxSocketPath = 104

// Start starts FerretDB with its files under dataDir, as the old Chorus
// did, and returns the address that reaches it and a function that stops
// it and waits until its files are closed. stop may be called more than
// once; the test's cleanup calls it too.
func Start(tb testing.TB, dataDir string, logger *slog.Logger) (uri string, stop func()) {
	tb.Helper()
	dbDir, err := filepath.Abs(filepath.Join(dataDir, "db"))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dbDir, 0o700); err != nil {
		tb.Fatalf("creating the data directory: %v", err)
	}
	socket := filepath.Join(filepath.Dir(dbDir), "db.sock")
	if len(socket) > maxSocketPath {
		tb.Fatalf("the data directory path is too long for the database socket (%d characters, at most %d)", len(socket), maxSocketPath)
	}
	if err := clearStaleSocket(socket); err != nil {
		tb.Fatal(err)
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	fdb, err := ferretdb.New(&ferretdb.Config{
		Handler:   "sqlite",
		SQLiteURL: "file:" + dbDir + "/",
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    logger,
	})
	if err != nil {
		tb.Fatalf("starting the embedded database: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = fdb.Run(ctx)
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case <-done:
			case <-time.After(30 * time.Second):
				tb.Errorf("the embedded database did not stop within 30s")
			}
		})
	}
	tb.Cleanup(stop)
	return fdb.MongoDBURI(), stop
}

// serving reports whether a database answers on the socket.
func serving(socket string) bool {
	conn, err := net.DialTimeout("unix", socket, time.Second)
	if err != nil {
		return false
	}
	conn.Close()
	return true
}

// clearStaleSocket removes a socket file left by a process that died, and
// refuses to go on when another process is still serving on it.
func clearStaleSocket(socket string) error {
	if _, err := os.Stat(socket); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if serving(socket) {
		return fmt.Errorf("another server is using the data directory (%s)", filepath.Dir(socket))
	}
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing a stale database socket: %w", err)
	}
	return nil
}

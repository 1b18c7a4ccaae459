package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

// maxSocketPath is the longest Unix socket path every platform accepts.
const maxSocketPath = 104

// embedded is a MongoDB-compatible database running inside this process:
// FerretDB with its SQLite backend, reached over a Unix socket in the data
// directory and never over TCP.
type embedded struct {
	uri    string
	socket string
	cancel context.CancelFunc
	done   chan struct{}
}

// startEmbedded starts the embedded database with its files under dataDir.
func startEmbedded(dataDir string, logger *slog.Logger) (*embedded, error) {
	dbDir, err := filepath.Abs(filepath.Join(dataDir, "db"))
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dbDir, 0o700); err != nil {
		return nil, fmt.Errorf("creating the data directory: %w", err)
	}
	socket := filepath.Join(filepath.Dir(dbDir), "db.sock")
	if len(socket) > maxSocketPath {
		return nil, fmt.Errorf("the data directory path is too long for the database socket (%d characters, at most %d): choose a shorter CHORUS_DATA_DIR", len(socket), maxSocketPath)
	}
	if err := clearStaleSocket(socket); err != nil {
		return nil, err
	}
	fdb, err := ferretdb.New(&ferretdb.Config{
		Handler:   "sqlite",
		SQLiteURL: "file:" + dbDir + "/",
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Logger:    logger,
	})
	if err != nil {
		return nil, fmt.Errorf("starting the embedded database: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &embedded{uri: fdb.MongoDBURI(), socket: socket, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(e.done)
		_ = fdb.Run(ctx)
	}()
	return e, nil
}

// stop shuts the embedded database down and waits until its files are closed.
func (e *embedded) stop(ctx context.Context) error {
	e.cancel()
	select {
	case <-e.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
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
		return fmt.Errorf("another Chorus server is using the data directory (%s): stop it first, or set CHORUS_DATA_DIR to another directory", filepath.Dir(socket))
	}
	if err := os.Remove(socket); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing a stale database socket: %w", err)
	}
	return nil
}

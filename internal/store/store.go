// Package store keeps Chorus's data in MongoDB, or in the embedded
// MongoDB-compatible database when no MongoDB address is given. It uses only
// what both support: no transactions, change streams, $lookup or $facet, and
// no count, sort or group over all responses on a request path.
package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"chorus/internal/chorus"
)

// Options say which database to use.
type Options struct {
	// URI of a MongoDB server; empty to use the embedded database.
	URI string
	// DataDir holds the embedded database's files.
	DataDir string
	// Database is the name of the database.
	Database string
	// Logger receives the embedded database's warnings.
	Logger *slog.Logger
	// Attach, when a Chorus server is already running the embedded
	// database on DataDir, connects to it through its socket instead of
	// refusing to start a second one. For the admin commands.
	Attach bool
}

// Store is a connection to the database.
type Store struct {
	client    *mongo.Client
	db        *mongo.Database
	responses *mongo.Collection
	forms     *mongo.Collection
	services  *mongo.Collection
	embedded  *embedded
	dataDir   string       // the embedded database's, for a restart
	logger    *slog.Logger // the embedded database's
	attached  bool         // to a running server's embedded database
	desc      string
}

// Open connects to the database (starting the embedded one if needed) and
// makes sure its indexes exist.
func Open(ctx context.Context, opts Options) (*Store, error) {
	s := &Store{}
	uri := opts.URI
	if uri == "" {
		logger := opts.Logger
		if logger == nil {
			logger = slog.Default()
		}
		dir, err := filepath.Abs(opts.DataDir)
		if err != nil {
			return nil, err
		}
		if sock := filepath.Join(dir, "db.sock"); opts.Attach && serving(sock) {
			uri = "mongodb://" + strings.ReplaceAll(sock, "/", "%2F") + "/"
			s.desc = "embedded, through the Chorus server running in " + dir
			s.attached = true
		} else {
			e, err := startEmbedded(dir, logger)
			if err != nil {
				return nil, err
			}
			s.embedded, s.dataDir, s.logger = e, dir, logger
			uri = e.uri
			s.desc = "embedded (FerretDB with SQLite) in " + dir
		}
	} else {
		s.desc = "MongoDB at " + redactURI(uri)
	}
	client, err := mongo.Connect(options.Client().
		ApplyURI(uri).
		SetServerSelectionTimeout(3 * time.Second).
		SetConnectTimeout(3 * time.Second))
	if err != nil {
		s.Close(ctx)
		return nil, fmt.Errorf("connecting to the database: %w", err)
	}
	s.client = client
	s.db = client.Database(opts.Database)
	s.responses = s.db.Collection("responses")
	s.forms = s.db.Collection("form_versions")
	s.services = s.db.Collection("services")
	if err := s.ensureIndexes(ctx); err != nil {
		s.Close(ctx)
		return nil, fmt.Errorf("preparing the database (%s): %w", s.desc, err)
	}
	return s, nil
}

// Describe says which database is in use and where its data lives.
func (s *Store) Describe() string { return s.desc }

// Embedded reports whether the store is the embedded database.
func (s *Store) Embedded() bool { return s.embedded != nil }

// Close disconnects and stops the embedded database, if any.
func (s *Store) Close(ctx context.Context) error {
	var errs []error
	if s.client != nil {
		errs = append(errs, s.client.Disconnect(ctx))
	}
	if s.embedded != nil {
		errs = append(errs, s.embedded.stop(ctx))
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	return wrap(s.db.RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err())
}

func (s *Store) ensureIndexes(ctx context.Context) error {
	indexes := []mongo.IndexModel{
		{Keys: bson.D{{Key: "receipt", Value: 1}}, Options: options.Index().SetUnique(true).SetName("receipt_unique")},
		{Keys: bson.D{{Key: "formId", Value: 1}, {Key: "receivedAt", Value: 1}}, Options: options.Index().SetName("form_received")},
	}
	// One at a time: the embedded database fails on a createIndexes
	// command that names more than one index it already has.
	for _, m := range indexes {
		if _, err := s.responses.Indexes().CreateOne(ctx, m); err != nil {
			return err
		}
	}
	others := []struct {
		collection string
		model      mongo.IndexModel
	}{
		{"users", mongo.IndexModel{Keys: bson.D{{Key: "email", Value: 1}}, Options: options.Index().SetUnique(true).SetName("email_unique")}},
		{"sessions", mongo.IndexModel{Keys: bson.D{{Key: "userId", Value: 1}}, Options: options.Index().SetName("user")}},
		{"devices", mongo.IndexModel{Keys: bson.D{{Key: "volunteerId", Value: 1}}, Options: options.Index().SetName("volunteer")}},
		{"audit", mongo.IndexModel{Keys: bson.D{{Key: "at", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("at_id")}},
		// The console's reads: a form's tallies by day, every form's days
		// since a date, a service's visits, the open safeguarding flags.
		{"tallies", mongo.IndexModel{Keys: bson.D{{Key: "formId", Value: 1}, {Key: "day", Value: 1}}, Options: options.Index().SetName("form_day")}},
		{"daily", mongo.IndexModel{Keys: bson.D{{Key: "day", Value: 1}}, Options: options.Index().SetName("day")}},
		{"service_visits", mongo.IndexModel{Keys: bson.D{{Key: "service", Value: 1}}, Options: options.Index().SetName("service")}},
		{"flags", mongo.IndexModel{Keys: bson.D{{Key: "open", Value: 1}}, Options: options.Index().SetName("open")}},
		{"responses", mongo.IndexModel{Keys: bson.D{{Key: "formId", Value: 1}, {Key: "review.status", Value: 1}}, Options: options.Index().SetName("form_status")}},
	}
	for _, o := range others {
		if _, err := s.db.Collection(o.collection).Indexes().CreateOne(ctx, o.model); err != nil {
			return err
		}
	}
	// Replaced by at_id, which orders entries of the same moment.
	if err := s.db.Collection("audit").Indexes().DropOne(ctx, "at"); err != nil && !indexMissing(err) {
		return err
	}
	return nil
}

// indexMissing tells whether err says the index or its collection does not
// exist (IndexNotFound, NamespaceNotFound).
func indexMissing(err error) bool {
	var se mongo.ServerError
	return errors.As(err, &se) && (se.HasErrorCode(27) || se.HasErrorCode(26))
}

// wrap turns driver errors into domain errors: an unreachable database is
// EUNAVAILABLE so that clients are told to try again, never a bare 500.
func wrap(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return &chorus.Error{Code: chorus.ENOTFOUND, Message: "Not found.", Err: err}
	case unavailable(err):
		return &chorus.Error{Code: chorus.EUNAVAILABLE, Message: "The database cannot be reached just now. Nothing you sent has been lost: try again in a moment.", Err: err}
	}
	return err
}

// shutdownCodes are the server error codes MongoDB answers while it shuts
// down, steps down or cannot reach a member: HostUnreachable, HostNotFound,
// NetworkTimeout, ShutdownInProgress, PrimarySteppedDown, ExceededTimeLimit,
// SocketException, NotWritablePrimary, InterruptedAtShutdown,
// InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk and
// NotPrimaryOrSecondary. A write refused with one of them may be sent again.
var shutdownCodes = []int{6, 7, 89, 91, 189, 262, 9001, 10107, 11600, 11602, 13435, 13436}

// internalErrorCode is the code of a server's InternalError.
const internalErrorCode = 1

// unavailable tells whether err means the database could not do the work
// just now, so that the same request may succeed later. Sending it again is
// safe: every write is keyed by the response's id.
func unavailable(err error) bool {
	if mongo.IsNetworkError(err) || mongo.IsTimeout(err) ||
		errors.As(err, &topology.ServerSelectionError{}) ||
		errors.Is(err, mongo.ErrClientDisconnected) ||
		errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var se mongo.ServerError
	if !errors.As(err, &se) {
		return false
	}
	if se.HasErrorLabel("RetryableWriteError") || se.HasErrorLabel("NetworkError") {
		return true
	}
	for _, code := range shutdownCodes {
		if se.HasErrorCode(code) {
			return true
		}
	}
	// The embedded database cuts off the commands in flight when it stops
	// and answers them with an InternalError naming the cause.
	return se.HasErrorCodeWithMessage(internalErrorCode, "context canceled") ||
		se.HasErrorCodeWithMessage(internalErrorCode, "database is closed")
}

// redactURI hides the user name and password in a MongoDB address, for logs.
func redactURI(uri string) string {
	scheme, rest, ok := strings.Cut(uri, "://")
	if !ok {
		return "(address not shown)"
	}
	hosts, path, _ := strings.Cut(rest, "/")
	if at := strings.LastIndex(hosts, "@"); at >= 0 {
		hosts = "***@" + hosts[at+1:]
	}
	out := scheme + "://" + hosts
	if path != "" {
		out += "/" + strings.SplitN(path, "?", 2)[0]
	}
	return out
}

// StopEmbedded stops the embedded database while the server goes on, as
// when the database fails. It is for fault tests; Close is the normal way.
func (s *Store) StopEmbedded(ctx context.Context) error {
	if s.embedded == nil {
		return errors.New("the store is not the embedded database")
	}
	return s.embedded.stop(ctx)
}

// RestartEmbedded starts the embedded database again after StopEmbedded,
// on the same files and socket, as when a failed database comes back. The
// driver reconnects by itself. It is for fault tests.
func (s *Store) RestartEmbedded() error {
	if s.embedded == nil {
		return errors.New("the store is not the embedded database")
	}
	e, err := startEmbedded(s.dataDir, s.logger)
	if err != nil {
		return err
	}
	s.embedded = e
	return nil
}

// Responses returns the responses collection itself, for benchmarks that
// measure the driver without Chorus in the way.
func (s *Store) Responses() *mongo.Collection { return s.responses }

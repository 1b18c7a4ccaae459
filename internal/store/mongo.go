package store

import (
	"context"
	"errors"
	"fmt"

	"strings"

	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/x/mongo/driver/topology"

	"chorus/internal/chorus"
)

// Mongo is the store on a MongoDB server (a replica set, Atlas, or any
// server that speaks its wire protocol), reached through the official driver.
type Mongo struct {
	client    *mongo.Client
	db        *mongo.Database
	responses *mongo.Collection
	forms     *mongo.Collection
	services  *mongo.Collection
	desc      string
}

// OpenMongo connects to the MongoDB server at uri and makes sure the
// database's indexes exist.
func OpenMongo(ctx context.Context, uri, database string) (*Mongo, error) {
	s := &Mongo{desc: "MongoDB at " + redactURI(uri)}
	client, err := mongo.Connect(options.Client().
		ApplyURI(uri).
		SetServerSelectionTimeout(3 * time.Second).
		SetConnectTimeout(3 * time.Second))
	if err != nil {
		return nil, fmt.Errorf("connecting to the database: %w", err)
	}
	s.client = client
	s.db = client.Database(database)
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
func (s *Mongo) Describe() string { return s.desc }

// Embedded reports false: MongoDB runs apart from Chorus.
func (s *Mongo) Embedded() bool { return false }

// Close disconnects.
func (s *Mongo) Close(ctx context.Context) error { return s.client.Disconnect(ctx) }

// Ping checks that the database answers.
func (s *Mongo) Ping(ctx context.Context) error {
	return wrap(s.db.RunCommand(ctx, bson.D{{Key: "ping", Value: 1}}).Err())
}

func (s *Mongo) ensureIndexes(ctx context.Context) error {
	indexes := []mongo.IndexModel{
		{Keys: bson.D{{Key: "receipt", Value: 1}}, Options: options.Index().SetUnique(true).SetName("receipt_unique")},
		{Keys: bson.D{{Key: "formId", Value: 1}, {Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("form_received_id")},
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
		{"service_visits", mongo.IndexModel{Keys: bson.D{{Key: "service", Value: 1}, {Key: "visitDate", Value: 1}, {Key: "receivedAt", Value: 1}, {Key: "_id", Value: 1}}, Options: options.Index().SetName("service_latest")}},
		{"flags", mongo.IndexModel{Keys: bson.D{{Key: "open", Value: 1}}, Options: options.Index().SetName("open")}},
		{"responses", mongo.IndexModel{Keys: bson.D{{Key: "formId", Value: 1}, {Key: "review.status", Value: 1}}, Options: options.Index().SetName("form_status")}},
	}
	for _, o := range others {
		if _, err := s.db.Collection(o.collection).Indexes().CreateOne(ctx, o.model); err != nil {
			return err
		}
	}
	// Replaced by at_id and form_received_id, which order entries of
	// the same moment.
	for _, old := range [][2]string{{"audit", "at"}, {"responses", "form_received"}, {"service_visits", "service"}} {
		if err := s.db.Collection(old[0]).Indexes().DropOne(ctx, old[1]); err != nil && !indexMissing(err) {
			return err
		}
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

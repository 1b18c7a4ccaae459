package store_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/store"
	"chorus/internal/store/ferrettest"
	"chorus/internal/store/storetest"
)

// The contract suite (package storetest) against each adapter.

func openSQLite(t *testing.T) store.Store {
	t.Helper()
	s, err := store.OpenSQLite(t.Context(), store.Options{DataDir: t.TempDir(), Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("opening the SQLite store: %v", err)
	}
	return s
}

// mongoOpener opens Mongo stores on the server at uri, each on a database
// of its own; drop, when set, removes each database at the test's end.
func mongoOpener(uri, prefix string, drop *mongo.Client) func(t *testing.T) store.Store {
	var n atomic.Int64
	return func(t *testing.T) store.Store {
		t.Helper()
		name := fmt.Sprintf("%s%03d", prefix, n.Add(1))
		if drop != nil {
			// Registered before Run closes the store, so it runs after.
			t.Cleanup(func() {
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				defer cancel()
				if err := drop.Database(name).Drop(ctx); err != nil {
					t.Errorf("dropping the test database %s: %v", name, err)
				}
			})
		}
		s, err := store.OpenMongo(t.Context(), uri, name)
		if err != nil {
			t.Fatalf("opening the Mongo store on %s: %v", name, err)
		}
		return s
	}
}

// ferretOpener starts FerretDB, the MongoDB-compatible server the old
// embedded store ran, for the length of t, and opens Mongo stores on it.
func ferretOpener(t *testing.T) func(t *testing.T) store.Store {
	uri, _ := ferrettest.Start(t, t.TempDir(), nil)
	return mongoOpener(uri, "contract", nil)
}

func TestContractSQLite(t *testing.T) {
	storetest.Run(t, openSQLite)
}

// The Mongo adapter against FerretDB, standing in for a MongoDB server.
func TestContractMongo(t *testing.T) {
	open := ferretOpener(t)
	t.Run("FerretDB", func(t *testing.T) { storetest.Run(t, open) })
}

// The Mongo adapter against a real MongoDB server, when
// CHORUS_TEST_MONGODB_URI gives one. Each subtest has a database of its
// own, dropped at its end.
func TestContractRealMongo(t *testing.T) {
	uri := os.Getenv("CHORUS_TEST_MONGODB_URI")
	if uri == "" {
		t.Skip("CHORUS_TEST_MONGODB_URI is not set: set it to a MongoDB server's address (mongodb://…) to run the contract suite against real MongoDB")
	}
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatalf("connecting to CHORUS_TEST_MONGODB_URI: %v", err)
	}
	t.Cleanup(func() { _ = client.Disconnect(context.Background()) })
	prefix := fmt.Sprintf("chorus_contract_%d_%d_", os.Getpid(), time.Now().UnixNano()%1e6)
	storetest.Run(t, mongoOpener(uri, prefix, client))
}

// `chorus store copy` between the adapters, both ways.
func TestContractCopySQLiteToMongoOnFerretDB(t *testing.T) {
	storetest.RunCopy(t, openSQLite, ferretOpener(t))
}

func TestContractCopyMongoOnFerretDBToSQLite(t *testing.T) {
	storetest.RunCopy(t, ferretOpener(t), openSQLite)
}

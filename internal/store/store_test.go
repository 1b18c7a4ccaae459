package store_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"path/filepath"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// embeddedHost opens an embedded database, closed at the test's end, and
// returns it with the address that reaches it over the wire protocol.
func embeddedHost(t *testing.T) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	host, err := store.Open(context.Background(), store.Options{DataDir: dir, Database: "chorus", Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { host.Close(context.Background()) })
	return host, "mongodb://" + url.PathEscape(filepath.Join(dir, "db.sock")) + "/"
}

// The MONGODB_URI path: a second store reaches the first one's database
// over the wire protocol, as it would reach MongoDB.
func TestOpenByURI(t *testing.T) {
	ctx := context.Background()
	host, uri := embeddedHost(t)
	remote, err := store.Open(ctx, store.Options{URI: uri, Database: "chorus"})
	if err != nil {
		t.Fatal(err)
	}
	defer remote.Close(ctx)
	if remote.Embedded() || !host.Embedded() {
		t.Fatal("the store opened by URI must not be embedded")
	}
	r := &chorus.Response{ID: "0b8a2f7e-1111-4c3b-9e7f-1a2b3c4d5e6f", FormID: "f", FormVersion: "1",
		Answers: map[string]any{"a": true}, ReceivedAt: time.Now().UTC(), Receipt: chorus.NewReceipt(), Fingerprint: "x"}
	if res, err := remote.InsertResponse(ctx, r); err != nil || !res.Created {
		t.Fatalf("insert by URI: %+v %v", res, err)
	}
	got, err := host.Response(ctx, r.ID)
	if err != nil || got.Receipt != r.Receipt {
		t.Fatalf("read back: %+v %v", got, err)
	}
}

func TestSecondServerOnTheSameDataIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, err := store.Open(ctx, store.Options{DataDir: dir, Database: "chorus", Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close(ctx)
	if _, err := store.Open(ctx, store.Options{DataDir: dir, Database: "chorus", Logger: quiet()}); err == nil {
		t.Fatal("a second embedded database opened on the same files")
	}
}

func TestReceiptCollisionGetsANewReceipt(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{DataDir: t.TempDir(), Database: "chorus", Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	mk := func(id string) *chorus.Response {
		return &chorus.Response{ID: id, FormID: "f", FormVersion: "1", Answers: map[string]any{},
			ReceivedAt: time.Now().UTC(), Receipt: "CH-AAAA-AA", Fingerprint: id}
	}
	if _, err := s.InsertResponse(ctx, mk("0b8a2f7e-0000-4c3b-9e7f-000000000001")); err != nil {
		t.Fatal(err)
	}
	res, err := s.InsertResponse(ctx, mk("0b8a2f7e-0000-4c3b-9e7f-000000000002"))
	if err != nil || !res.Created || res.Receipt == "CH-AAAA-AA" {
		t.Fatalf("single insert after a receipt collision: %+v %v", res, err)
	}
	results, errs, err := s.InsertResponses(ctx, []*chorus.Response{mk("0b8a2f7e-0000-4c3b-9e7f-000000000003")})
	if err != nil || errs[0] != nil || !results[0].Created || results[0].Receipt == "CH-AAAA-AA" {
		t.Fatalf("batch insert after a receipt collision: %+v %v %v", results, errs, err)
	}
	if n, _ := s.CountResponses(ctx, "f"); n != 3 {
		t.Fatalf("%d stored, want 3", n)
	}
}

// A database made by an earlier Chorus has the audit index on "at" alone;
// opening it replaces that index with the one on (at, _id).
func TestOldAuditIndexIsReplaced(t *testing.T) {
	ctx := context.Background()
	_, uri := embeddedHost(t)
	client, err := mongo.Connect(options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	defer client.Disconnect(ctx)
	audit := client.Database("chorus").Collection("audit")
	if _, err := audit.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: bson.D{{Key: "at", Value: 1}}, Options: options.Index().SetName("at")}); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(ctx, store.Options{URI: uri, Database: "chorus"})
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close(ctx)
	specs, err := audit.Indexes().ListSpecifications(ctx)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range specs {
		names[s.Name] = true
	}
	if names["at"] || !names["at_id"] {
		t.Errorf("audit indexes after opening: %v", names)
	}
}

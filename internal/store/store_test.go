package store_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func TestSecondServerOnTheSameDataIsRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	first, err := store.Open(ctx, store.Options{DataDir: dir, Logger: quiet(), Server: true})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close(ctx)
	if _, err := store.Open(ctx, store.Options{DataDir: dir, Logger: quiet(), Server: true}); err == nil || !strings.Contains(err.Error(), "another Chorus server") {
		t.Fatalf("a second server opened the same files: %v", err)
	}
	// The admin commands work beside the server.
	admin, err := store.Open(ctx, store.Options{DataDir: dir, Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close(ctx)
	if err := admin.Ping(ctx); err != nil {
		t.Fatal(err)
	}
}

func TestReceiptCollisionGetsANewReceipt(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, store.Options{DataDir: t.TempDir(), Logger: quiet()})
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

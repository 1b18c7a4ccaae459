package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// A file whose tables lack columns that a later layout copies out of the
// documents gets them, filled from each document, when it is opened.
func TestOpenAddsMissingColumns(t *testing.T) {
	dir := t.TempDir()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, fileName))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	if _, err := db.Exec("CREATE TABLE service_visits (id TEXT PRIMARY KEY, doc BLOB NOT NULL, service TEXT NOT NULL)"); err != nil {
		t.Fatal(err)
	}
	for i, date := range []string{"2026-01-05", "2026-02-10", "2025-12-01"} {
		v := chorus.ServiceVisit{ResponseID: string(rune('a' + i)), FormID: "visit", Service: "svc", VisitDate: date, ReceivedAt: at}
		doc, _ := bson.Marshal(v)
		if _, err := db.Exec("INSERT INTO service_visits (id, doc, service) VALUES (?, ?, ?)", v.ResponseID, doc, v.Service); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()

	ctx := context.Background()
	s, err := OpenSQLite(ctx, Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	visits, more, err := s.ServiceVisits(ctx, "svc", 2)
	if err != nil || !more || len(visits) != 2 || visits[0].VisitDate != "2026-02-10" || visits[1].VisitDate != "2026-01-05" {
		t.Fatalf("the latest two visits: %+v, more %v, %v", visits, more, err)
	}
}

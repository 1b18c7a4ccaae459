package store

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"math"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// The documents below are written as FerretDB v1.24 writes them
// (internal/handler/sjson): the schema first, then the values.
func TestSJSONToBSON(t *testing.T) {
	received := time.UnixMilli(1795983954910).UTC() // 2026-11-29T20:25:54.910Z
	oid, _ := bson.ObjectIDFromHex("65f1c2a9e4b0a1b2c3d4e5f6")
	cases := []struct {
		name  string
		sjson string
		want  bson.D
	}{
		{"a response",
			`{"$s":{"p":{"_id":{"t":"string"},"answers":{"t":"object","$s":{"p":{"barriers":{"t":"string"},"keepInTouch":{"t":"bool"},"connection":{"t":"array","i":[{"t":"string"}]}},"$k":["barriers","keepInTouch","connection"]}},"receivedAt":{"t":"date"},"n":{"t":"long"}},"$k":["_id","answers","receivedAt","n"]},"_id":"0b8a","answers":{"barriers":"Hard to get there","keepInTouch":false,"connection":["carer"]},"receivedAt":1795983954910,"n":1}`,
			bson.D{{Key: "_id", Value: "0b8a"}, {Key: "answers", Value: bson.D{
				{Key: "barriers", Value: "Hard to get there"}, {Key: "keepInTouch", Value: false}, {Key: "connection", Value: bson.A{"carer"}}}},
				{Key: "receivedAt", Value: bson.NewDateTimeFromTime(received)}, {Key: "n", Value: int64(1)}}},
		{"numbers keep their types",
			`{"$s":{"p":{"_id":{"t":"string"},"i":{"t":"int"},"l":{"t":"long"},"d":{"t":"double"},"whole":{"t":"double"},"neg":{"t":"long"},"big":{"t":"long"},"tiny":{"t":"double"},"huge":{"t":"double"},"zero":{"t":"double"},"minI":{"t":"int"}},"$k":["_id","i","l","d","whole","neg","big","tiny","huge","zero","minI"]},"_id":"x","i":42,"l":42,"d":2.5,"whole":3,"neg":-7,"big":9007199254740993,"tiny":1e-7,"huge":1e+21,"zero":0,"minI":-2147483648}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "i", Value: int32(42)}, {Key: "l", Value: int64(42)}, {Key: "d", Value: 2.5},
				{Key: "whole", Value: 3.0}, {Key: "neg", Value: int64(-7)}, {Key: "big", Value: int64(9007199254740993)},
				{Key: "tiny", Value: 1e-7}, {Key: "huge", Value: 1e21}, {Key: "zero", Value: 0.0}, {Key: "minI", Value: int32(math.MinInt32)}}},
		{"null, empty array and empty object",
			`{"$s":{"p":{"_id":{"t":"string"},"none":{"t":"null"},"list":{"t":"array","i":[]},"obj":{"t":"object","$s":{}}},"$k":["_id","none","list","obj"]},"_id":"x","none":null,"list":[],"obj":{}}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "none", Value: nil}, {Key: "list", Value: bson.A{}}, {Key: "obj", Value: bson.D{}}}},
		{"keys keep their order, not the JSON's",
			`{"$s":{"p":{"z":{"t":"long"},"_id":{"t":"string"},"a":{"t":"object","$s":{"p":{"q9":{"t":"bool"},"q1":{"t":"bool"},"q10":{"t":"bool"}},"$k":["q9","q1","q10"]}}},"$k":["_id","z","a"]},"a":{"q10":true,"q1":false,"q9":true},"z":5,"_id":"x"}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "z", Value: int64(5)}, {Key: "a", Value: bson.D{
				{Key: "q9", Value: true}, {Key: "q1", Value: false}, {Key: "q10", Value: true}}}}},
		{"an array of every kind, nested",
			`{"$s":{"p":{"_id":{"t":"string"},"a":{"t":"array","i":[{"t":"string"},{"t":"long"},{"t":"double"},{"t":"bool"},{"t":"null"},{"t":"object","$s":{"p":{"k":{"t":"string"}},"$k":["k"]}},{"t":"date"}]}},"$k":["_id","a"]},"_id":"x","a":["s",1,1.5,true,null,{"k":"v"},0]}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "a", Value: bson.A{"s", int64(1), 1.5, true, nil, bson.D{{Key: "k", Value: "v"}}, bson.DateTime(0)}}}},
		{"text with unicode, escapes and new lines",
			`{"$s":{"p":{"_id":{"t":"string"},"t":{"t":"string"},"q":{"t":"string"}},"$k":["_id","t","q"]},"_id":"x","t":"Café ☕ 😀\nline two\t\"quoted\" \u003cb\u003e \\ end","q":"ＡＢＣ"}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "t", Value: "Café ☕ 😀\nline two\t\"quoted\" <b> \\ end"}, {Key: "q", Value: "ＡＢＣ"}}},
		{"dates before and after 1970",
			`{"$s":{"p":{"_id":{"t":"string"},"old":{"t":"date"},"at":{"t":"date"}},"$k":["_id","old","at"]},"_id":"x","old":-86400000,"at":1795983954910}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "old", Value: bson.DateTime(-86400000)}, {Key: "at", Value: bson.NewDateTimeFromTime(received)}}},
		{"the other BSON types",
			`{"$s":{"p":{"_id":{"t":"objectId"},"bin":{"t":"binData","s":4},"ts":{"t":"timestamp"},"re":{"t":"regex","o":"i"},"empty":{"t":"binData","s":0}},"$k":["_id","bin","ts","re","empty"]},"_id":"65f1c2a9e4b0a1b2c3d4e5f6","bin":"AQID/w==","ts":7318349394477058,"re":"^a.c$","empty":""}`,
			bson.D{{Key: "_id", Value: oid}, {Key: "bin", Value: bson.Binary{Subtype: 4, Data: []byte{1, 2, 3, 255}}},
				{Key: "ts", Value: bson.Timestamp{T: 1703936, I: 2}}, {Key: "re", Value: bson.Regex{Pattern: "^a.c$", Options: "i"}},
				{Key: "empty", Value: bson.Binary{Subtype: 0, Data: []byte{}}}}},
		{"a null where the schema says otherwise",
			`{"$s":{"p":{"_id":{"t":"string"},"s":{"t":"string"}},"$k":["_id","s"]},"_id":"x","s":null}`,
			bson.D{{Key: "_id", Value: "x"}, {Key: "s", Value: nil}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sjsonToBSON([]byte(c.sjson))
			if err != nil {
				t.Fatal(err)
			}
			want, err := bson.Marshal(c.want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("got  %s\nwant %s", got, bson.Raw(want))
			}
			if err := got.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// A double keeps its sign and its exact value, and a whole double stays a
// double (3.0 is not 3).
func TestSJSONDoubles(t *testing.T) {
	for _, c := range []struct {
		text string
		want float64
	}{{"3", 3}, {"-0", math.Copysign(0, -1)}, {"0.1", 0.1}, {"1.7976931348623157e+308", math.MaxFloat64},
		{"5e-324", 5e-324}, {`"NaN"`, math.NaN()}, {`"Infinity"`, math.Inf(1)}, {`"-Infinity"`, math.Inf(-1)}} {
		doc, err := sjsonToBSON([]byte(`{"$s":{"p":{"d":{"t":"double"}},"$k":["d"]},"d":` + c.text + `}`))
		if err != nil {
			t.Fatalf("%s: %v", c.text, err)
		}
		v := doc.Lookup("d")
		f, ok := v.DoubleOK()
		if !ok {
			t.Fatalf("%s: a %s, not a double", c.text, v.Type)
		}
		if math.Float64bits(f) != math.Float64bits(c.want) && !(math.IsNaN(f) && math.IsNaN(c.want)) {
			t.Fatalf("%s: got %v, want %v", c.text, f, c.want)
		}
	}
}

// A document that does not match its schema is refused, never half read.
func TestSJSONRefusesWhatDoesNotMatch(t *testing.T) {
	for name, text := range map[string]string{
		"no schema":             `{"_id":"x"}`,
		"a key too many":        `{"$s":{"p":{"_id":{"t":"string"}},"$k":["_id"]},"_id":"x","y":1}`,
		"a key missing":         `{"$s":{"p":{"_id":{"t":"string"},"y":{"t":"long"}},"$k":["_id","y"]},"_id":"x","z":1}`,
		"no type for a key":     `{"$s":{"p":{},"$k":["_id"]},"_id":"x"}`,
		"an unknown type":       `{"$s":{"p":{"_id":{"t":"decimal"}},"$k":["_id"]},"_id":"1"}`,
		"a string as a long":    `{"$s":{"p":{"_id":{"t":"long"}},"$k":["_id"]},"_id":"1"}`,
		"a fraction as an int":  `{"$s":{"p":{"_id":{"t":"string"},"i":{"t":"int"}},"$k":["_id","i"]},"_id":"x","i":1.5}`,
		"an int out of range":   `{"$s":{"p":{"_id":{"t":"string"},"i":{"t":"int"}},"$k":["_id","i"]},"_id":"x","i":2147483648}`,
		"items not as schema'd": `{"$s":{"p":{"a":{"t":"array","i":[{"t":"string"}]}},"$k":["a"]},"a":["x","y"]}`,
		"a bad object id":       `{"$s":{"p":{"_id":{"t":"objectId"}},"$k":["_id"]},"_id":"zz"}`,
		"binData, no subtype":   `{"$s":{"p":{"b":{"t":"binData"}},"$k":["b"]},"b":"AQ=="}`,
		"not JSON":              `{"$s":`,
	} {
		if doc, err := sjsonToBSON([]byte(text)); err == nil {
			t.Errorf("%s: read as %s", name, doc)
		}
	}
}

// memCopier is a Copier in memory, which can fail a write or lose a
// document, to test the upgrade's checks.
type memCopier struct {
	docs   map[string]map[string]bson.Raw
	order  []string // collections in the order first written
	puts   int
	failAt int  // the write that fails (1 for the first), 0 for none
	lose   bool // drop the first document of every write
}

func (m *memCopier) PutDocs(ctx context.Context, collection string, docs []bson.Raw) error {
	if m.puts++; m.puts == m.failAt {
		return errors.New("the disk is full")
	}
	if m.docs == nil {
		m.docs = map[string]map[string]bson.Raw{}
	}
	if m.docs[collection] == nil {
		m.docs[collection] = map[string]bson.Raw{}
		m.order = append(m.order, collection)
	}
	if m.lose {
		docs = docs[1:]
	}
	for _, d := range docs {
		m.docs[collection][d.Lookup("_id").StringValue()] = d
	}
	return nil
}

func (m *memCopier) CountDocs(ctx context.Context, collection string) (int64, error) {
	return int64(len(m.docs[collection])), nil
}

func (m *memCopier) Docs(ctx context.Context, collection, after string) (iter.Seq2[bson.Raw, error], error) {
	return nil, errors.New("not used")
}

func (m *memCopier) LastID(ctx context.Context, collection string) (string, error) {
	return "", errors.New("not used")
}

// ferretFixture writes dataDir/db/chorus.sqlite as FerretDB laid it out,
// with n documents in responses, two in users and one in a collection
// Chorus no longer keeps, as a server killed mid-run leaves it: the last
// writes still in the -wal file, not yet in the database file.
func ferretFixture(t *testing.T, dataDir string, n int) {
	t.Helper()
	src := filepath.Join(t.TempDir(), "chorus.sqlite")
	db, err := sql.Open("sqlite", "file:"+src+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE "_ferretdb_collections" (name TEXT NOT NULL UNIQUE CHECK(name != ''), table_name TEXT NOT NULL UNIQUE CHECK(table_name != ''), settings TEXT NOT NULL CHECK(settings != '')) STRICT`)
	for name, table := range map[string]string{"responses": "responses_5b97e357", "users": "users_9f2c0a11", "legacy": "legacy_00aa00aa"} {
		exec(fmt.Sprintf(`CREATE TABLE %q (_ferretdb_sjson TEXT NOT NULL CHECK(_ferretdb_sjson != '')) STRICT`, table))
		exec(`INSERT INTO "_ferretdb_collections" (name, table_name, settings) VALUES (?, ?, '{}')`, name, table)
	}
	const doc = `{"$s":{"p":{"_id":{"t":"string"},"n":{"t":"long"}},"$k":["_id","n"]},"_id":%q,"n":%d}`
	for i := range n {
		exec(`INSERT INTO "responses_5b97e357" VALUES (?)`, fmt.Sprintf(doc, fmt.Sprintf("r%05d", i), i))
	}
	exec(`INSERT INTO "users_9f2c0a11" VALUES (?), (?)`, fmt.Sprintf(doc, "u1", 1), fmt.Sprintf(doc, "u2", 2))
	exec(`INSERT INTO "legacy_00aa00aa" VALUES (?)`, fmt.Sprintf(doc, "x", 0))
	dir := filepath.Join(dataDir, "db")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, suffix := range []string{"", "-wal"} { // copied while open: as a crash leaves them
		b, err := os.ReadFile(src + suffix)
		if err != nil {
			t.Fatal(err)
		}
		if suffix == "-wal" && len(b) == 0 {
			t.Fatal("the fixture has an empty -wal file")
		}
		if err := os.WriteFile(filepath.Join(dir, "chorus.sqlite"+suffix), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

func TestUpgradeFromFerretDBFile(t *testing.T) {
	ctx := context.Background()
	logs := &bytes.Buffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))

	t.Run("nothing to upgrade", func(t *testing.T) {
		dir := t.TempDir()
		if done, err := upgradeFromFerretDB(ctx, dir, &memCopier{}, logger); done || err != nil {
			t.Fatalf("%v %v", done, err)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Fatalf("the data directory holds %v", entries)
		}
	})

	dir := t.TempDir()
	ferretFixture(t, dir, 1234)
	if err := os.WriteFile(filepath.Join(dir, "db.sock"), nil, 0o600); err != nil {
		t.Fatal(err)
	}

	// A write that fails stops it, and leaves the old files as they were.
	to := &memCopier{failAt: 2}
	if done, err := upgradeFromFerretDB(ctx, dir, to, logger); done || err == nil || !strings.Contains(err.Error(), "the disk is full") {
		t.Fatalf("a failed write: %v %v", done, err)
	}
	// A document lost on the way is found by the count.
	if done, err := upgradeFromFerretDB(ctx, dir, &memCopier{lose: true}, logger); done || err == nil ||
		!strings.Contains(err.Error(), "the collection users holds 2 documents in the old database") || !strings.Contains(err.Error(), "but 1 in the new one") {
		t.Fatalf("a lost document: %v %v", done, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "db", "chorus.sqlite")); err != nil {
		t.Fatalf("the old file is gone after a failure: %v", err)
	}

	// Run again into the store the failed run wrote to, it completes.
	to.failAt = 0
	logs.Reset()
	if done, err := upgradeFromFerretDB(ctx, dir, to, logger); !done || err != nil {
		t.Fatalf("%v %v", done, err)
	}
	if want := []string{"users", "responses", "legacy"}; !slices.Equal(to.order, want) { // Collections' order, then the rest
		t.Errorf("collections copied in the order %v", to.order)
	}
	for c, n := range map[string]int{"responses": 1234, "users": 2, "legacy": 1} {
		if len(to.docs[c]) != n {
			t.Errorf("%s: %d documents, want %d", c, len(to.docs[c]), n)
		}
	}
	if got := to.docs["responses"]["r01233"]; got.Lookup("n").Int64() != 1233 {
		t.Errorf("the last response, from the -wal file: %s", got)
	}
	if !strings.Contains(logs.String(), `msg="upgrading the old embedded database" collection=responses copied=0 total=1234`) {
		t.Errorf("no progress line:\n%s", logs)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "db.ferretdb-upgraded-*"))
	if len(aside) != 1 {
		t.Fatalf("moved aside to %v", aside)
	}
	for _, f := range []string{"chorus.sqlite", "chorus.sqlite-wal"} {
		if _, err := os.Stat(filepath.Join(aside[0], f)); err != nil {
			t.Errorf("%s is not kept: %v", f, err)
		}
	}
	for _, gone := range []string{"db", "db.sock"} {
		if _, err := os.Lstat(filepath.Join(dir, gone)); !os.IsNotExist(err) {
			t.Errorf("%s is still there (%v)", gone, err)
		}
	}
	if done, err := upgradeFromFerretDB(ctx, dir, to, logger); done || err != nil {
		t.Fatalf("upgraded twice: %v %v", done, err)
	}
}

// An old server still serving the old database is not upgraded under.
func TestUpgradeFromFerretDBRefusesARunningServer(t *testing.T) {
	dir := t.TempDir()
	ferretFixture(t, dir, 1)
	l, err := net.Listen("unix", filepath.Join(dir, "db.sock"))
	if err != nil {
		t.Skip("no Unix socket here:", err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	if done, err := upgradeFromFerretDB(context.Background(), dir, &memCopier{}, nil); done || err == nil || !strings.Contains(err.Error(), "still serving") {
		t.Fatalf("%v %v", done, err)
	}
}

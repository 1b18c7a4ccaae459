package storetest

import (
	"context"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func copyCases() []testCase {
	return []testCase{
		one("Docs", testDocs),
		{"PutDocs", testPutDocs},
		{"CopyEverything", func(t *testing.T, open func(t *testing.T) store.Store) { testCopy(t, open(t), open(t)) }},
	}
}

// RunCopy copies every collection of a store opened by from, filled with
// a little of everything, into an empty one opened by to, as `chorus store
// copy` does, and checks that the second serves the same. Both stores are
// closed when the test ends.
func RunCopy(t *testing.T, from, to func(t *testing.T) store.Store) {
	closing := func(open func(t *testing.T) store.Store) store.Store {
		s := open(t)
		t.Cleanup(func() { _ = s.Close(context.Background()) })
		return s
	}
	testCopy(t, closing(from), closing(to))
}

// docIDs reads a collection's documents after the id after and returns
// their ids, in order.
func docIDs(t *testing.T, s store.Store, collection, after string) []string {
	t.Helper()
	var out []string
	for _, d := range docs(t, s, collection, after) {
		out = append(out, d.Lookup("_id").StringValue())
	}
	return out
}

// docs reads a collection's documents after the id after.
func docs(t *testing.T, s store.Store, collection, after string) []bson.Raw {
	t.Helper()
	seq, err := s.Docs(t.Context(), collection, after)
	must(t, err, "Docs "+collection)
	var out []bson.Raw
	for d, err := range seq {
		must(t, err, "Docs "+collection)
		out = append(out, d)
	}
	return out
}

func testDocs(t *testing.T, s store.Store) {
	ctx := t.Context()
	for _, n := range []int{5, 2, 9, 1, 7} {
		insert(t, s, newResponse(uuid(n), "survey", at(time.Duration(n)*time.Second), map[string]any{"n": int64(n)}))
	}
	check(t, "Docs", docIDs(t, s, "responses", ""), []string{uuid(1), uuid(2), uuid(5), uuid(7), uuid(9)})
	check(t, "Docs after an id", docIDs(t, s, "responses", uuid(2)), []string{uuid(5), uuid(7), uuid(9)})
	check(t, "Docs after an id not stored", docIDs(t, s, "responses", uuid(3)), []string{uuid(5), uuid(7), uuid(9)})
	check(t, "Docs after the last", docIDs(t, s, "responses", uuid(9)), []string(nil))
	check(t, "Docs of an empty collection", docIDs(t, s, "audit", ""), []string(nil))
	d := docs(t, s, "responses", uuid(8))[0]
	var r chorus.Response
	must(t, bson.Unmarshal(d, &r), "decoding a response document")
	if r.ID != uuid(9) || r.FormID != "survey" || r.Fingerprint != "fp-"+uuid(9) || !r.ReceivedAt.Equal(at(9*time.Second)) {
		t.Errorf("a response document decodes as %+v", r)
	}
	for c, want := range map[string]int64{"responses": 5, "audit": 0} {
		n, err := s.CountDocs(ctx, c)
		must(t, err, "CountDocs")
		if n != want {
			t.Errorf("CountDocs(%s) = %d, want %d", c, n, want)
		}
	}
	for c, want := range map[string]string{"responses": uuid(9), "audit": ""} {
		id, err := s.LastID(ctx, c)
		must(t, err, "LastID")
		if id != want {
			t.Errorf("LastID(%s) = %q, want %q", c, id, want)
		}
	}
}

func testPutDocs(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := t.Context()
	a, b := open(t), open(t)
	var rs []*chorus.Response
	for n := range 4 {
		rs = append(rs, newResponse(uuid(n), "survey", at(time.Duration(n)*time.Second), map[string]any{"name": "Ann", "n": int64(n)}))
	}
	insert(t, a, rs...)
	must(t, a.SaveServices(ctx, []chorus.Service{oak, elm}), "SaveServices")
	for range 2 {
		for _, c := range []string{"responses", "services"} {
			must(t, b.PutDocs(ctx, c, docs(t, a, c, "")), "PutDocs "+c)
		}
		for c, want := range map[string]int64{"responses": 4, "services": 2} {
			if n, err := b.CountDocs(ctx, c); n != want || err != nil {
				t.Errorf("CountDocs(%s) after PutDocs = %d, %v; want %d", c, n, err, want)
			}
		}
	}
	for _, r := range rs {
		got, err := b.Response(ctx, r.ID)
		must(t, err, "Response")
		check(t, "a response put", got, r)
	}
	must(t, b.PutDocs(ctx, "services", nil), "PutDocs of nothing")
	renamed := oak
	renamed.Name = "Oak House Nursing"
	raw, err := bson.Marshal(renamed)
	must(t, err, "bson.Marshal")
	must(t, b.PutDocs(ctx, "services", []bson.Raw{raw}), "PutDocs replacing a service")
	check(t, "services after a document replaced", services(t, b), []chorus.Service{elm, renamed})
}

// copyAll copies every collection from one store into another in batches
// of three. With resume, each collection goes on from the last id already
// copied; without, every document is written again.
func copyAll(t *testing.T, from, to store.Store, resume bool) {
	t.Helper()
	for _, c := range store.Collections {
		after := ""
		if resume {
			var err error
			after, err = to.LastID(t.Context(), c)
			must(t, err, "LastID "+c)
		}
		var batch []bson.Raw
		for _, d := range docs(t, from, c, after) {
			if batch = append(batch, d); len(batch) == 3 {
				must(t, to.PutDocs(t.Context(), c, batch), "PutDocs "+c)
				batch = nil
			}
		}
		must(t, to.PutDocs(t.Context(), c, batch), "PutDocs "+c)
	}
}

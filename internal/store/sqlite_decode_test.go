package store

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"chorus/internal/chorus"
)

// The direct decoder reads every response exactly as the driver's general
// decoder does, and leaves what it does not know to it.
func TestDecodeResponseMatchesTheDriver(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	at := func() *time.Time { v := time.UnixMilli(rng.Int64N(2e12)).UTC(); return &v }
	for i := range 500 {
		r := &chorus.Response{ID: "id-" + string(rune('a'+i%26)), FormID: "f", FormVersion: "2", ReceivedAt: *at(),
			Receipt: chorus.NewReceipt(), Fingerprint: "fp", Answers: map[string]any{}}
		for q := range rng.IntN(35) {
			key := "q" + string(rune('A'+q))
			switch rng.IntN(8) {
			case 0:
				r.Answers[key] = "text ✓ with\nlines " + key
			case 1:
				r.Answers[key] = rng.Int64N(1 << 60)
			case 2:
				r.Answers[key] = rng.Float64() * 100
			case 3:
				r.Answers[key] = rng.IntN(2) == 0
			case 4:
				r.Answers[key] = []string{"a", "b"}[:rng.IntN(3)%3]
			case 5:
				r.Answers[key] = []string{}
			case 6:
				r.Answers[key] = map[string]string{"aim1": "agree", "aim2": "disagree ✓"}
			case 7:
				r.Answers[key] = map[string]string{}
			}
		}
		if i%3 == 0 {
			r.StartedAt, r.CompletedAt, r.SentBy = at(), at(), "volunteer:v1"
		}
		if i%4 != 0 {
			r.Language = []string{"en", "pl", "ar", "zh-Hant"}[i%4]
		}
		if i%5 == 0 {
			r.Review = &chorus.Review{Status: chorus.ReviewClosed, Note: "n", By: "user:u", At: *at()}
		}
		if i%7 == 0 {
			r.ErasedAt, r.Answers = at(), map[string]any{}
		}
		raw, err := bson.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		fast, ok := decodeResponseFast(raw)
		if !ok {
			t.Fatalf("response %d: not read directly", i)
		}
		slow := new(chorus.Response)
		if err := bson.Unmarshal(raw, slow); err != nil {
			t.Fatal(err)
		}
		normalise(slow.Answers)
		if !reflect.DeepEqual(fast, slow) {
			t.Fatalf("response %d:\n direct %+v\n driver %+v", i, fast, slow)
		}
	}
	// An answer of a type Chorus does not store goes to the driver.
	raw, _ := bson.Marshal(bson.D{{Key: "_id", Value: "x"}, {Key: "answers", Value: bson.D{{Key: "q", Value: bson.D{{Key: "nested", Value: 1}}}}}})
	if _, ok := decodeResponseFast(raw); ok {
		t.Error("a nested answer was read directly")
	}
	if r, err := decodeResponse(raw); err != nil || r.ID != "x" {
		t.Errorf("the general decoder: %+v %v", r, err)
	}
}

func BenchmarkDecodeResponse(b *testing.B) {
	r := &chorus.Response{ID: "id", FormID: "f", FormVersion: "1", ReceivedAt: time.Now().UTC(), Receipt: "CH-AAAA-AA", Fingerprint: "x", Answers: map[string]any{}}
	for q := range 30 {
		r.Answers["question"+string(rune('A'+q))] = []any{"a medium length free text answer", int64(q), []string{"one", "two"}}[q%3]
	}
	raw, _ := bson.Marshal(r)
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			decodeResponseFast(raw)
		}
	})
	b.Run("driver", func(b *testing.B) {
		for b.Loop() {
			v := new(chorus.Response)
			_ = bson.Unmarshal(raw, v)
			normalise(v.Answers)
		}
	})
}

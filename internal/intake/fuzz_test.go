package intake_test

import (
	"encoding/json"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/intake"
)

// FuzzDecodeAndCheck feeds arbitrary bodies through the same decoding and
// answer rules as the server. Whatever comes in, the outcome is a domain
// error a client can be told, or answers that pass the rules again.
func FuzzDecodeAndCheck(f *testing.F) {
	fs, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		f.Fatal(err)
	}
	var visit *form.Form
	for _, x := range fs {
		if x.ID == "quality-checker-visit" {
			visit = x
		}
	}
	seeds := []string{
		`{"id":"3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f","formVersion":"1","answers":{"service":"svc-a","visitDate":"2026-01-02","announced":true,"teamSize":3,"safeguardingConcern":false}}`,
		`{"id":"3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f","formVersion":"1","answers":{"safeguardingConcern":true,"safeguardingDetails":"x","teamSize":1e308}}`,
		`{"id":"3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f","formVersion":"1","answers":{"safeFeelSafe":["good"],"teamSize":"3","__proto__":{}}}`,
		`{"id":1}`, `[]`, `null`, `{"answers":{"a":{"b":{"c":[[[[]]]]}}}}`, "{\"id\":\"\xff\"}",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	env := form.Env{Today: "2026-06-15", ServiceExists: func(id string) bool { return id == "svc-a" }}
	f.Fuzz(func(t *testing.T, body []byte) {
		sub, err := intake.DecodeSubmission(body, "quality-checker-visit")
		if err != nil {
			if code := chorus.ErrorCode(err); code != chorus.EMALFORMED && code != chorus.ETOOLARGE {
				t.Fatalf("decoding gave %q: %v", code, err)
			}
			return
		}
		if sub.FormID != "quality-checker-visit" || sub.ID == "" {
			t.Fatalf("decoded %+v", sub)
		}
		_ = sub.Fingerprint()
		clean, problems := visit.CheckAnswers(sub.Answers, env)
		for _, p := range problems {
			if p.Question == "" || p.Message == "" {
				t.Fatalf("problem without question or message: %+v", p)
			}
		}
		if len(problems) > 0 {
			return
		}
		// Stored answers must pass the rules again, once turned to JSON and
		// back, as they would be on a second check.
		b, err := json.Marshal(clean)
		if err != nil {
			t.Fatal(err)
		}
		var again map[string]any
		if err := json.Unmarshal(b, &again); err != nil {
			t.Fatal(err)
		}
		if _, problems := visit.CheckAnswers(again, env); len(problems) > 0 {
			t.Fatalf("clean answers %s fail the rules: %v", b, problems)
		}
	})
}

// FuzzDecodeBatch: a sync body, however broken, is refused with a domain
// error or split into items, never a panic; every item stays within the
// batch limits.
func FuzzDecodeBatch(f *testing.F) {
	for _, s := range []string{
		`{"responses":[{"id":"3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f","formId":"f","formVersion":"1","answers":{}}]}`,
		`{"responses":[]}`, `{"responses":null}`, `{"responses":[1,"x",{}]}`, `{}`, `[]`, `{"responses":[{"id":"\u0000"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		items, err := intake.DecodeBatch(body)
		if err != nil {
			if chorus.ErrorCode(err) == chorus.EINTERNAL {
				t.Fatalf("internal error for a client's body: %v", err)
			}
			return
		}
		if len(items) > intake.MaxBatch {
			t.Fatalf("%d items got through", len(items))
		}
		for _, it := range items {
			_, _ = intake.DecodeSubmission(it, "")
		}
	})
}

package intake

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// A response may say the language it was filled in: the form's main
// language or one of its translations, in any case (kept as the form
// writes it); another is refused naming it and the languages there are.
func TestResponseLanguage(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/translations.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases struct {
		Form json.RawMessage `json:"form"`
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	f, errs := form.Parse("translations.json", cases.Form, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for in, want := range map[string]string{"": "", "en": "en", "pl": "pl", "AR": "ar"} {
		if got, err := language(f, in); err != nil || got != want {
			t.Errorf("language %q: %q, %v; want %q", in, got, err, want)
		}
	}
	_, err = language(f, "de")
	if chorus.ErrorCode(err) != chorus.EINVALID || !strings.Contains(chorus.ErrorMessage(err), `"de"`) ||
		!strings.Contains(chorus.ErrorMessage(err), "pl (Polski)") {
		t.Errorf("an unknown language: %v", err)
	}

	body := `{"id":"3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f","formVersion":"1","answers":{},"language":"pl"}`
	sub, err := DecodeSubmission([]byte(body), "f")
	if err != nil || sub.Language != "pl" {
		t.Fatalf("decoded %+v, %v", sub, err)
	}
	plain := sub
	plain.Language = ""
	if sub.Fingerprint() == plain.Fingerprint() {
		t.Error("the language is not part of the fingerprint")
	}
	long := strings.Replace(body, `"pl"`, `"`+strings.Repeat("x", 36)+`"`, 1)
	if _, err := DecodeSubmission([]byte(long), "f"); !strings.Contains(chorus.ErrorMessage(err), `"language" is too long`) {
		t.Errorf("a language of 36 characters: %v", err)
	}
}

// A response that says no language keeps the fingerprint it had before
// responses could say one, so that a copy sent again is still known.
func TestFingerprintWithoutLanguage(t *testing.T) {
	s := chorus.Submission{FormID: "f", FormVersion: "1", Answers: map[string]any{"a": "b"}}
	before, _ := json.Marshal(struct {
		FormID      string         `json:"f"`
		FormVersion string         `json:"v"`
		Answers     map[string]any `json:"a"`
		StartedAt   time.Time      `json:"s"`
		CompletedAt time.Time      `json:"c"`
	}{s.FormID, s.FormVersion, s.Answers, s.StartedAt, s.CompletedAt})
	sum := sha256.Sum256(before)
	if got := s.Fingerprint(); got != hex.EncodeToString(sum[:16]) {
		t.Errorf("fingerprint %q, before languages %x", got, sum[:16])
	}
}

package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chorus/internal/cli"
)

// chorus forms check checks translations as the server does, and warns
// of a partial one without failing.
func TestFormsCheckTranslations(t *testing.T) {
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
	dir := t.TempDir()
	file := filepath.Join(dir, "translated.json")
	if err := os.WriteFile(file, cases.Form, 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"forms", "check", dir}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if want := "  warning: translated.json: translation ar (العربية) is partial: 12 of 20 texts are shown in English"; !strings.Contains(out.String(), want) {
		t.Errorf("missing %q in:\n%s", want, out.String())
	}

	broken := strings.Replace(string(cases.Form), `"visits.hint": "Pomyśl`, `"visits.hnit": "Pomyśl`, 1)
	if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"forms", "check", dir}, &out, &errs); code != 1 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	for _, want := range []string{
		`translated.json: visits: translation pl (Polski): "visits.hnit" is not a text of this form`,
		`translated.json: visits: translation pl (Polski) has no text for "visits.hint": add it, or mark the translation partial: true to show the English text where it has none`,
	} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("missing %q in:\n%s", want, errs.String())
		}
	}
}

package form_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"chorus/internal/form"
)

// TestSharedGuidance reads the guidance texts the web app's tests read too.
func TestSharedGuidance(t *testing.T) {
	data, err := os.ReadFile("../../testdata/guidance.json")
	if err != nil {
		t.Fatal(err)
	}
	var shared struct {
		Cases []struct {
			Name   string       `json:"name"`
			Body   string       `json:"body"`
			Blocks []form.Block `json:"blocks"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &shared); err != nil || len(shared.Cases) < 10 {
		t.Fatalf("the shared file: %d cases, %v", len(shared.Cases), err)
	}
	for _, c := range shared.Cases {
		t.Run(c.Name, func(t *testing.T) {
			got := form.ParseGuidance(c.Body)
			if len(got) == 0 && len(c.Blocks) == 0 {
				return
			}
			if !reflect.DeepEqual(got, c.Blocks) {
				g, _ := json.Marshal(got)
				w, _ := json.Marshal(c.Blocks)
				t.Errorf("got  %s\nwant %s", g, w)
			}
		})
	}
}

func TestGuidanceProblems(t *testing.T) {
	if p := form.GuidanceProblems("[ok](https://example.org) [mail](mailto:a@b.c) [here](/x)"); len(p) != 0 {
		t.Errorf("safe links refused: %v", p)
	}
	p := form.GuidanceProblems("[x](javascript:alert(1)) [y](http://example.org) <b>bold</b>")
	if len(p) != 2 || !strings.Contains(p[0], "http://example.org") || !strings.Contains(p[1], "HTML") {
		t.Errorf("problems = %v", p)
	}
}

package form_test

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// sharedCases are the answer rules that the web app's tests read too.
type sharedCases struct {
	Today    string          `json:"today"`
	Services []string        `json:"services"`
	Form     json.RawMessage `json:"form"`
	Cases    []answerCase    `json:"cases"`
}

// answerCase is one shared case: answers, the questions they have
// problems with, and what is stored when they have none.
type answerCase struct {
	Name     string         `json:"name"`
	Answers  map[string]any `json:"answers"`
	Problems []string       `json:"problems"`
	Stored   map[string]any `json:"stored"`
}

// sharedFiles are the shared case files, each with the fewest cases it
// holds (a check that it loaded).
var sharedFiles = map[string]int{"answer-rules.json": 40, "answer-rules-consultation.json": 30}

func loadShared(t *testing.T) (sharedCases, *form.Form) {
	t.Helper()
	return loadSharedFile(t, "answer-rules.json")
}

func loadSharedFile(t *testing.T, name string) (sharedCases, *form.Form) {
	t.Helper()
	data, err := os.ReadFile("../../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var sc sharedCases
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&sc); err != nil {
		t.Fatal(err)
	}
	f, errs := form.Parse(name, sc.Form, time.UTC)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return sc, f
}

// expandLong turns "LONG:n" into n letters, so that the shared file stays small.
func expandLong(answers map[string]any) {
	for k, v := range answers {
		if s, ok := v.(string); ok && strings.HasPrefix(s, "LONG:") {
			n, _ := strconv.Atoi(strings.TrimPrefix(s, "LONG:"))
			answers[k] = strings.Repeat("x", n)
		}
	}
}

func TestSharedAnswerRules(t *testing.T) {
	for name, least := range sharedFiles {
		t.Run(name, func(t *testing.T) { testSharedFile(t, name, least) })
	}
}

func testSharedFile(t *testing.T, name string, least int) {
	sc, f := loadSharedFile(t, name)
	services := map[string]bool{}
	for _, s := range sc.Services {
		services[s] = true
	}
	env := form.Env{Today: sc.Today, ServiceExists: func(id string) bool { return services[id] }}
	if len(sc.Cases) < least {
		t.Fatalf("only %d shared cases: the file did not load as expected", len(sc.Cases))
	}
	for _, tc := range sc.Cases {
		t.Run(tc.Name, func(t *testing.T) {
			expandLong(tc.Answers)
			stored, problems := f.CheckAnswers(tc.Answers, env)
			got := []string{}
			for _, p := range problems {
				got = append(got, p.Question)
				if p.Message == "" {
					t.Errorf("problem for %s has no message", p.Question)
				}
			}
			want := append([]string{}, tc.Problems...)
			sort.Strings(got)
			sort.Strings(want)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("problems = %v, want %v (%v)", got, want, problems)
			}
			if tc.Stored != nil {
				if !reflect.DeepEqual(normalise(stored), normalise(tc.Stored)) {
					t.Fatalf("stored = %#v, want %#v", stored, tc.Stored)
				}
			}
		})
	}
}

// normalise makes stored answers and expected JSON comparable.
func normalise(m map[string]any) string {
	b, _ := json.Marshal(m)
	var out any
	_ = json.Unmarshal(b, &out)
	b, _ = json.Marshal(out)
	return string(b)
}

func TestStoredValueTypes(t *testing.T) {
	_, f := loadShared(t)
	stored, problems := f.CheckAnswers(map[string]any{
		"name": "Sam", "happy": true, "agree": true,
		"people": json.Number("7"), "score": json.Number("2.5"), "pets": []any{"dog"},
	}, form.Env{Today: "2026-06-15"})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if v, ok := stored["people"].(int64); !ok || v != 7 {
		t.Errorf("whole number stored as %T %v, want int64 7", stored["people"], stored["people"])
	}
	if v, ok := stored["score"].(float64); !ok || v != 2.5 {
		t.Errorf("fraction stored as %T %v, want float64 2.5", stored["score"], stored["score"])
	}
	if v, ok := stored["pets"].([]string); !ok || len(v) != 1 || v[0] != "dog" {
		t.Errorf("multiple choice stored as %T %v, want []string{dog}", stored["pets"], stored["pets"])
	}
}

func TestMessagesNameTheQuestion(t *testing.T) {
	_, f := loadShared(t)
	_, problems := f.CheckAnswers(map[string]any{"people": json.Number("99")}, form.Env{})
	byID := map[string]chorus.Problem{}
	for _, p := range problems {
		byID[p.Question] = p
	}
	if m := byID["people"].Message; !strings.Contains(m, "“People”") || !strings.Contains(m, "50 or less") {
		t.Errorf("message for people = %q", m)
	}
	if m := byID["name"].Message; !strings.Contains(m, "“Name”") {
		t.Errorf("message for name = %q", m)
	}
}

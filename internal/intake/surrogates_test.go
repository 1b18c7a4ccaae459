package intake

import (
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
)

func TestLoneSurrogate(t *testing.T) {
	for in, want := range map[string]string{
		`{"answers":{"name":"a\ud800b"}}`:                 `answers.name \ud800`,
		`{"answers":{"name":"\uDC00"}}`:                   `answers.name \uDC00`,
		`{"answers":{"likes":["a","x\ud83d\u0041"]}}`:     `answers.likes \ud83d`,
		`{"answers":{"a":{"b":1},"c":"\udfff"},"d":"ok"}`: `answers.c \udfff`,
		`{"id":"x","answers":{},"website":"\ud800"}`:      `website \ud800`,
		`{"answers":{"\ud800":"x"}}`:                      "answers.\uFFFD \\ud800",
		`{"answers":{"name":"\ud83d\ude00"}}`:             "",
		`{"answers":{"name":"\\ud800 is written out"}}`:   "",
		`{"answers":{"name":"\u00e9\u20ac"}}`:             "",
		`{"answers":{"name":"\ud800`:                      "answers.name \\ud800",
		`["\ud800"]`:                                      ` \ud800`,
	} {
		field, escape, ok := loneSurrogate([]byte(in))
		got := ""
		if ok {
			got = field + " " + escape
		}
		if got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
	deep := strings.Repeat("[", 20_000) + `"\ud800"` + strings.Repeat("]", 20_000)
	if _, _, ok := loneSurrogate([]byte(deep)); ok {
		t.Error("read past the depth the decoder refuses")
	}
}

func TestPlausibleTimes(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		started, completed time.Time
		dropped            string
	}{
		{time.Date(1999, 1, 1, 0, 0, 0, 0, time.UTC), time.Time{}, "startedAt"},
		{time.Time{}, time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), "completedAt"},
		{now.Add(-time.Hour), now.Add(25 * time.Hour), "completedAt"},
		{time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC), now.Add(48 * time.Hour), "startedAt completedAt"},
		{time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), now.Add(23 * time.Hour), ""},
		{time.Time{}, time.Time{}, ""},
	} {
		sub := chorus.Submission{StartedAt: c.started, CompletedAt: c.completed}
		got := strings.Join(plausibleTimes(&sub, now), " ")
		if got != c.dropped {
			t.Errorf("%v %v: dropped %q, want %q", c.started, c.completed, got, c.dropped)
		}
		for _, f := range strings.Fields(got) {
			if f == "startedAt" && !sub.StartedAt.IsZero() || f == "completedAt" && !sub.CompletedAt.IsZero() {
				t.Errorf("%s was reported dropped but kept", f)
			}
		}
		if got == "" && (sub.StartedAt != c.started || sub.CompletedAt != c.completed) {
			t.Errorf("plausible times changed: %v %v", sub.StartedAt, sub.CompletedAt)
		}
	}
}

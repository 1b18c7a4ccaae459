package catalog

import "testing"

func TestNextVersion(t *testing.T) {
	for v, want := range map[string]string{"": "1", "1": "2", "9": "10", "1.9": "1.10", "2026-03": "2026-4", "beta": "beta.1", "v3": "v4"} {
		if got := NextVersion(v); got != want {
			t.Errorf("NextVersion(%q) = %q, want %q", v, got, want)
		}
	}
}

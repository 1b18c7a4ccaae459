package intake

import "testing"

func TestVersionOrder(t *testing.T) {
	for _, c := range [][2]string{{"2", "10"}, {"1.9", "1.10"}, {"1.2", "1.2.1"}, {"2025-01", "2025-02"}, {"1", "1a"}, {"v2", "v10"}} {
		if !VersionLess(c[0], c[1]) || VersionLess(c[1], c[0]) {
			t.Errorf("want %s before %s", c[0], c[1])
		}
	}
	if VersionLess("3", "3") {
		t.Error("a version is not before itself")
	}
}

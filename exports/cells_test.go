package exports

import (
	"strings"
	"testing"
	"unicode/utf16"
)

func TestSafeTextDisarmsFormulas(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")",
		"+1 555":                   "'+1 555",
		"-2+3":                     "'-2+3",
		"@SUM(A1)":                 "'@SUM(A1)",
		"\tcmd":                    "'\tcmd",
		"\r=1":                     "'\r=1",
		"plain = fine":             "plain = fine",
		"":                         "",
	} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFitCellFlagsWhatItCuts(t *testing.T) {
	short := strings.Repeat("a", maxCellChars)
	if got, cut := fitCell(short); cut || got != short {
		t.Fatal("a text that fits was changed")
	}
	// Emoji take two UTF-16 units each, as spreadsheet programs count them.
	long := strings.Repeat("😀", 20000)
	got, cut := fitCell(long)
	if !cut {
		t.Fatal("a text of 40,000 units was not cut")
	}
	if n := len(utf16.Encode([]rune(got))); n > maxCellChars {
		t.Errorf("cut text still has %d units", n)
	}
	if !strings.HasSuffix(got, "The CSV download has it in full.]") || !strings.Contains(got, "[CUT: this answer has 40000 characters") {
		t.Errorf("no flag at the end: %q", got[len(got)-120:])
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := columnName(n); got != want {
			t.Errorf("columnName(%d) = %s, want %s", n, got, want)
		}
	}
}

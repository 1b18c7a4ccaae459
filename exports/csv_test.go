package exports

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"testing"
)

// TestCSVDisarmsWhatOtherSeparatorsWouldSplit: a field holding a
// separator or a line break is quoted, and a ' goes where = + - or @
// would start a cell if the file were split there; a plain field, a
// number or a date is written as it is. Each reads back as written.
func TestCSVDisarmsWhatOtherSeparatorsWouldSplit(t *testing.T) {
	for in, want := range map[string]string{
		"x;=1+1;y":              `"x;'=1+1;y"`,
		"x\t=2+2\ty":            "\"x\t'=2+2\ty\"",
		"a,=3+3":                `"a,'=3+3"`,
		"a| @SUM(A1)":           `"a|' @SUM(A1)"`,
		"fine\n=1+1\r\n-2\r+3":  "\"fine\n'=1+1\r\n'-2\r'+3\"",
		"x\t\t=1":               "\"x\t\t'=1\"",
		"a;b, c":                `"a;b, c"`,
		`say "hi"`:              `"say ""hi"""`,
		" leading space":        `" leading space"`,
		"trailing space ":       `"trailing space "`,
		"lone\rCR":              "\"lone\rCR\"",
		"a =1+1, said the form": `"a =1+1, said the form"`,
		"plain text - kept":     "plain text - kept",
		"-3.5":                  "-3.5",
		"2026-03-01 10:05:00":   "2026-03-01 10:05:00",
		"CH-7K2M-9Q":            "CH-7K2M-9Q",
		"":                      "",
	} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := writeCSVRecord(w, []string{in, "next"}); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		if got := buf.String(); got != want+",next\r\n" {
			t.Errorf("%q written as %q, want %q", in, got, want+",next\r\n")
		}
		r := csv.NewReader(&buf)
		r.LazyQuotes = true
		rec, err := r.Read()
		if err != nil || len(rec) != 2 || rec[1] != "next" {
			t.Errorf("%q read back as %q, %v", in, rec, err)
		}
	}
}

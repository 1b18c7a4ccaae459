package app_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"slices"
	"testing"
)

// readRFC4180 reads CSV as RFC 4180 says, keeping every byte of a quoted
// field (Go's encoding/csv drops a CR before an LF even within quotes).
func readRFC4180(t *testing.T, b []byte) [][]string {
	t.Helper()
	var recs [][]string
	var rec []string
	var field []byte
	for i := 0; i < len(b); {
		if b[i] == '"' {
			for i++; ; i++ {
				if i >= len(b) {
					t.Fatal("CSV: a quoted field is not closed")
				}
				if b[i] == '"' {
					if i+1 < len(b) && b[i+1] == '"' {
						field = append(field, '"')
						i++
						continue
					}
					i++
					break
				}
				field = append(field, b[i])
			}
		}
		for i < len(b) && b[i] != ',' && b[i] != '\r' {
			field = append(field, b[i])
			i++
		}
		rec = append(rec, string(field))
		field = field[:0]
		switch {
		case i < len(b) && b[i] == ',':
			i++
		case i+1 < len(b) && b[i] == '\r' && b[i+1] == '\n':
			recs, rec = append(recs, rec), nil
			i += 2
		case i >= len(b):
		default:
			t.Fatalf("CSV: a bare CR at byte %d", i)
		}
	}
	if rec != nil {
		recs = append(recs, rec)
	}
	return recs
}

// checkWithPython reads the CSV with Python's csv module, where Python is
// installed, and wants the same records.
func checkWithPython(t *testing.T, body []byte, want [][]string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 is not installed: the CSV was not read with Python's csv module")
		return
	}
	cmd := exec.Command(py, "-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding='utf-8', newline='')))))")
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("Python reads %d records, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("Python reads record %d as %q, want %q", i, got[i], want[i])
		}
	}
}

package formbook_test

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"
	"time"

	"chorus/forms"
	"chorus/internal/form"
	"chorus/internal/formbook"
)

// TestRoundTrip writes each built-in form as a workbook and reads it back:
// the form is the same, to the last field.
func TestRoundTrip(t *testing.T) {
	all, err := form.LoadFS(forms.FS, time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range all {
		t.Run(f.ID, func(t *testing.T) {
			data, err := formbook.Write(f)
			if err != nil {
				t.Fatal(err)
			}
			got, ps := formbook.Read(f.ID+".xlsx", data, time.UTC)
			if len(ps) > 0 {
				t.Fatalf("reading the written workbook:\n%s", ps)
			}
			want, _ := json.MarshalIndent(f, "", " ")
			have, _ := json.MarshalIndent(got, "", " ")
			if !bytes.Equal(want, have) {
				t.Errorf("the form changed on its way through a workbook:\n%s", diff(string(want), string(have)))
			}
			// The workbook read back writes the same workbook again.
			again, err := formbook.Write(got)
			if err != nil {
				t.Fatal(err)
			}
			if _, ps := formbook.Read("again.xlsx", again, time.UTC); len(ps) > 0 {
				t.Fatal(ps)
			}
		})
	}
}

// diff shows the first lines where two texts differ.
func diff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := 0; i < len(al) && i < len(bl); i++ {
		if !bytes.Equal(al[i], bl[i]) {
			return "line " + strconv.Itoa(i+1) + ":\n want " + string(al[i]) + "\n have " + string(bl[i])
		}
	}
	return "one is longer"
}

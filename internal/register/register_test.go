package register

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"chorus/internal/chorus"
)

func TestReadAndCompare(t *testing.T) {
	csv := "\uFEFFService ID,Name,Type,Provider,Address,CQC location ID\n" +
		"svc-oak,Oak House,Care home,Oak Ltd,1 Oak Road,1-234\n" +
		"svc-elm,Elm Court,Care home,,,\n" +
		"Bad ID,Nowhere,,,,\n" +
		"svc-oak,Oak House again,,,,\n" +
		",,,,,\n" +
		"svc-new,,,,,\n"
	rows, errs, err := Read([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Service.RegulatorID != "1-234" || rows[0].Service.Provider != "Oak Ltd" {
		t.Fatalf("rows: %+v", rows)
	}
	want := []string{`4: the id "Bad ID" must be`, `5: the id "svc-oak" is also on row 2`, `7: the name is missing`}
	if len(errs) != len(want) {
		t.Fatalf("errors: %+v", errs)
	}
	for i, w := range want {
		got := strings.Join([]string{itoa(errs[i].Row), errs[i].Message}, ": ")
		if !strings.HasPrefix(got, w) {
			t.Errorf("error %d = %q, want %q…", i, got, w)
		}
	}
	p := Compare(rows, errs, []chorus.Service{{ID: "svc-elm", Name: "Elm Court", Type: "Care home"}, {ID: "svc-oak", Name: "Oak"}})
	if p.Adds != 0 || p.Updates != 1 || p.Changes[0].Action != "change" || p.Changes[0].Before.Name != "Oak" || p.Changes[1].Action != "same" {
		t.Errorf("preview: %+v", p)
	}
}

func TestReadWorkbook(t *testing.T) {
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"id", "name", "type"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"svc-a", "A Place", "Day centre"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, errs, err := Read(buf.Bytes())
	if err != nil || len(errs) != 0 || len(rows) != 1 || rows[0].Service.Type != "Day centre" {
		t.Fatalf("%+v %+v %v", rows, errs, err)
	}
}

func TestReadRefusesWhatItCannotUse(t *testing.T) {
	for name, data := range map[string]string{
		"no header":       "svc-a,A\n",
		"empty":           "",
		"only a header":   "id,name\n",
		"not UTF-8":       "id,name\nsvc-a,\xff\xfe\n",
		"broken workbook": "PK\x03\x04 not really a zip",
	} {
		if _, _, err := Read([]byte(data)); chorus.ErrorCode(err) != chorus.EINVALID {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func itoa(n int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + string(rune('0'+n))) }

// FuzzRead: no upload, however broken, panics or returns a row without an
// id and a name.
func FuzzRead(f *testing.F) {
	f.Add([]byte("id,name,type\nsvc-a,A,Care home\n"))
	f.Add([]byte("Service ID;Name\n\"svc-b\",\"B\"\n"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, _, err := Read(data)
		if err != nil {
			return
		}
		for _, r := range rows {
			if !IDPattern.MatchString(r.Service.ID) || r.Service.Name == "" {
				t.Fatalf("a bad row got through: %+v", r)
			}
		}
	})
}

func TestReadSemicolonsAndQuotedHeaders(t *testing.T) {
	for name, data := range map[string]string{
		"semicolons":         "id;name;type\nsvc-a;A Place;Care home\n",
		"BOM, quoted header": "\uFEFF\"id\",\"name\"\n\"svc-a\",\"A Place\"\n",
	} {
		rows, errs, err := Read([]byte(data))
		if err != nil || len(errs) != 0 || len(rows) != 1 || rows[0].Service.Name != "A Place" {
			t.Errorf("%s: %+v %+v %v", name, rows, errs, err)
		}
	}
}

func TestThirdCopyPointsAtTheFirst(t *testing.T) {
	_, errs, err := Read([]byte("id,name\nsvc-a,A\nsvc-a,B\nsvc-a,C\n"))
	if err != nil || len(errs) != 2 || !strings.Contains(errs[1].Message, "also on row 2") {
		t.Fatalf("%+v %v", errs, err)
	}
}

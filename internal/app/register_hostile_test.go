package app_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"chorus/internal/xlsxtest"
)

// TestHostileRegisterUploads: an officer's upload of a register that
// would take the server's memory or time (issue 16) is previewed or
// refused within seconds, with a problem for the refusal, and the server
// stays healthy.
func TestHostileRegisterUploads(t *testing.T) {
	h := start(t, "testdata/forms", "")
	officer := h.signIn(t, "officer")
	header := `<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>name</t></is></c></row>`
	rows := func(cells string) string {
		var b strings.Builder
		b.WriteString(header)
		for r := 2; r <= 5001; r++ {
			fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>svc-%05d</t></is></c>%s</row>`, r, r, r, strings.ReplaceAll(cells, "#", fmt.Sprint(r)))
		}
		return b.String()
	}
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	for range 200 {
		_, _ = w.Write(bytes.Repeat([]byte(" "), 1<<20))
	}
	zw.Close()
	for _, c := range []struct {
		name   string
		data   []byte
		status int
		want   string
	}{
		{"a 1 MB shared text in 5,000 rows", xlsxtest.WithSheet(t, rows(`<c r="B#" t="s"><v>0</v></c>`), strings.Repeat("a", 1<<20)), 200, `"the name (column B) is longer than 2000 characters"`},
		{"a cell in column XFD on every row", xlsxtest.WithSheet(t, rows(`<c r="B#" t="s"><v>0</v></c><c r="XFD#" t="s"><v>0</v></c>`), "Oak House"), 200, `"adds":5000`},
		{"a sheet that unpacks to 200 MB", bomb.Bytes(), 422, "unpacks to more than 16 MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			began := time.Now()
			r := h.as(t, officer, "POST", "/api/v1/services/import", "application/octet-stream", c.data)
			if took := time.Since(began); took > 5*time.Second {
				t.Errorf("the preview took %s", took)
			}
			if c.status != 200 {
				wantProblem(t, r, c.status)
			}
			if r.status != c.status || !strings.Contains(string(r.raw), c.want) {
				t.Errorf("%d %.300s; want %d with %s", r.status, r.raw, c.status, c.want)
			}
			if hz := h.get(t, "/healthz"); hz.status != 200 {
				t.Fatalf("unhealthy after: %d", hz.status)
			}
		})
	}
}

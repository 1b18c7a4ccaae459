package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/cli"
)

// TestExportIsAudited: chorus export writes to the audit log as the
// server's downloads do, by "user:command-line", with no one's name; a
// service filter that names no service in the register is refused and
// writes no file (issue 16).
func TestExportIsAudited(t *testing.T) {
	dir := t.TempDir()
	a := serve(t, dir, 3)
	defer a.Shutdown(context.Background())
	out := filepath.Join(dir, "out.csv")
	var stdout, stderr bytes.Buffer
	if code := cli.Main(context.Background(), []string{"export", "--form", "survey", "--from", "2020-01-01", "--status", "new", "--out", out}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	entries, err := a.Store.Audit(context.Background(), time.Time{}, false, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got *chorus.AuditEntry
	for i := range entries {
		if entries[i].Action == chorus.AuditExport {
			got = &entries[i]
		}
	}
	if got == nil {
		t.Fatalf("no export in the audit log: %+v", entries)
	}
	details, _ := json.Marshal(got.Details)
	if got.Actor != "user:command-line" || got.Target != "form:survey" || got.Outcome != "ok" {
		t.Errorf("audit entry: %+v", got)
	}
	for _, want := range []string{`"format":"csv"`, `"layout":"responses"`, `"from":"2020-01-01"`, `"status":"new"`, `"rows":3`} {
		if !strings.Contains(string(details), want) {
			t.Errorf("audit details %s lack %s", details, want)
		}
	}

	stderr.Reset()
	unknown := filepath.Join(dir, "unknown.xlsx")
	if code := cli.Main(context.Background(), []string{"export", "--form", "survey", "--service", "svc-nowhere", "--out", unknown}, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), `No service has the id "svc-nowhere"`) {
		t.Errorf("unknown service: exit %d, %q", code, stderr.String())
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*unknown*")); len(left) != 0 {
		t.Errorf("files left: %v", left)
	}
}

// TestUsersListHasAHeaderAndStates: chorus users list names its columns
// and says whether each account is active or disabled.
func TestUsersListHasAHeaderAndStates(t *testing.T) {
	t.Setenv("CHORUS_DATA_DIR", t.TempDir())
	var out, errs bytes.Buffer
	for _, email := range []string{"boss@example.org", "gone@example.org"} {
		if code := cli.MainWithInput(context.Background(), []string{"users", "add", "--email", email, "--role", "admin"}, strings.NewReader("a long enough password\n"), &out, &errs); code != 0 {
			t.Fatalf("exit %d: %s", code, errs.String())
		}
	}
	out.Reset()
	if code := cli.Main(context.Background(), []string{"users", "list"}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 || strings.Join(strings.Fields(lines[0]), " ") != "ID ROLE EMAIL STATE" {
		t.Fatalf("list:\n%s", out.String())
	}
	for _, l := range lines[1:] {
		if f := strings.Fields(l); len(f) != 4 || f[1] != "admin" || f[3] != "active" {
			t.Errorf("row %q", l)
		}
	}
}

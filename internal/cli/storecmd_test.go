package cli_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chorus/internal/cli"
	"chorus/internal/store"
	"chorus/internal/store/ferrettest"
)

// run runs the chorus command and returns its exit code and output.
func run(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := cli.MainWithInput(context.Background(), args, strings.NewReader(""), &out, &errs)
	return code, out.String(), errs.String()
}

// openData opens the embedded store of a data directory for the test.
func openData(t *testing.T, dir string) store.Store {
	t.Helper()
	s, err := store.OpenSQLite(context.Background(), store.Options{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// The third response serve posts.
const thirdResponse = "00000000-0000-4000-8000-000000000002"

// chorus backup while the server runs: the backup, put in place of
// chorus.db in a data directory of its own, opens and holds what was sent.
func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	a := serve(t, dir, 3)
	defer a.Shutdown(context.Background())
	file := filepath.Join(t.TempDir(), "chorus-backup.db")
	code, out, errs := run("backup", file)
	if code != 0 || !strings.Contains(out, "Backed up ") || !strings.Contains(out, "holds 3 responses") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errs)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup file: %v %v, want mode 0600", fi, err)
	}
	before, _ := os.ReadFile(file)
	if code, _, errs := run("backup", file); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("a backup over an existing file: exit %d, %q", code, errs)
	}
	if after, _ := os.ReadFile(file); !bytes.Equal(before, after) {
		t.Error("the existing file was changed")
	}

	restored := t.TempDir()
	if err := os.WriteFile(filepath.Join(restored, "chorus.db"), before, 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := openData(t, restored).Response(context.Background(), thirdResponse)
	if err != nil || r.Answers["name"] != "Sam" || r.Receipt == "" {
		t.Fatalf("the response in the backup: %+v, %v", r, err)
	}

	other := filepath.Join(t.TempDir(), "other.db")
	for _, c := range []struct {
		env, value string
		args       []string
		want       string
	}{
		{"MONGODB_URI", "mongodb://127.0.0.1:1", []string{"backup", other}, "Back it up with mongodump"},
		{"CHORUS_DATA_DIR", t.TempDir(), []string{"backup", other}, "there is no embedded database in"},
		{"", "", []string{"backup", filepath.Join(dir, "no-such-folder", "b.db")}, "there is no folder"},
		{"", "", []string{"backup"}, "usage: chorus backup FILE"},
	} {
		t.Run(strings.Join(c.args, " ")+" "+c.env, func(t *testing.T) {
			if c.env != "" {
				t.Setenv(c.env, c.value)
			}
			if code, _, errs := run(c.args...); code != 1 || !strings.Contains(errs, c.want) {
				t.Errorf("exit %d, %q; want 1 and %q", code, errs, c.want)
			}
			if _, err := os.Stat(other); !os.IsNotExist(err) {
				t.Errorf("a file was left: %v", err)
			}
		})
	}
}

// chorus store copy into MongoDB (FerretDB standing in) and back into a
// new data directory; again, it changes nothing; into data that is not
// empty, it stops and says so.
func TestStoreCopyCommand(t *testing.T) {
	dir := t.TempDir()
	a := serve(t, dir, 3)
	var errs bytes.Buffer
	if code := cli.MainWithInput(context.Background(), []string{"users", "add", "--email", "boss@example.org", "--role", "admin"},
		strings.NewReader("a long enough password\n"), &bytes.Buffer{}, &errs); code != 0 {
		t.Fatalf("users add: exit %d %s", code, errs.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	uri, _ := ferrettest.Start(t, t.TempDir(), nil)

	code, out, stderr := run("store", "copy", "--to", uri)
	if code != 0 {
		t.Fatalf("copy --to: exit %d, %q %q", code, out, stderr)
	}
	for _, want := range []string{"Copying from embedded (SQLite) in " + filepath.Join(dir, "chorus.db"), ", database chorus\n",
		"responses: 3 of 3 copied\n", "users: 1 of 1 copied\n", "responses                     3            3\n", "Done: ", "start the server with MONGODB_URI"} {
		if !strings.Contains(out, want) {
			t.Errorf("copy --to: no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "already held") || strings.Contains(out, "DIFFERS") {
		t.Errorf("copy --to:\n%s", out)
	}
	if code, out, errs := run("store", "copy", "--to", uri); code != 0 || !strings.Contains(out, "responses: 3 of 3 copied") ||
		!strings.Contains(out, "Done: ") {
		t.Errorf("copy --to again: exit %d, %q %q", code, out, errs)
	}

	back := t.TempDir()
	t.Setenv("CHORUS_DATA_DIR", back)
	if code, out, errs := run("store", "copy", "--from", uri); code != 0 || !strings.Contains(out, "responses: 3 of 3 copied") ||
		!strings.Contains(out, "CHORUS_DATA_DIR="+back) {
		t.Fatalf("copy --from: exit %d, %q %q", code, out, errs)
	}
	s := openData(t, back)
	if r, err := s.Response(context.Background(), thirdResponse); err != nil || r.Answers["name"] != "Sam" {
		t.Errorf("the response copied back: %+v, %v", r, err)
	}
	if u, err := s.UserByEmail(context.Background(), "boss@example.org"); err != nil || u == nil || u.PasswordHash == "" {
		t.Errorf("the user copied back: %+v, %v", u, err)
	}

	// Data of its own in the destination: nothing is copied.
	full := t.TempDir()
	b := serve(t, full, 5)
	if err := b.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	code, out, stderr = run("store", "copy", "--from", uri)
	if code != 1 || !strings.Contains(stderr, "already holds other data") || !strings.Contains(stderr, "responses (5 documents, against 3 in the source)") ||
		!strings.Contains(stderr, "if "+filepath.Join(full, "chorus.db")+" holds only an earlier copy") || !strings.Contains(out, "responses                     3            5  DIFFERS") {
		t.Errorf("copy --from into other data: exit %d, %q %q", code, out, stderr)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"store", "copy", "--from", uri, "--db", "nothing_here"}, "the source holds no data"},
		{[]string{"store", "copy", "--to", uri}, "there is no embedded database in"},
		{[]string{"store", "copy", "--to", "http://example.org"}, "must start with mongodb://"},
		{[]string{"store", "copy", "--to", uri, "--db", "a.b"}, `--db: "a.b" is not a database name`},
		{[]string{"store", "copy", "--to", uri, "--from", uri}, "usage: chorus store copy"},
		{[]string{"store", "copy"}, "usage: chorus store copy"},
		{[]string{"store"}, "usage: chorus store copy"},
	} {
		t.Setenv("CHORUS_DATA_DIR", t.TempDir())
		if code, _, errs := run(c.args...); code != 1 || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %q; want 1 and %q", c.args, code, errs, c.want)
		}
	}
	if code, out, _ := run("store", "-h"); code != 0 || !strings.Contains(out, "for the final move stop the server") {
		t.Errorf("store -h: exit %d, %q", code, out)
	}
}

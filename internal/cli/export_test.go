package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"chorus/internal/app"
	"chorus/internal/cli"
	"chorus/internal/config"
)

// serve runs a server on dataDir with the test forms and stores n
// responses through its API.
func serve(t *testing.T, dataDir string, n int) *app.App {
	t.Helper()
	env := map[string]string{"CHORUS_ADDR": "127.0.0.1:0", "CHORUS_DATA_DIR": dataDir, "CHORUS_FORMS_DIR": "../app/testdata/forms"}
	for k, v := range env {
		t.Setenv(k, v)
	}
	cfg, err := config.FromEnv(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Start(); err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 10 * time.Second}
	for i := range n {
		body, _ := json.Marshal(map[string]any{"id": "00000000-0000-4000-8000-00000000000" + string(rune('0'+i)), "formVersion": "1",
			"answers": map[string]any{"name": "Sam", "happy": true, "score": i}})
		resp, err := client.Post(a.URL()+"/api/v1/forms/survey/responses", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 201 {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	client.CloseIdleConnections()
	return a
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	a := serve(t, dir, 3)
	stopped := false
	stop := func() {
		if !stopped {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = a.Shutdown(ctx)
			stopped = true
		}
	}
	t.Cleanup(stop)

	// While the server runs, the command reads through its database.
	xlsx := filepath.Join(dir, "out.xlsx")
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"export", "--form", "survey", "--out", xlsx}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(errs.String(), "Wrote 3 responses to "+xlsx) {
		t.Errorf("no final line: %q", errs.String())
	}
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Responses")
	about, _ := f.GetRows("About")
	f.Close()
	if len(rows) != 4 || rows[3][9] != "2" {
		t.Errorf("rows: %q", rows)
	}
	if !strings.Contains(flat(about), "Exported by|chorus export, run by ") {
		t.Errorf("About: %s", flat(about))
	}

	// With the server stopped, it starts the embedded database itself.
	stop()
	csvPath := filepath.Join(dir, "out.csv")
	errs.Reset()
	if code := cli.Main(context.Background(), []string{"export", "--form", "survey", "--from", "2020-01-01", "--out", csvPath}, &out, &errs); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	b, err := os.ReadFile(csvPath)
	if err != nil || !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) || bytes.Count(b, []byte("\r\n")) != 4 {
		t.Errorf("CSV: %v %q", err, b)
	}

	// Mistakes are told plainly, and leave no file behind.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "--form", "nope", "--out", filepath.Join(dir, "a.xlsx")}, `There is no form with the id "nope"`},
		{[]string{"export", "--form", "survey", "--from", "27/11/2026", "--out", filepath.Join(dir, "b.xlsx")}, "is not a date"},
		{[]string{"export", "--form", "survey"}, "usage: chorus export"},
		{[]string{"export", "--form", "survey", "--labels", "pl", "--out", filepath.Join(dir, "c.xlsx")}, `is not in the language "pl": ask for labels in en (English)`},
	} {
		errs.Reset()
		if code := cli.Main(context.Background(), c.args, &out, &errs); code != 1 || !strings.Contains(errs.String(), c.want) {
			t.Errorf("%v: exit %d, %q", c.args, code, errs.String())
		}
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(left) != 1 {
		t.Errorf("files left: %v", left)
	}
}

func flat(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "|") + "\n")
	}
	return b.String()
}

func TestUsersCommand(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("CHORUS_DATA_DIR", dir)
	var out, errs bytes.Buffer
	add := func(email, role, password string) int {
		out.Reset()
		errs.Reset()
		return cli.MainWithInput(context.Background(), []string{"users", "add", "--email", email, "--role", role}, strings.NewReader(password+"\n"), &out, &errs)
	}
	if code := add("Boss@Example.org", "admin", "a long enough password"); code != 0 {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	if !strings.Contains(out.String(), "Added boss@example.org (admin)") {
		t.Errorf("output: %q", out.String())
	}
	if code := add("short@example.org", "officer", "short"); code != 1 || !strings.Contains(errs.String(), "at least 12 characters") {
		t.Errorf("short password: exit %d, %q", code, errs.String())
	}
	if code := add("boss@example.org", "officer", "another long password"); code != 1 || !strings.Contains(errs.String(), "already a user") {
		t.Errorf("same email: exit %d, %q", code, errs.String())
	}
	out.Reset()
	if code := cli.Main(context.Background(), []string{"users", "list"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "admin  boss@example.org  active") {
		t.Errorf("list: exit %d, %q", code, out.String())
	}

	// The server, started on the same data, lets the new admin sign in.
	a := serve(t, dir, 0)
	defer a.Shutdown(context.Background())
	body, _ := json.Marshal(map[string]string{"email": "boss@example.org", "password": "a long enough password"})
	resp, err := http.Post(a.URL()+"/api/v1/session", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 {
		t.Fatalf("sign-in: %d", resp.StatusCode)
	}
}

func TestStatsRecount(t *testing.T) {
	dir := t.TempDir()
	a := serve(t, dir, 3)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	if code := cli.Main(context.Background(), []string{"stats", "recount"}, &out, &errs); code != 0 || !strings.Contains(out.String(), "survey: 3 responses") {
		t.Fatalf("exit %d: %q %q", code, out.String(), errs.String())
	}
}

package cli_test

import (
	"bytes"
	"context"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"chorus/internal/cli"
	"chorus/internal/store"
)

// healthcheck runs `chorus healthcheck` with CHORUS_ADDR set to addr.
func healthcheck(t *testing.T, addr string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("CHORUS_ADDR", addr)
	var out, errs bytes.Buffer
	code = cli.Main(context.Background(), []string{"healthcheck"}, &out, &errs)
	return code, out.String(), errs.String()
}

// The health check a container runs, against a real server: 0 while it
// answers /healthz, 1 with a message saying why once it cannot reach its
// database, or has stopped.
func TestHealthcheck(t *testing.T) {
	a := serve(t, t.TempDir(), 0)
	stopped := false
	t.Cleanup(func() {
		if !stopped {
			_ = a.Shutdown(context.Background())
		}
	})
	u, err := url.Parse(a.URL())
	if err != nil {
		t.Fatal(err)
	}
	port := u.Port()

	// As in the image: CHORUS_ADDR=:8080, checked on the loopback address.
	for _, addr := range []string{":" + port, "127.0.0.1:" + port, "0.0.0.0:" + port} {
		code, out, errs := healthcheck(t, addr)
		if code != 0 || !strings.Contains(out, "healthy: http://127.0.0.1:"+port+"/healthz answered 200") {
			t.Errorf("CHORUS_ADDR=%s, server up: exit %d, stdout %q, stderr %q", addr, code, out, errs)
		}
	}

	sim, ok := a.Store.(store.OutageSimulator)
	if !ok {
		t.Fatalf("the store %s cannot simulate an outage", a.Store.Describe())
	}
	if err := sim.SimulateOutage(context.Background()); err != nil {
		t.Fatal(err)
	}
	code, _, errs := healthcheck(t, ":"+port)
	if code != 1 || !strings.Contains(errs, "503") || !strings.Contains(errs, "cannot reach its database") {
		t.Errorf("database down: exit %d, stderr %q", code, errs)
	}
	if err := sim.EndSimulatedOutage(); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := healthcheck(t, ":"+port); code != 0 {
		t.Errorf("database back: exit %d, stderr %q", code, errs)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	stopped = true
	if err := a.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	code, out, errs := healthcheck(t, ":"+port)
	if code != 1 || out != "" || !strings.Contains(errs, "chorus: unhealthy: http://127.0.0.1:"+port+"/healthz did not answer") {
		t.Errorf("server down: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// A server that takes the connection but never answers fails the check
// within its few seconds, and a CHORUS_ADDR without a port is said to be
// wrong.
func TestHealthcheckTimesOutAndNeedsAPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close() // never accepted: the request waits for an answer
	began := time.Now()
	code, _, errs := healthcheck(t, ln.Addr().String())
	if took := time.Since(began); code != 1 || took > 10*time.Second || !strings.Contains(errs, "did not answer within 3s") {
		t.Errorf("a server that never answers: exit %d after %v, stderr %q", code, took, errs)
	}
	if code, _, errs := healthcheck(t, "localhost"); code != 1 || !strings.Contains(errs, "CHORUS_ADDR") {
		t.Errorf("no port: exit %d, stderr %q", code, errs)
	}
	var out, errb bytes.Buffer
	if code := cli.Main(context.Background(), []string{"healthcheck", "extra"}, &out, &errb); code != 1 {
		t.Errorf("an argument: exit %d", code)
	}
}

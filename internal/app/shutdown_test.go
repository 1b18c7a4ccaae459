package app_test

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"
)

// A browser opens connections before it needs them. One that has sent
// nothing must not hold a graceful shutdown until its read timeout (30 s, more
// than the shutdown grace, and more than `docker stop` waits). Requests in
// flight are still answered: TestReliabilityGracefulShutdown.
func TestShutdownDoesNotWaitForUnusedConnections(t *testing.T) {
	var logs syncBuffer
	h := startLogged(t, "127.0.0.1:0", "testdata/forms", "", &logs)
	addr := strings.TrimPrefix(h.url, "http://")
	idle, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	// Make sure the server has accepted it before shutting down.
	if r := h.get(t, "/healthz"); r.status != 200 {
		t.Fatalf("healthz: %d", r.status)
	}
	app := h.app
	h.app = nil // stopped here, not again at cleanup
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := app.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with an unused connection open: %v", err)
	}
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := idle.Read(make([]byte, 1)); err == nil {
		t.Errorf("the unused connection is still open (read %d bytes)", n)
	}
	// Closing it is not an error of the server's.
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logs.String())
	}
}

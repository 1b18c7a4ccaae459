package cli

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"chorus/internal/config"
)

// healthTimeout bounds the health check, well under a container
// platform's own timeout for it.
const healthTimeout = 3 * time.Second

// healthcheckCmd asks the server on this machine whether it is well: a GET
// of /healthz at the port of CHORUS_ADDR, which answers 200 only when the
// database can be reached. It is for container health checks (the image
// has no shell nor curl): an error, and so exit code 1, unless the answer
// is 200.
func healthcheckCmd(ctx context.Context, args []string, stdout io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("usage: chorus healthcheck (it takes no arguments; it reads CHORUS_ADDR)")
	}
	addr := strings.TrimSpace(os.Getenv("CHORUS_ADDR"))
	if addr == "" {
		addr = defaultOf("CHORUS_ADDR")
	}
	url, err := healthURL(addr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	// Never through a proxy named in the environment: the server is here.
	client := &http.Client{Transport: &http.Transport{Proxy: nil}}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("unhealthy: %s did not answer within %v: %v", url, healthTimeout, err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusServiceUnavailable:
		return fmt.Errorf("unhealthy: %s answered %s: the server cannot reach its database", url, resp.Status)
	default:
		return fmt.Errorf("unhealthy: %s answered %s", url, resp.Status)
	}
	fmt.Fprintf(stdout, "healthy: %s answered %s\n", url, resp.Status)
	return nil
}

// healthURL is the address of /healthz for a server listening on addr: on
// the loopback address when it listens on every interface (":8080"), else
// on the host it names.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || port == "" {
		return "", fmt.Errorf("CHORUS_ADDR: %q is not an address with a port, such as :8080", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::", "[::]":
		host = "::1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/healthz", nil
}

// defaultOf is the documented default of an environment variable.
func defaultOf(name string) string {
	for _, v := range config.Variables {
		if v.Name == name {
			return v.Default
		}
	}
	return ""
}

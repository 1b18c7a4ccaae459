package app_test

import (
	"bufio"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"
)

// Hostile requests each get a clear 4xx problem, and the server stays
// healthy after every one.
func TestHostileRequests(t *testing.T) {
	h := start(t, "testdata/forms", "")
	id := func() string { return `"id":"` + newID() + `","formVersion":"1"` }
	many := make([]string, 10_000)
	for i := range many {
		many[i] = fmt.Sprintf(`"q%d":true`, i)
	}
	cases := []struct {
		name   string
		body   string
		status int
	}{
		{"deeply nested JSON", `{` + id() + `,"answers":{"name":` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}}`, 400},
		{"huge number", `{` + id() + `,"answers":{"name":"Sam","happy":true,"score":1e400}}`, 422},
		{"number too big for its question", `{` + id() + `,"answers":{"name":"Sam","happy":true,"score":1e300}}`, 422},
		{"invalid UTF-8", "{" + id() + `,"answers":{"name":"Sa` + "\xff\xfe" + `m","happy":true}}`, 400},
		{"NUL in an answer", `{` + id() + `,"answers":{"name":"Sa\u0000m","happy":true}}`, 422},
		{"10,000 answers", `{` + id() + `,"answers":{` + strings.Join(many, ",") + `}}`, 413},
		{"unknown field", `{` + id() + `,"answers":{"name":"Sam","happy":true},"admin":true}`, 400},
		{"prototype pollution keys", `{` + id() + `,"answers":{"__proto__":{"admin":true},"constructor":{"prototype":{}},"name":"Sam","happy":true}}`, 422},
		{"answers not an object", `{` + id() + `,"answers":"everything"}`, 400},
		{"truncated JSON", `{` + id() + `,"answers":{"name":"Sam"`, 400},
		{"two JSON values", `{` + id() + `,"answers":{"name":"Sam","happy":true}} {}`, 400},
		{"empty body", ``, 400},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := h.do(t, "POST", surveyPath, "application/json", []byte(c.body))
			wantProblem(t, r, c.status)
			if hz := h.get(t, "/healthz"); hz.status != 200 {
				t.Fatalf("unhealthy after: %d", hz.status)
			}
		})
	}
	if n := h.count(t, "survey"); n != 0 {
		t.Errorf("%d hostile responses stored", n)
	}

	t.Run("oversized headers", func(t *testing.T) {
		conn, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "GET /api/v1/forms HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 64<<10))
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		line, _ := bufio.NewReader(conn).ReadString('\n')
		if !strings.Contains(line, " 431 ") && !strings.Contains(line, " 400 ") {
			t.Errorf("status line %q, want 431", line)
		}
	})

	t.Run("slow clients", func(t *testing.T) {
		// Fifty connections that send half a request and stop do not keep
		// anyone else waiting.
		var conns []net.Conn
		for range 50 {
			c, err := net.Dial("tcp", strings.TrimPrefix(h.url, "http://"))
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprint(c, "POST /api/v1/forms/survey/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":")
			conns = append(conns, c)
		}
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		start := time.Now()
		r := h.postJSON(t, surveyPath, surveyResponse(newID()))
		if r.status != 201 || time.Since(start) > 5*time.Second {
			t.Errorf("a normal request beside slow clients: %d after %s", r.status, time.Since(start))
		}
	})
	if hz := h.get(t, "/healthz"); hz.status != 200 {
		t.Fatalf("unhealthy at the end: %d", hz.status)
	}
}

package app_test

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// chorusBinary builds the chorus command once for the tests that run it as
// its own process, to kill it.
func chorusBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chorus-bin-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "chorus")
		out, err := exec.Command("go", "build", "-o", binaryPath, "chorus/cmd/chorus").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

// process is the chorus server running as its own process.
type process struct {
	cmd     *exec.Cmd
	url     string
	exited  chan struct{} // closed when the process has ended
	exitErr error
}

// startProcess runs the server on dataDir with the test forms and waits
// until it answers.
func startProcess(t *testing.T, dataDir, addr string) *process {
	t.Helper()
	forms, _ := filepath.Abs("testdata/forms")
	cmd := exec.Command(chorusBinary(t))
	cmd.Env = append(os.Environ(), "CHORUS_ADDR="+addr, "CHORUS_DATA_DIR="+dataDir, "CHORUS_FORMS_DIR="+forms,
		"CHORUS_RATE_LIMIT=0", "CHORUS_LOG_LEVEL=error")
	cmd.Stderr = testWriter{t}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: cmd, url: "http://" + addr, exited: make(chan struct{})}
	go func() { p.exitErr = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() { _ = cmd.Process.Kill(); <-p.exited })
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if r, err := http.Get(p.url + "/healthz"); err == nil {
			r.Body.Close()
			if r.StatusCode == 200 {
				return p
			}
		}
		select {
		case <-p.exited:
			t.Fatalf("the server stopped at start-up: %v", p.exitErr)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatal("the server did not start")
	return nil
}

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// batchOf makes a sync body of n responses to the test survey.
func batchOf(n int, sent map[string]string) []byte {
	var items []any
	for range n {
		id := newID()
		name := "Crash " + id[:8]
		sent[id] = name
		items = append(items, map[string]any{"id": id, "formId": "survey", "formVersion": "1",
			"answers": map[string]any{"name": name, "happy": true}})
	}
	b, _ := jsonMarshal(map[string]any{"responses": items})
	return b
}

// The server is killed (SIGKILL) while it writes a sync batch; restarted on
// the same data directory, the embedded database opens cleanly, and the
// client's resent batch leaves every response stored exactly once.
func TestReliabilityCrashDuringSync(t *testing.T) {
	data := t.TempDir()
	addr := freeAddr(t)
	sent := map[string]string{}
	client := &http.Client{Timeout: 30 * time.Second}
	for round, delay := range []time.Duration{5 * time.Millisecond, 30 * time.Millisecond, 80 * time.Millisecond} {
		p := startProcess(t, data, addr)
		body := batchOf(500, sent)
		go func() { // the first send, cut short by the crash
			r, err := client.Post(p.url+"/api/v1/sync", "application/json", bytesReader(body))
			if err == nil {
				r.Body.Close()
			}
		}()
		time.Sleep(delay)
		if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatal(err)
		}
		<-p.exited
		p = startProcess(t, data, addr) // opens the same files after the crash
		status, raw, err := sendUntilAnswered(context.Background(), client, p.url+"/api/v1/sync", body)
		if err != nil || status != 200 {
			t.Fatalf("round %d: resend: %d %v %s", round, status, err, raw)
		}
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		<-p.exited
	}
	client.CloseIdleConnections()
	h := start(t, "testdata/forms", data)
	checkStored(t, h, sent)
}

// SIGTERM while clients send: requests in flight finish or fail cleanly,
// the server exits on its own, and every response that was answered 200 or
// 201 is in the store afterwards.
func TestReliabilityGracefulShutdown(t *testing.T) {
	data := t.TempDir()
	p := startProcess(t, data, freeAddr(t))
	var (
		mu    sync.Mutex
		acked = map[string]string{}
		other = map[int]int{}
	)
	var sending atomic.Bool
	sending.Store(true)
	client := &http.Client{Timeout: 30 * time.Second}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for sending.Load() {
				body := surveyResponse(newID())
				name := "Term " + body["id"].(string)[:8]
				body["answers"].(map[string]any)["name"] = name
				b, _ := jsonMarshal(body)
				r, err := client.Post(p.url+surveyPath, "application/json", bytesReader(b))
				if err != nil {
					continue // refused once the server has stopped listening
				}
				r.Body.Close()
				mu.Lock()
				if r.StatusCode == 201 || r.StatusCode == 200 {
					acked[body["id"].(string)] = name
				} else {
					other[r.StatusCode]++
				}
				mu.Unlock()
			}
		}()
	}
	time.Sleep(time.Second)
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		if p.exitErr != nil {
			t.Errorf("the server did not exit cleanly: %v", p.exitErr)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not stop within 30 s of SIGTERM")
	}
	sending.Store(false)
	wg.Wait()
	client.CloseIdleConnections()
	if other[500] > 0 {
		t.Errorf("500s during shutdown: %v", other)
	}
	t.Logf("%d responses acknowledged before and during shutdown; other answers %v", len(acked), other)
	h := start(t, "testdata/forms", data)
	checkStored(t, h, acked)
}

package app

import (
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// listener remembers the connections it accepted, so that a shutdown can
// close those that have sent nothing for a while. Browsers open connections
// ahead of need; the HTTP server counts them as open until their first
// request, or until its read timeout, and a graceful shutdown would wait
// that long.
type listener struct {
	net.Listener
	mu    sync.Mutex
	conns map[*conn]struct{}
}

func newListener(ln net.Listener) *listener {
	return &listener{Listener: ln, conns: map[*conn]struct{}{}}
}

// Accept accepts a connection and remembers it until it is closed.
func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &conn{Conn: c, l: l, accepted: time.Now()}
	l.mu.Lock()
	l.conns[tc] = struct{}{}
	l.mu.Unlock()
	return tc, nil
}

// unusedFor is how long a connection must have been open without a byte
// read before a shutdown closes it: one whose request is on its way, or
// waiting for the server to read it, is left to be answered.
const unusedFor = time.Second

// closeUnused closes the connections that have sent nothing since
// unusedFor ago.
func (l *listener) closeUnused() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for c := range l.conns {
		if !c.used.Load() && time.Since(c.accepted) >= unusedFor {
			_ = c.Conn.Close()
		}
	}
}

// closeUnusedUntil calls closeUnused every 100 ms until done is closed: a
// connection may arrive while the server stops listening.
func (l *listener) closeUnusedUntil(done <-chan struct{}) {
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		l.closeUnused()
		select {
		case <-done:
			return
		case <-t.C:
		}
	}
}

type conn struct {
	net.Conn
	l        *listener
	accepted time.Time
	used     atomic.Bool
}

func (c *conn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		c.used.Store(true)
	}
	return n, err
}

// lingerFor and lingerBytes bound how long, and how much of, a request
// the server did not read is read and thrown away after its connection
// is closed (see Close).
const (
	lingerFor   = 2 * time.Second
	lingerBytes = 4 << 20
)

// Close closes the connection gracefully, as a lingering close: the
// server's side is shut for writing (the client reads the answer to its
// end), and what the client is still sending is read and dropped, within
// lingerFor and lingerBytes, before the socket closes. Closed at once
// with unread bytes, the socket would reset the connection, and a client
// still sending a body the server refused by its size (413 before it was
// read) could lose that answer to the reset.
func (c *conn) Close() error {
	c.l.mu.Lock()
	delete(c.l.conns, c)
	c.l.mu.Unlock()
	tc, ok := c.Conn.(*net.TCPConn)
	if !ok || tc.CloseWrite() != nil {
		return c.Conn.Close()
	}
	go func() {
		_ = tc.SetReadDeadline(time.Now().Add(lingerFor))
		_, _ = io.CopyN(io.Discard, tc, lingerBytes)
		_ = tc.Close()
	}()
	return nil
}

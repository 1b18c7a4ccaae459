package app_test

import (
	"bytes"
	"io"
	"net"
	"sync/atomic"
	"testing"
)

// dropProxy forwards connections on loopback to a server, and can lose the
// server's answer to the next sync request: the request arrives, the reply
// never does, as on a phone whose signal fails mid-send.
type dropProxy struct {
	ln      net.Listener
	target  string
	drops   atomic.Int32 // sync replies still to lose
	dropped atomic.Int32
}

func newDropProxy(t *testing.T, target string) *dropProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &dropProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go p.serve()
	return p
}

func (p *dropProxy) url() string { return "http://" + p.ln.Addr().String() }

func (p *dropProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		go p.handle(c)
	}
}

func (p *dropProxy) handle(client net.Conn) {
	defer client.Close()
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	defer server.Close()
	lose := make(chan struct{}, 1)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := client.Read(buf)
			if n > 0 {
				if bytes.Contains(buf[:n], []byte("POST /api/v1/sync")) && p.drops.Load() > 0 {
					p.drops.Add(-1)
					p.dropped.Add(1)
					select {
					case lose <- struct{}{}:
					default:
					}
				}
				if _, werr := server.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return
			}
		}
	}()
	buf := make([]byte, 64<<10)
	for {
		n, err := server.Read(buf)
		select {
		case <-lose:
			// The server has answered: its reply is lost with the connection.
			return
		default:
		}
		if n > 0 {
			if _, werr := client.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil {
			if err != io.EOF {
				return
			}
			return
		}
	}
}

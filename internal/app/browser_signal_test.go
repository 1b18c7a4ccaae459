package app_test

import (
	"context"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// weakSignal is a TCP proxy on loopback in front of the server. Passing,
// it forwards both ways; silent, it accepts connections and reads what the
// browser sends but answers nothing, as a phone's connection does in a
// care home's corridor or a lift (connected, and nothing comes back).
type weakSignal struct {
	ln     net.Listener
	target string
	silent atomic.Bool
	// refuse ends every new connection at once, as a server that is
	// stopped does: the baseline of the weak-signal benchmark.
	refuse atomic.Bool
	mu     sync.Mutex
	conns  []net.Conn
}

func newWeakSignal(t testing.TB, target string) *weakSignal {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &weakSignal{ln: ln, target: strings.TrimPrefix(target, "http://")}
	go p.serve()
	t.Cleanup(func() {
		ln.Close()
		p.mu.Lock()
		defer p.mu.Unlock()
		for _, c := range p.conns {
			c.Close()
		}
	})
	return p
}

func (p *weakSignal) url() string { return "http://" + p.ln.Addr().String() }

// goSilent makes new connections answer nothing and cuts those open, so
// that the browser must open new ones.
func (p *weakSignal) goSilent(on bool) {
	p.silent.Store(on)
	p.cut()
}

// goRefusing makes new connections fail at once, as with the server
// stopped, and cuts those open.
func (p *weakSignal) goRefusing(on bool) {
	p.refuse.Store(on)
	p.cut()
}

func (p *weakSignal) cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *weakSignal) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		p.conns = append(p.conns, c)
		p.mu.Unlock()
		if p.refuse.Load() {
			c.Close()
			continue
		}
		if p.silent.Load() {
			go io.Copy(io.Discard, c)
			continue
		}
		go func() {
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				return
			}
			p.mu.Lock()
			p.conns = append(p.conns, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			io.Copy(c, up)
			c.Close()
		}()
	}
}

// A weak signal holds no screen: with the app and a form opened once, and
// a connection that answers nothing, a reload shows the forms list, opens
// the form, resumes the draft and queues the visit, each at once, and the
// visit is sent once the signal is back.
func TestBrowserWeakSignal(t *testing.T) {
	h := start(t, "", "")
	p := newWeakSignal(t, h.url)
	b := newBrowser(t, "")
	signInPhone(b, t, h, p.url())
	onlineOnce(b, t, p.url(), "quality-checker-visit", "#q-service")
	b.run(t,
		chromedp.Navigate(p.url()+"/#/start/quality-checker-visit"),
		chromedp.WaitVisible(`#q-teamSize`, chromedp.ByQuery),
		chromedp.SendKeys(`#q-teamSize`, "6", chromedp.ByQuery),
		chromedp.Sleep(500*time.Millisecond),
		chromedp.Navigate(p.url()+"/"),
		chromedp.WaitVisible(`//h2[text()="Not finished"]`, chromedp.BySearch))

	p.goSilent(true)
	quick := func(what string, actions ...chromedp.Action) {
		t.Helper()
		t0 := time.Now()
		// Not a speed target: a screen that waits for the network waits
		// for minutes behind this proxy, and is caught here.
		ctx, cancel := context.WithTimeout(b.ctx, 60*time.Second)
		defer cancel()
		if err := chromedp.Run(ctx, actions...); err != nil {
			t.Fatalf("%s did not show behind a silent connection: %v", what, err)
		}
		t.Logf("%s: %s behind a silent connection", what, time.Since(t0).Round(time.Millisecond))
	}
	quick("the forms list", chromedp.Reload(), chromedp.WaitVisible(`a[href="#/start/quality-checker-visit"]`, chromedp.ByQuery))
	quick("the draft", chromedp.Click(`li.draft a.card`, chromedp.ByQuery), chromedp.WaitVisible(`#q-teamSize`, chromedp.ByQuery))
	var team string
	b.run(t, chromedp.Value(`#q-teamSize`, &team, chromedp.ByQuery))
	if team != "6" {
		t.Errorf("the draft resumed with team size %q, want 6", team)
	}
	// With the draft left unfinished, the form first asks "Carry on" or
	// "Start again" (fillVisit starts again).
	quick("a new form", chromedp.Navigate(p.url()+"/#/start/quality-checker-visit"), chromedp.WaitVisible(`#q-service, #start-again`, chromedp.ByQuery))
	fillVisit(b, t, "3")
	b.run(t, chromedp.WaitVisible(`//h1[text()="Your response is safe"]`, chromedp.BySearch))
	if n := h.count(t, "quality-checker-visit"); n != 0 {
		t.Fatalf("%d stored through a silent connection", n)
	}

	p.goSilent(false)
	b.run(t, chromedp.Navigate(p.url()+"/"))
	waitStatus(b, t, "Nothing waiting")
	if n := h.count(t, "quality-checker-visit"); n != 1 {
		t.Fatalf("%d responses stored, want 1", n)
	}
}

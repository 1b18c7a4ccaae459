package exports

import (
	"fmt"

	"chorus/internal/chorus"
)

// prefetchSize is how many responses may be read ahead of the writer.
const prefetchSize = 512

// each calls fn for every response, reading the next ones from the store
// while fn writes, so that reading and writing overlap instead of adding up.
// It reports progress and returns how many responses it passed on. When it
// returns early, the reader stops at its next response; the caller cancels
// the store's context so that a reader waiting on the store stops too.
func (req *Request) each(rows Responses, fn func(*chorus.Response) error) (int, error) {
	type item struct {
		r   *chorus.Response
		err error
	}
	ch := make(chan item, prefetchSize)
	done := make(chan struct{})
	defer close(done)
	go func() {
		defer close(ch)
		defer func() {
			if p := recover(); p != nil { // not to take the server down
				select {
				case ch <- item{err: fmt.Errorf("reading the responses failed: %v", p)}:
				case <-done:
				}
			}
		}()
		for r, err := range rows {
			select {
			case ch <- item{r, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	n := 0
	for it := range ch {
		if it.err != nil {
			return n, it.err
		}
		if err := fn(it.r); err != nil {
			return n, err
		}
		n++
		if req.Progress != nil && n%progressEvery == 0 {
			req.Progress(n)
		}
	}
	if req.Progress != nil {
		req.Progress(n)
	}
	return n, nil
}

package store

import (
	"strconv"
	"strings"
	"time"

	"chorus/internal/chorus"
)

// cursor is where a page of responses ends: the last response's time
// received and id, the order pages are read in.
type cursor struct {
	at time.Time
	id string
}

func (c cursor) String() string {
	return strconv.FormatInt(c.at.UnixMilli(), 10) + "~" + c.id
}

// parseCursor reads a cursor from a previous page; the zero cursor for "".
func parseCursor(s string) (cursor, error) {
	if s == "" {
		return cursor{}, nil
	}
	ms, id, ok := strings.Cut(s, "~")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || id == "" {
		return cursor{}, chorus.Errorf(chorus.EINVALID, "The page asked for (%q) is not one this list gave: start again from the first page.", s)
	}
	return cursor{at: time.UnixMilli(n).UTC(), id: id}, nil
}

// pageLimit is the page size a query asks for, within reason.
func pageLimit(q PageQuery) int {
	if q.Limit <= 0 || q.Limit > 500 {
		return 50
	}
	return q.Limit
}

// textMatches tells whether r is one a page's search keeps: its reference
// is the one asked for, or an answer to a text question holds the text.
// An index finds the candidates; this decides.
func textMatches(r *chorus.Response, q PageQuery) bool {
	if q.Text == "" && q.Receipt == "" {
		return true
	}
	if q.Receipt != "" && r.Receipt == q.Receipt {
		return true
	}
	if q.Text == "" {
		return false
	}
	needle := strings.ToLower(q.Text)
	for _, id := range q.TextQuestions {
		if v, _ := r.Answers[id].(string); v != "" && strings.Contains(strings.ToLower(v), needle) {
			return true
		}
	}
	return false
}

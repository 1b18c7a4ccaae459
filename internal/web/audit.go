package web

import (
	"bufio"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/exports"
	"chorus/internal/chorus"
)

// auditFrom is where a read of the audit log starts: since (inclusive),
// or after (exclusive), or the cursor a page gave as next.
type auditFrom struct {
	at    time.Time
	after bool  // strictly after at
	skip  int64 // entries of the moment at already given
}

// auditSince reads the since or after query parameter. Either is a date or
// a moment; after may also be the next value of a page, which is the last
// entry's moment followed by "~" and how many entries of that moment were
// given already, so that entries of the same millisecond are never lost
// between pages.
func auditSince(c *fiber.Ctx) (auditFrom, error) {
	if a := c.Query("after"); a != "" {
		if at, k, ok := strings.Cut(a, "~"); ok {
			n, err := strconv.ParseInt(k, 10, 64)
			t, terr := parseAuditTime(at)
			if err != nil || n < 0 || terr != nil {
				return auditFrom{}, chorus.Errorf(chorus.EINVALID, "after must be a date, a time (RFC 3339) or the next value of a page, unchanged.")
			}
			return auditFrom{at: t, skip: n}, nil
		}
		t, err := parseAuditTime(a)
		return auditFrom{at: t, after: true}, err
	}
	if s := c.Query("since"); s != "" {
		t, err := parseAuditTime(s)
		return auditFrom{at: t}, err
	}
	return auditFrom{}, nil
}

func parseAuditTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return t, chorus.Errorf(chorus.EINVALID, "since and after must be a date (YYYY-MM-DD) or a time (RFC 3339).")
	}
	return t, nil
}

// auditNext is the cursor of the page after entries, read from from.
func auditNext(from auditFrom, entries []chorus.AuditEntry) string {
	last := entries[len(entries)-1].At
	var n int64
	for _, e := range entries {
		if e.At.Equal(last) {
			n++
		}
	}
	if !from.after && from.at.Equal(last) {
		n += from.skip // the whole page was of the cursor's moment
	}
	return last.UTC().Format(time.RFC3339Nano) + "~" + strconv.FormatInt(n, 10)
}

// auditPage is how many entries one page of the audit log holds at most.
const auditPage = 1000

// auditLog answers a page of the audit log, oldest first: {entries, next},
// where next, when there may be more, is the after= value of the next page.

func (s *server) auditLog(c *fiber.Ctx) error {
	from, err := auditSince(c)
	if err != nil {
		return err
	}
	limit := min(max(c.QueryInt("limit", auditPage), 1), auditPage)
	entries, err := s.Auth.AuditLog(c.UserContext(), from.at, from.after, from.skip, int64(limit))
	if err != nil {
		return err
	}
	out := fiber.Map{"entries": entries}
	if len(entries) == limit {
		out["next"] = auditNext(from, entries)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// auditCSV is the audit log as a download.
func (s *server) auditCSV(c *fiber.Ctx) error {
	from, err := auditSince(c)
	if err != nil {
		return err
	}
	entries, err := s.Auth.AuditLog(c.UserContext(), from.at, from.after, from.skip, 0)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="chorus-audit-`+time.Now().UTC().Format(time.DateOnly)+`.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	w := bufio.NewWriter(c)
	_, _ = w.WriteString("\uFEFF")
	if err := exports.CSVRecord(w, []string{"At (UTC)", "Actor", "Action", "Target", "Outcome", "Details"}); err != nil {
		return err
	}
	for _, e := range entries {
		details := ""
		if len(e.Details) > 0 {
			b, _ := json.Marshal(e.Details)
			details = string(b)
		}
		if err := exports.CSVRecord(w, []string{e.At.UTC().Format(time.RFC3339), e.Actor, e.Action, e.Target, e.Outcome, details}); err != nil {
			return err
		}
	}
	return w.Flush()
}

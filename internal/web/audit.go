package web

import (
	"encoding/csv"
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
)

// auditSince reads the since (or after) query parameter: a date or a
// moment. after is set when the entries must come strictly after it.
func auditSince(c *fiber.Ctx) (t time.Time, after bool, err error) {
	s := c.Query("since")
	if a := c.Query("after"); a != "" {
		s, after = a, true
	}
	if s == "" {
		return time.Time{}, false, nil
	}
	t, err = parseAuditTime(s)
	return t, after, err
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

// auditPage is how many entries one page of the audit log holds at most.
const auditPage = 1000

// auditLog answers a page of the audit log, oldest first: {entries, next},
// where next, when there is more, is the after= value of the next page.

func (s *server) auditLog(c *fiber.Ctx) error {
	since, after, err := auditSince(c)
	if err != nil {
		return err
	}
	limit := min(max(c.QueryInt("limit", auditPage), 1), auditPage)
	entries, err := s.Auth.AuditLog(c.UserContext(), since, after, int64(limit))
	if err != nil {
		return err
	}
	out := fiber.Map{"entries": entries}
	if len(entries) == limit {
		out["next"] = entries[len(entries)-1].At.UTC().Format(time.RFC3339Nano)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// auditCSV is the audit log as a download.
func (s *server) auditCSV(c *fiber.Ctx) error {
	since, after, err := auditSince(c)
	if err != nil {
		return err
	}
	entries, err := s.Auth.AuditLog(c.UserContext(), since, after, 0)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="chorus-audit-`+time.Now().UTC().Format(time.DateOnly)+`.csv"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	w := csv.NewWriter(c)
	_, _ = c.WriteString("\uFEFF")
	_ = w.Write([]string{"At (UTC)", "Actor", "Action", "Target", "Outcome", "Details"})
	for _, e := range entries {
		details := ""
		if len(e.Details) > 0 {
			b, _ := json.Marshal(e.Details)
			details = string(b)
		}
		_ = w.Write([]string{e.At.UTC().Format(time.RFC3339), e.Actor, e.Action, e.Target, e.Outcome, details})
	}
	w.Flush()
	return w.Error()
}

package web

import (
	"encoding/csv"
	"encoding/json"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
)

// auditSince reads the since query parameter: a date or a moment.
func auditSince(c *fiber.Ctx) (time.Time, error) {
	s := c.Query("since")
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, chorus.Errorf(chorus.EINVALID, "since must be a date (YYYY-MM-DD) or a time (RFC 3339).")
	}
	return t, nil
}

func (s *server) auditLog(c *fiber.Ctx) error {
	since, err := auditSince(c)
	if err != nil {
		return err
	}
	entries, err := s.Auth.AuditLog(c.UserContext(), since, int64(c.QueryInt("limit", 1000)))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(entries)
}

// auditCSV is the audit log as a download.
func (s *server) auditCSV(c *fiber.Ctx) error {
	since, err := auditSince(c)
	if err != nil {
		return err
	}
	entries, err := s.Auth.AuditLog(c.UserContext(), since, 0)
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

package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/reports"
)

// exportTimeout bounds one export: about a million responses on the
// embedded store.
const exportTimeout = 10 * time.Minute

// exportSlots is how many exports are made at once; each takes a core.
const exportSlots = 2

// export answers GET /api/v1/forms/:id/export.xlsx and .csv with the
// filters from, to, service, layout, codes and labels (a language code)
// as query parameters.
//
// The file is written to an unlinked temporary file first, then sent with
// its length: a store failure part way becomes a clear 503 instead of a cut
// file, browsers show real progress, and nothing is left on disk.
func (s *server) export(c *fiber.Ctx) error {
	format := strings.Clone(c.Params("format"))
	if format != exports.FormatXLSX && format != exports.FormatCSV {
		return chorus.Errorf(chorus.ENOTFOUND, "There is no export as %q: ask for export.xlsx or export.csv.", format)
	}
	codes := false
	switch strings.ToLower(c.Query("codes")) {
	case "", "0", "false", "no":
	case "1", "true", "yes":
		codes = true
	default:
		return chorus.Errorf(chorus.EINVALID, "codes must be true or false.")
	}
	e, err := s.Reports.Prepare(reports.Query{
		FormID: strings.Clone(c.Params("id")), From: strings.Clone(c.Query("from")), To: strings.Clone(c.Query("to")),
		Service: strings.Clone(c.Query("service")), Status: strings.Clone(c.Query("status")),
		Format: format, Layout: strings.Clone(c.Query("layout")), Codes: codes, Labels: strings.Clone(c.Query("labels")),
		By: actor(c).Name + " (" + actor(c).Ref() + ")",
	})
	if err != nil {
		return err
	}
	select {
	case s.exporting <- struct{}{}:
		defer func() { <-s.exporting }()
	default:
		return chorus.Errorf(chorus.EBUSY, "The server is already making %d exports. Try again in a minute.", exportSlots)
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(c.UserContext()), exportTimeout)
	defer cancel()

	tmp, err := os.CreateTemp("", "chorus-export-*")
	if err != nil {
		return err
	}
	_ = os.Remove(tmp.Name()) // the open file lives on until it is sent
	st, err := e.Write(ctx, tmp)
	if err != nil {
		tmp.Close()
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return &chorus.Error{Code: chorus.EUNAVAILABLE, Err: err, Message: fmt.Sprintf(
				"The export took longer than %s and was stopped. Ask for fewer responses: a shorter date range, or one service.", exportTimeout)}
		}
		return err
	}
	s.Auth.Audit(ctx, actor(c), chorus.AuditExport, "form:"+e.FormID(), map[string]any{
		"format": format, "layout": e.Layout(), "filters": e.Filters(), "rows": st.Rows})
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err == nil {
		_, err = tmp.Seek(0, io.SeekStart)
	}
	if err != nil {
		tmp.Close()
		return err
	}
	c.Set(fiber.HeaderContentType, e.ContentType)
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, e.FileName))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.SendStream(tmp, int(size)) // closes tmp once sent
}

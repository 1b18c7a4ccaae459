package web

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/reports"
)

func reportsPageQuery(c *fiber.Ctx) reports.PageQuery {
	return reports.PageQuery{FormID: strings.Clone(c.Params("id")), From: strings.Clone(c.Query("from")), To: strings.Clone(c.Query("to")),
		Service: strings.Clone(c.Query("service")), Status: strings.Clone(c.Query("status")), Q: strings.Clone(c.Query("q")), After: strings.Clone(c.Query("after")), Page: c.QueryInt("page", 0)}
}

// dashboardDays is how many days the dashboard's chart of responses shows.
const dashboardDays = 30

// dashboard answers the officers' dashboard: every form with its status
// and dates, its responses in total and in the last 7 days, responses per
// day for the last 30 days, and the visits flagged for safeguarding that
// are not reviewed or closed yet, newest first, with whether the volunteer
// phoned. It reads counters, never the responses.
func (s *server) dashboard(c *fiber.Ctx) error {
	ctx := c.UserContext()
	now := s.Intake.Now()
	stats, err := s.Store.FormStats(ctx)
	if err != nil {
		return err
	}
	first := s.Reports.Since(now, dashboardDays)
	days, err := s.Store.Daily(ctx, first)
	if err != nil {
		return err
	}
	flags, err := s.Store.OpenFlags(ctx)
	if err != nil {
		return err
	}
	names, err := s.Store.ServiceNames(ctx)
	if err != nil {
		return err
	}
	totals := map[string]chorus.FormStats{}
	for _, st := range stats {
		totals[st.FormID] = st
	}
	perDay := map[string]map[string]int64{}
	for _, d := range days {
		if perDay[d.FormID] == nil {
			perDay[d.FormID] = map[string]int64{}
		}
		perDay[d.FormID][d.Day] += d.N
	}
	last7 := s.Reports.Since(now, 7)
	type formRow struct {
		formSummary
		Status    string            `json:"status"`
		Responses int64             `json:"responses"`
		Last7     int64             `json:"last7Days"`
		LatestAt  *time.Time        `json:"latestAt,omitempty"`
		Days      []chorus.DayCount `json:"days"`
	}
	out := struct {
		Forms        []formRow   `json:"forms"`
		Safeguarding []fiber.Map `json:"safeguarding"`
	}{Forms: []formRow{}, Safeguarding: []fiber.Map{}}
	for _, f := range s.Intake.Forms().All() {
		row := formRow{formSummary: summarize(f),
			Status: formStatus(f, now), Responses: totals[f.ID].Responses, LatestAt: totals[f.ID].LatestAt}
		for i := range dashboardDays {
			day := s.Reports.Since(now, dashboardDays-i)
			n := perDay[f.ID][day]
			row.Days = append(row.Days, chorus.DayCount{Day: day, N: n})
			if day >= last7 {
				row.Last7 += n
			}
		}
		out.Forms = append(out.Forms, row)
	}
	// Newest first, by when the visit was received.
	slices.SortFunc(flags, func(a, b chorus.Flag) int {
		return cmp.Or(b.ReceivedAt.Compare(a.ReceivedAt), cmp.Compare(a.ResponseID, b.ResponseID))
	})
	for _, fl := range flags {
		out.Safeguarding = append(out.Safeguarding, fiber.Map{"responseId": fl.ResponseID, "formId": fl.FormID, "service": fl.Service,
			"serviceName": names[fl.Service], "visitDate": fl.VisitDate, "receivedAt": fl.ReceivedAt, "receipt": fl.Receipt, "phoned": fl.Phoned})
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// formStatus is draft (not open yet), open or closed.
func formStatus(f *form.Form, now time.Time) string {
	opens, _ := f.Window()
	switch {
	case f.IsOpen(now):
		return "open"
	case !opens.IsZero() && now.Before(opens):
		return "draft"
	}
	return "closed"
}

// results answers a form's counted answers for the filters from, to and
// service, from the tallies kept at intake.
func (s *server) results(c *fiber.Ctx) error {
	r, err := s.Reports.Results(c.UserContext(), strings.Clone(c.Params("id")),
		strings.Clone(c.Query("from")), strings.Clone(c.Query("to")), strings.Clone(c.Query("service")))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(r)
}

// listResponses answers a page of a form's responses, in the order
// received, with the filters of the downloads (and status), and a text
// search over the free-text answers (q).
func (s *server) listResponses(c *fiber.Ctx) error {
	page, err := s.Reports.Page(c.UserContext(), reportsPageQuery(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(page)
}

// getResponse answers one response in full, with its form version's
// definition, so that it can be shown with the labels it was filled with,
// and the display name of the Quality Checker who sent it (sentByName).
func (s *server) getResponse(c *fiber.Ctx) error {
	r, err := s.Store.Response(c.UserContext(), strings.Clone(c.Params("id")))
	if err != nil {
		return err
	}
	f, err := s.Intake.Forms().Version(r.FormID, r.FormVersion)
	if err != nil {
		return err
	}
	out := responseJSON(r)
	if id, ok := strings.CutPrefix(r.SentBy, "volunteer:"); ok {
		v, err := s.Store.Volunteer(c.UserContext(), id)
		switch {
		case err != nil && chorus.ErrorCode(err) != chorus.ENOTFOUND:
			return err
		case v == nil:
			out["sentByName"] = chorus.FormerVolunteer
		default:
			out["sentByName"] = v.DisplayName()
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"response": out, "form": f})
}

// review sets a response's review status and note: {"status", "note"}.
func (s *server) review(c *fiber.Ctx) error {
	var in struct {
		Status string `json:"status"`
		Note   string `json:"note"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	id := strings.Clone(c.Params("id"))
	rv, err := s.Reports.Review(c.UserContext(), actor(c), id, in.Status, in.Note)
	if err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditReview, "response:"+id, map[string]any{"status": rv.Status})
	return c.JSON(rv)
}

// maxEraseReason bounds the reason given for an erasure, in characters.
const maxEraseReason = 200

// erase erases a response at the request of the person who sent it:
// {"reason"} says why, as a reference (never a name), for the audit log.
func (s *server) erase(c *fiber.Ctx) error {
	var in struct {
		Reason string `json:"reason"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	reason := strings.TrimSpace(in.Reason)
	if reason == "" || utf8.RuneCountInString(reason) > maxEraseReason {
		return chorus.Errorf(chorus.EINVALID, "Say why the response is erased, in at most %d characters: the reference of the request, for example. Not a name.", maxEraseReason)
	}
	id := strings.Clone(c.Params("id"))
	r, err := s.Intake.Erase(c.UserContext(), id)
	if err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditErase, "response:"+id, map[string]any{"form": r.FormID, "receipt": r.Receipt, "reason": reason})
	return c.JSON(fiber.Map{"id": r.ID, "receipt": r.Receipt, "formId": r.FormID, "erased": true})
}

// responseJSON is a response as the console shows it.
func responseJSON(r *chorus.Response) fiber.Map {
	return fiber.Map{"id": r.ID, "formId": r.FormID, "formVersion": r.FormVersion, "answers": r.Answers,
		"startedAt": r.StartedAt, "completedAt": r.CompletedAt, "receivedAt": r.ReceivedAt, "receipt": r.Receipt,
		"sentBy": r.SentBy, "status": r.StatusOf(), "review": r.Review, "language": r.Language}
}

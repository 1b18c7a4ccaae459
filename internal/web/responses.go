package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
	"chorus/internal/intake"
)

// receipt is the body of a stored response's confirmation.
type receipt struct {
	ID      string `json:"id"`
	Receipt string `json:"receipt"`
}

// syncItem is the outcome of one response in a sync batch: status is the
// HTTP status the same response would have had on its own.
type syncItem struct {
	ID      string           `json:"id"`
	Status  int              `json:"status"`
	Receipt string           `json:"receipt,omitempty"`
	Detail  string           `json:"detail,omitempty"`
	Errors  []chorus.Problem `json:"errors,omitempty"`
}

func (s *server) postResponse(c *fiber.Ctx) error {
	giveBack, err := s.takeResponses(c, 1)
	if err != nil {
		return err
	}
	formID := strings.Clone(c.Params("id"))
	f, err := s.Intake.Forms().Current(formID)
	if err != nil {
		return err
	}
	if err := intake.MayAnswer(actor(c), f); err != nil {
		return err
	}
	body := c.Body()
	if len(body) > intake.MaxResponseBytes {
		return intake.ErrResponseTooLarge
	}
	sub, err := intake.DecodeSubmission(body, formID)
	if err != nil {
		return err
	}
	res, err := s.Intake.Submit(c.UserContext(), actor(c), sub)
	if chorus.ErrorCode(err) == chorus.EUNAVAILABLE {
		giveBack() // sending again costs nothing more
	}
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if res.Created {
		status = fiber.StatusCreated
	}
	return c.Status(status).JSON(receipt{ID: res.ID, Receipt: res.Receipt})
}

func (s *server) sync(c *fiber.Ctx) error {
	items, err := intake.DecodeBatch(c.Body())
	// A batch counts as many responses as it holds (one that cannot be
	// read, as one), all of them before any is stored.
	giveBack, limited := s.takeResponses(c, len(items))
	if limited != nil {
		return limited
	}
	if err != nil {
		return err
	}
	results, errs, err := s.Intake.SubmitBatch(c.UserContext(), actor(c), items)
	if err != nil {
		giveBack() // nothing is known to be stored: sending again costs nothing more
		return err
	}
	out := make([]syncItem, len(results))
	for i, r := range results {
		if errs[i] == nil {
			status := fiber.StatusOK
			if r.Created {
				status = fiber.StatusCreated
			}
			out[i] = syncItem{ID: r.ID, Status: status, Receipt: r.Receipt}
			continue
		}
		if chorus.ErrorCode(errs[i]) == chorus.EINTERNAL {
			s.Logger.Error("sync item failed", "err", errs[i])
		}
		out[i] = syncItem{ID: r.ID, Status: Status(errs[i]), Detail: chorus.ErrorMessage(errs[i]), Errors: chorus.ErrorProblems(errs[i])}
	}
	return c.JSON(fiber.Map{"responses": out})
}

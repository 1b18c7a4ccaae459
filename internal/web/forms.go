package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/form"
	"chorus/internal/intake"
)

// formSummary is a form as listed: enough to show it and decide to open it.
type formSummary struct {
	ID       string `json:"id"`
	Version  string `json:"version"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Audience string `json:"audience"`
	Opens    string `json:"opens,omitempty"`
	Closes   string `json:"closes,omitempty"`
}

func (s *server) listForms(c *fiber.Ctx) error {
	live := s.Intake.Forms().Live(s.Intake.Now())
	out := make([]formSummary, 0, len(live))
	for _, f := range live {
		if intake.MayAnswer(actor(c), f) != nil {
			continue // forms for volunteers are listed to them only
		}
		out = append(out, formSummary{f.ID, f.Version, f.Title, f.Kind, f.Audience, f.Opens, f.Closes})
	}
	c.Vary(fiber.HeaderAuthorization, fiber.HeaderCookie)
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(out)
}

func (s *server) getForm(c *fiber.Ctx) error {
	f, err := s.Intake.Forms().Current(c.Params("id"))
	if err != nil {
		return err
	}
	if err := intake.MayAnswer(actor(c), f); err != nil {
		return err
	}
	return sendForm(c, f)
}

func (s *server) getFormVersion(c *fiber.Ctx) error {
	f, err := s.Intake.Forms().Version(c.Params("id"), c.Params("version"))
	if err != nil {
		return err
	}
	if err := intake.MayAnswer(actor(c), f); err != nil {
		return err
	}
	return sendForm(c, f)
}

// sendForm answers with a definition. A version never changes, so the
// version is its ETag; no-cache makes the app ask, cheaply, each time.
func sendForm(c *fiber.Ctx, f *form.Form) error {
	etag := `"` + f.ID + "@" + f.Version + `"`
	c.Set(fiber.HeaderCacheControl, "no-cache")
	c.Set(fiber.HeaderETag, etag)
	if strings.Contains(c.Get(fiber.HeaderIfNoneMatch), etag) {
		return c.SendStatus(fiber.StatusNotModified)
	}
	return c.JSON(f)
}

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
	// Language is the main language of a form with translations, and
	// Translations its title in each of them, for the app to list the form
	// in the person's language before it has the form itself.
	Language     string                 `json:"language,omitempty"`
	Translations map[string]listedTitle `json:"translations,omitempty"`
}

// listedTitle is a form's title in one of its translations' languages.
type listedTitle struct {
	Name  string `json:"name"`
	Dir   string `json:"dir"`
	Title string `json:"title,omitempty"`
}

// summarize lists a form, with its title in every language it has.
func summarize(f *form.Form) formSummary {
	out := formSummary{ID: f.ID, Version: f.Version, Title: f.Title, Kind: f.Kind, Audience: f.Audience, Opens: f.Opens, Closes: f.Closes}
	langs := f.Languages()
	if len(langs) < 2 {
		return out
	}
	out.Language = langs[0].Code
	out.Translations = make(map[string]listedTitle, len(langs)-1)
	for _, l := range langs[1:] {
		// Only the translation's own title: one it leaves out is the main
		// language's, marked as such by the app.
		out.Translations[l.Code] = listedTitle{Name: l.Name, Dir: l.Dir, Title: strings.TrimSpace(f.Translations[l.Code].Texts["title"])}
	}
	return out
}

func (s *server) listForms(c *fiber.Ctx) error {
	live := s.Intake.Forms().Live(s.Intake.Now())
	out := make([]formSummary, 0, len(live))
	for _, f := range live {
		if intake.MayAnswer(actor(c), f) != nil {
			continue // forms for volunteers are listed to them only
		}
		out = append(out, summarize(f))
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

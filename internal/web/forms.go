package web

import (
	"regexp"
	"strings"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
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

var serviceIDPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}$`)

// saveService adds a service to the register or changes one: PUT with
// its id in the address and {"name", "type"} in the body.
func (s *server) saveService(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	if !serviceIDPattern.MatchString(id) {
		return chorus.Errorf(chorus.EINVALID, "A service id is 2 to 63 lower-case letters, digits and hyphens, such as svc-oak-house.")
	}
	var in struct {
		Name string `json:"name"`
		Type string `json:"type"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	in.Name, in.Type = strings.TrimSpace(in.Name), strings.TrimSpace(in.Type)
	if in.Name == "" || len([]rune(in.Name)) > 200 || len([]rune(in.Type)) > 100 {
		return chorus.Errorf(chorus.EINVALID, "Give the service a name of 1 to 200 characters, and a type of at most 100.")
	}
	svc := chorus.Service{ID: id, Name: in.Name, Type: in.Type}
	if err := s.Store.SaveService(c.UserContext(), svc); err != nil {
		return err
	}
	all, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	s.Intake.SetServices(all) // visits may name it from now on
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditServiceSaved, "service:"+id, nil)
	return c.JSON(svc)
}

func (s *server) listServices(c *fiber.Ctx) error {
	services, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	if services == nil {
		services = []chorus.Service{}
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(services)
}

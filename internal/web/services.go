package web

import (
	"cmp"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
	"chorus/internal/register"
)

// listServices answers the register for phones: the services in use.
func (s *server) listServices(c *fiber.Ctx) error {
	services, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	out := []chorus.Service{}
	for _, sv := range services {
		if sv.RetiredAt == nil {
			out = append(out, sv)
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-cache")
	return c.JSON(out)
}

// officerServices answers the whole register, retired services too.
func (s *server) officerServices(c *fiber.Ctx) error {
	services, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	slices.SortFunc(services, func(a, b chorus.Service) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(services)
}

// saveService adds a service to the register or changes one: PUT with
// its id in the address and {"name", "type", "provider", "address",
// "regulatorId"} in the body.
func (s *server) saveService(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	if !register.IDPattern.MatchString(id) {
		return chorus.Errorf(chorus.EINVALID, "A service id is 2 to 63 lower-case letters, digits and hyphens, such as svc-oak-house.")
	}
	var in chorus.Service
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	in.ID = id
	in.RetiredAt = nil
	// Changing a retired service keeps it retired.
	if all, err := s.Store.Services(c.UserContext()); err == nil {
		for _, sv := range all {
			if sv.ID == id {
				in.RetiredAt = sv.RetiredAt
			}
		}
	} else {
		return err
	}
	for _, f := range []*string{&in.Name, &in.Type, &in.Provider, &in.Address, &in.RegulatorID} {
		*f = strings.TrimSpace(*f)
		if len([]rune(*f)) > 300 {
			return chorus.Errorf(chorus.EINVALID, "Each field of a service can be at most 300 characters.")
		}
	}
	if in.Name == "" {
		return chorus.Errorf(chorus.EINVALID, "Give the service a name.")
	}
	if err := s.Store.SaveService(c.UserContext(), in); err != nil {
		return err
	}
	if err := s.refreshServices(c); err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditServiceSaved, "service:"+id, nil)
	return c.JSON(in)
}

// retireService takes a service out of use; its visits stay.
func (s *server) retireService(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	if err := s.Store.RetireService(c.UserContext(), id, s.Intake.Now().UTC()); err != nil {
		return err
	}
	if err := s.refreshServices(c); err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditServiceSaved, "service:"+id, map[string]any{"retired": true})
	return c.SendStatus(fiber.StatusNoContent)
}

// importServices reads an uploaded register (.xlsx or CSV, the file as the
// body) and answers what it would change, row by row, with every row's
// problems. With apply=true, and only when no row has a problem, it saves.
func (s *server) importServices(c *fiber.Ctx) error {
	rows, rowErrs, err := register.Read(c.Body())
	if err != nil {
		return err
	}
	existing, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	p := register.Compare(rows, rowErrs, existing)
	if !c.QueryBool("apply") {
		return c.JSON(p)
	}
	if len(p.Errors) > 0 {
		return &chorus.Error{Code: chorus.EINVALID, Message: "Nothing was saved: correct the rows listed and upload the file again."}
	}
	var save []chorus.Service
	for _, ch := range p.Changes {
		if ch.Action != "same" {
			save = append(save, ch.Service)
		}
	}
	if err := s.Store.SaveServices(c.UserContext(), save); err != nil {
		return err
	}
	if err := s.refreshServices(c); err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), actor(c), chorus.AuditServiceSaved, "register", map[string]any{"added": p.Adds, "changed": p.Updates})
	return c.JSON(fiber.Map{"saved": true, "adds": p.Adds, "updates": p.Updates})
}

// refreshServices gives the intake the register as it now is.
func (s *server) refreshServices(c *fiber.Ctx) error {
	all, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	s.Intake.SetServices(all)
	return nil
}

// servicePage answers a service's Quality Checker visits, newest first,
// with the key questions' ratings in words and colours.
// serviceVisits is how many of a service's latest visits its page shows:
// the page costs the same however many visits the service has had; the
// download has them all.
const serviceVisits = 50

func (s *server) servicePage(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	services, err := s.Store.Services(c.UserContext())
	if err != nil {
		return err
	}
	i := slices.IndexFunc(services, func(sv chorus.Service) bool { return sv.ID == id })
	if i < 0 {
		return chorus.Errorf(chorus.ENOTFOUND, "No service has the id %s.", id)
	}
	visits, more, err := s.Store.ServiceVisits(c.UserContext(), id, serviceVisits)
	if err != nil {
		return err
	}
	type rating struct {
		Question string `json:"question"`
		Name     string `json:"name"`
		Value    string `json:"value"`
		Label    string `json:"label"`
		Colour   string `json:"colour,omitempty"`
	}
	type visit struct {
		chorus.ServiceVisit
		Ratings []rating `json:"ratings"`
	}
	out := []visit{}
	for _, v := range visits {
		f, err := s.Intake.Forms().Current(v.FormID)
		if err != nil || f.Visit == nil {
			continue
		}
		vv := visit{ServiceVisit: v, Ratings: []rating{}}
		for _, qid := range f.Visit.KeyQuestions {
			q := f.Question(qid)
			name := q.Label
			if sec := f.Section(qid); sec != nil {
				name = sec.Title
			}
			r := rating{Question: qid, Name: name, Value: v.Keys[qid], Label: "No rating"}
			if o := q.Option(v.Keys[qid]); o != nil {
				r.Label, r.Colour = o.Label, o.Colour
			}
			vv.Ratings = append(vv.Ratings, r)
		}
		out = append(out, vv)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"service": services[i], "visits": out, "more": more})
}

package web

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/catalog"
	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/formbook"
	"chorus/internal/plain"
)

// Audit actions of the Forms area.
const (
	auditFormDraft     = "form-draft-saved"
	auditFormPublished = "form-published"
	auditFormScheduled = "form-scheduled"
	auditFormClosed    = "form-closed"
	auditFormReopened  = "form-reopened"
	auditFormChanged   = "form-changed"
	auditFormArchived  = "form-archived"
	auditFormRestored  = "form-restored"
	auditFormDiscarded = "form-draft-discarded"
)

// catalogRow is a form as the Forms area lists it, with its responses.
type catalogRow struct {
	catalog.Entry
	Responses int64 `json:"responses"`
}

func (s *server) catalogList(c *fiber.Ctx) error {
	entries, err := s.Catalog.List(c.UserContext())
	if err != nil {
		return err
	}
	counts, err := s.responseCounts(c)
	if err != nil {
		return err
	}
	out := make([]catalogRow, len(entries))
	for i, e := range entries {
		out[i] = catalogRow{e, counts[e.ID]}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"forms": out})
}

func (s *server) responseCounts(c *fiber.Ctx) (map[string]int64, error) {
	stats, err := s.Store.FormStats(c.UserContext())
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, st := range stats {
		out[st.FormID] = st.Responses
	}
	return out, nil
}

// catalogForm answers one form: where it stands, its draft with what
// publishing it would stop asking, and its versions.
func (s *server) catalogForm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	id := strings.Clone(c.Params("id"))
	e, err := s.Catalog.Entry(ctx, id)
	if err != nil {
		return err
	}
	counts, err := s.responseCounts(c)
	if err != nil {
		return err
	}
	d, err := s.Catalog.Draft(ctx, id)
	if chorus.ErrorCode(err) == chorus.ENOTFOUND {
		d, err = nil, nil
	}
	if err != nil {
		return err
	}
	type version struct {
		Version string `json:"version"`
		Opens   string `json:"opens,omitempty"`
		Closes  string `json:"closes,omitempty"`
	}
	versions := []version{}
	for _, f := range s.Intake.Forms().Versions(id) {
		versions = append(versions, version{f.Version, f.Opens, f.Closes})
	}
	var current *form.Form
	if e.Version != "" {
		current, _ = s.Intake.Forms().Current(id)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"form": catalogRow{*e, counts[id]}, "current": current, "draft": s.withPlainEnglish(d), "versions": versions})
}

// draftView is a draft with its plain English check: advice for the
// officer, shown with the draft, never a reason to refuse it.
type draftView struct {
	*catalog.Draft
	PlainEnglish plain.Report `json:"plainEnglish"`
}

// withPlainEnglish adds the plain English check to a draft (nil stays nil).
func (s *server) withPlainEnglish(d *catalog.Draft) any {
	if d == nil || d.Form == nil {
		return d
	}
	return draftView{d, s.Plain.Form(d.Form)}
}

// catalogUpload checks an uploaded form (a workbook, YAML or JSON, named
// by ?name=) and keeps it as its form's draft. Nothing is saved when
// anything is wrong: every problem is listed, with its sheet, row and
// column.
func (s *server) catalogUpload(c *fiber.Ctx) error {
	name := path.Base(strings.Clone(c.Query("name")))
	if name == "." || name == "/" {
		return chorus.Errorf(chorus.EMALFORMED, "Say the file's name with ?name=, such as ?name=consultation.xlsx.")
	}
	body := c.Body()
	if len(body) == 0 {
		return chorus.Errorf(chorus.EMALFORMED, "The file is empty: choose the form's file and upload it again.")
	}
	if len(body) > formbook.MaxBytes {
		return chorus.Errorf(chorus.ETOOLARGE, "The file is larger than %d MB: a form's file is much smaller. Check that it is the right file.", formbook.MaxBytes>>20)
	}
	f, problems := formbook.Decode(name, body, s.Intake.Location())
	if len(problems) > 0 {
		e := chorus.Errorf(chorus.EINVALID, "Nothing was saved: %s. Correct the file and upload it again.", count(len(problems), "problem", "problems"))
		for _, p := range problems {
			e.Problems = append(e.Problems, chorus.Problem{Question: p.Question, Message: p.Message, Sheet: p.Sheet, Row: p.Row, Column: p.Column})
		}
		return e
	}
	by := actor(c)
	d, err := s.Catalog.SaveDraft(c.UserContext(), by.ID, f, name)
	if err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), by, auditFormDraft, f.ID, map[string]any{"file": name, "version": f.Version})
	return c.JSON(s.withPlainEnglish(d))
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// catalogDefinition answers a form's draft (?version=draft), current
// version (no version) or a given version: what the preview shows.
func (s *server) catalogDefinition(c *fiber.Ctx) error {
	f, err := s.Catalog.Definition(c.UserContext(), strings.Clone(c.Params("id")), strings.Clone(c.Query("version")))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(f)
}

// catalogWorkbook downloads a form (?version= as for the definition) as
// the workbook it would be written in.
func (s *server) catalogWorkbook(c *fiber.Ctx) error {
	f, err := s.Catalog.Definition(c.UserContext(), strings.Clone(c.Params("id")), strings.Clone(c.Query("version")))
	if err != nil {
		return err
	}
	book, err := formbook.Write(f)
	if errors.Is(err, formbook.ErrUnwritable) {
		return &chorus.Error{Code: chorus.EINVALID, Err: err, Message: fmt.Sprintf(
			"This form holds something a workbook has no column for (%v). Download it as JSON instead: %s",
			strings.TrimPrefix(err.Error(), formbook.ErrUnwritable.Error()+": "), "/api/v1/officer/catalog/"+f.ID+"/definition")}
	}
	if err != nil {
		return err
	}
	return sendWorkbook(c, fmt.Sprintf("%s-v%s.xlsx", f.ID, f.Version), book)
}

func (s *server) catalogTemplate(c *fiber.Ctx) error {
	book, err := formbook.Template()
	if err != nil {
		return err
	}
	return sendWorkbook(c, "chorus-form-template.xlsx", book)
}

func sendWorkbook(c *fiber.Ctx, name string, book []byte) error {
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, name))
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(book)
}

// catalogPublish publishes a form's draft; {"acknowledged": true} confirms
// publishing one that stops asking for answers already given.
func (s *server) catalogPublish(c *fiber.Ctx) error {
	var in struct {
		Acknowledged bool `json:"acknowledged"`
	}
	if err := decodeOptionalJSON(c, &in); err != nil {
		return err
	}
	return s.catalogChange(c, auditFormPublished, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Publish(c.UserContext(), by, id, in.Acknowledged)
	})
}

// catalogSchedule sets a form's opening and closing dates.
func (s *server) catalogSchedule(c *fiber.Ctx) error {
	var in struct {
		Opens  string `json:"opens"`
		Closes string `json:"closes"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	return s.catalogChange(c, auditFormScheduled, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Schedule(c.UserContext(), by, id, strings.TrimSpace(in.Opens), strings.TrimSpace(in.Closes))
	})
}

func (s *server) catalogClose(c *fiber.Ctx) error {
	return s.catalogChange(c, auditFormClosed, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Close(c.UserContext(), by, id)
	})
}

// catalogReopen opens a closed form again, until {"closes": …} if given.
func (s *server) catalogReopen(c *fiber.Ctx) error {
	var in struct {
		Closes string `json:"closes"`
	}
	if err := decodeOptionalJSON(c, &in); err != nil {
		return err
	}
	return s.catalogChange(c, auditFormReopened, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Reopen(c.UserContext(), by, id, strings.TrimSpace(in.Closes))
	})
}

func (s *server) catalogArchive(c *fiber.Ctx) error {
	return s.catalogChange(c, auditFormArchived, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Archive(c.UserContext(), by, id, true)
	})
}

func (s *server) catalogRestore(c *fiber.Ctx) error {
	return s.catalogChange(c, auditFormRestored, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Archive(c.UserContext(), by, id, false)
	})
}

// catalogWords publishes a change of a live form's words and dates: the
// body is the whole definition, changed.
func (s *server) catalogWords(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	f, err := s.Catalog.Parse(id, c.Body())
	if err != nil {
		return err
	}
	if f.ID != id {
		return chorus.Errorf(chorus.EINVALID, "The definition is of the form %q, not %q.", f.ID, id)
	}
	return s.catalogChange(c, auditFormChanged, func(by string, id string) (*catalog.Entry, error) {
		return s.Catalog.Change(c.UserContext(), by, f)
	})
}

// catalogDuplicate copies a form into a new draft: {"id": …, "title": …}.
func (s *server) catalogDuplicate(c *fiber.Ctx) error {
	var in struct {
		ID    string `json:"id"`
		Title string `json:"title"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	by := actor(c)
	id := strings.Clone(c.Params("id"))
	d, err := s.Catalog.Duplicate(c.UserContext(), by.ID, id, strings.TrimSpace(in.ID), in.Title)
	if err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), by, auditFormDraft, d.Form.ID, map[string]any{"copyOf": id})
	return c.JSON(d)
}

func (s *server) catalogDiscard(c *fiber.Ctx) error {
	by := actor(c)
	id := strings.Clone(c.Params("id"))
	if err := s.Catalog.DiscardDraft(c.UserContext(), by.ID, id); err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), by, auditFormDiscarded, id, nil)
	return c.SendStatus(fiber.StatusNoContent)
}

// catalogChange runs one change to a form, audits it with the version it
// leaves served, and answers the form as listed.
func (s *server) catalogChange(c *fiber.Ctx, action string, change func(by, id string) (*catalog.Entry, error)) error {
	by := actor(c)
	id := strings.Clone(c.Params("id"))
	e, err := change(by.ID, id)
	if err != nil {
		return err
	}
	s.Auth.Audit(c.UserContext(), by, action, id, map[string]any{"version": e.Version, "state": e.State, "opens": e.Opens, "closes": e.Closes})
	counts, err := s.responseCounts(c)
	if err != nil {
		return err
	}
	return c.JSON(catalogRow{*e, counts[id]})
}

// decodeOptionalJSON reads a JSON body when there is one.
func decodeOptionalJSON(c *fiber.Ctx, v any) error {
	if len(c.Body()) == 0 {
		return nil
	}
	return decodeJSON(c, v)
}

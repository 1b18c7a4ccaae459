package web

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"chorus/internal/chorus"
)

// decodeJSON reads a small JSON body into v, refusing unknown fields.
func decodeJSON(c *fiber.Ctx, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(c.Body())))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return chorus.Errorf(chorus.EMALFORMED, "The body must be a JSON object with the fields this request takes: %s.", jsonProblem(err))
	}
	return nil
}

func jsonProblem(err error) string {
	msg := err.Error()
	return strings.TrimPrefix(msg, "json: ")
}

// me says who is signed in on this browser or phone, and gives a cookie
// session its CSRF token.
func (s *server) me(c *fiber.Ctx) error {
	a := actor(c)
	c.Set(fiber.HeaderCacheControl, "no-store")
	out := fiber.Map{"role": a.Role}
	if a.Role != chorus.RolePublic {
		out["id"], out["name"] = a.ID, a.Name
	}
	if a.CSRF != "" {
		out["csrfToken"] = a.CSRF
	}
	return c.JSON(out)
}

func (s *server) signIn(c *fiber.Ctx) error {
	var in struct {
		Email    string `json:"email"`
		Password string `json:"password"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	token, sess, err := s.Auth.SignIn(c.UserContext(), in.Email, in.Password, clientKey(c))
	if err != nil {
		return err
	}
	// A session this browser had before ends: one browser, one session.
	if a := actor(c); a.CSRF != "" {
		if err := s.Auth.SignOut(c.UserContext(), a); err != nil {
			return err
		}
	}
	clearSessionCookie(c)
	s.setSessionCookie(c, token)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{"role": sess.Role, "id": sess.UserID, "csrfToken": sess.CSRF})
}

func (s *server) signOut(c *fiber.Ctx) error {
	if err := s.Auth.SignOut(c.UserContext(), actor(c)); err != nil {
		return err
	}
	clearSessionCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// signOutDevice ends the calling phone's own device session.
func (s *server) signOutDevice(c *fiber.Ctx) error {
	a := actor(c)
	if a.Role == chorus.RoleVolunteer { // officers have no device session: nothing to end
		if err := s.Auth.SignOutDevice(c.UserContext(), a); err != nil {
			return err
		}
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) redeemCode(c *fiber.Ctx) error {
	var in struct {
		Code string `json:"code"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	token, v, d, err := s.Auth.Redeem(c.UserContext(), in.Code, clientKey(c))
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{
		"token": token, "volunteer": fiber.Map{"id": v.ID, "name": v.Name}, "expiresAt": d.ExpiresAt})
}

// officerForms lists every form with its number of responses and the time
// of the latest, from the counters kept at intake: nothing is counted here.
func (s *server) officerForms(c *fiber.Ctx) error {
	stats, err := s.Store.FormStats(c.UserContext())
	if err != nil {
		return err
	}
	byForm := map[string]chorus.FormStats{}
	for _, st := range stats {
		byForm[st.FormID] = st
	}
	type row struct {
		formSummary
		Layouts   []string   `json:"layouts"`
		Responses int64      `json:"responses"`
		LatestAt  *time.Time `json:"latestAt,omitempty"`
		Open      bool       `json:"open"`
	}
	now := s.Intake.Now()
	out := []row{}
	for _, f := range s.Intake.Forms().All() {
		st := byForm[f.ID]
		layouts := []string{"responses"}
		if f.Visit != nil {
			layouts = []string{"visits", "responses"}
		}
		out = append(out, row{summarize(f),
			layouts, st.Responses, st.LatestAt, f.IsOpen(now)})
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// listVolunteers answers the Quality Checkers with how many visits each
// has sent: nothing else of their data.
func (s *server) listVolunteers(c *fiber.Ctx) error {
	vs, err := s.Auth.Volunteers(c.UserContext())
	if err != nil {
		return err
	}
	sent, err := s.Store.VisitsBy(c.UserContext())
	if err != nil {
		return err
	}
	type row struct {
		chorus.Volunteer
		Sent int64 `json:"sent"`
	}
	out := []row{}
	for _, v := range vs {
		if v.RetiredAt == nil {
			out = append(out, row{v, sent["volunteer:"+v.ID]})
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(out)
}

// codeReply is a new sign-in code with a link and a QR code of the link,
// for the officer to pass on. It is shown once and never stored.
func (s *server) codeReply(c *fiber.Ctx, v any, code string, expires time.Time) error {
	link := s.baseURL(c) + "/#signin=" + url.QueryEscape(code)
	png, err := qrcode.Encode(link, qrcode.Medium, 256)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Status(fiber.StatusCreated).JSON(fiber.Map{
		"volunteer": v, "code": code, "expiresAt": expires, "link": link,
		"qr": "data:image/png;base64," + base64.StdEncoding.EncodeToString(png)})
}

func (s *server) addVolunteer(c *fiber.Ctx) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	v, code, err := s.Auth.AddVolunteer(c.UserContext(), actor(c), in.Name)
	if err != nil {
		return err
	}
	return s.codeReply(c, v, code.Code, code.ExpiresAt)
}

func (s *server) issueCode(c *fiber.Ctx) error {
	id := strings.Clone(c.Params("id"))
	code, err := s.Auth.IssueCode(c.UserContext(), actor(c), id)
	if err != nil {
		return err
	}
	return s.codeReply(c, fiber.Map{"id": id}, code.Code, code.ExpiresAt)
}

func (s *server) revokeDevices(c *fiber.Ctx) error {
	n, err := s.Auth.RevokeDevices(c.UserContext(), actor(c), strings.Clone(c.Params("id")))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"revoked": n})
}

func (s *server) listUsers(c *fiber.Ctx) error {
	us, err := s.Auth.Users(c.UserContext())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(us)
}

func (s *server) addUser(c *fiber.Ctx) error {
	var in struct {
		Email    string `json:"email"`
		Role     string `json:"role"`
		Password string `json:"password"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.Auth.AddUser(c.UserContext(), actor(c), in.Email, in.Role, in.Password)
	if err != nil {
		return err
	}
	return c.Status(fiber.StatusCreated).JSON(u)
}

func (s *server) disableUser(c *fiber.Ctx) error {
	if err := s.Auth.DisableUser(c.UserContext(), actor(c), strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

func (s *server) setUserPassword(c *fiber.Ctx) error {
	var in struct {
		Password string `json:"password"`
		Enable   bool   `json:"enable"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := s.Auth.SetUserPassword(c.UserContext(), actor(c), strings.Clone(c.Params("id")), in.Password, in.Enable)
	if err != nil {
		return err
	}
	return c.JSON(u)
}

func (s *server) changePassword(c *fiber.Ctx) error {
	var in struct {
		Current  string `json:"current"`
		Password string `json:"password"`
	}
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := s.Auth.ChangePassword(c.UserContext(), actor(c), in.Current, in.Password, clientKey(c)); err != nil {
		return err
	}
	clearSessionCookie(c)
	return c.SendStatus(fiber.StatusNoContent)
}

// removeVolunteer is for a Quality Checker who leaves the scheme.
func (s *server) removeVolunteer(c *fiber.Ctx) error {
	if err := s.Auth.RemoveVolunteer(c.UserContext(), actor(c), strings.Clone(c.Params("id"))); err != nil {
		return err
	}
	return c.SendStatus(fiber.StatusNoContent)
}

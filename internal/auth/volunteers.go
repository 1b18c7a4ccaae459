package auth

import (
	"context"
	"strings"
	"time"

	"chorus/internal/chorus"
)

// Code is a one-time sign-in code as given to an officer to pass on.
type Code struct {
	Code      string
	ExpiresAt time.Time
}

// AddVolunteer adds a Quality Checker by display name and issues their
// first sign-in code.
func (s *Service) AddVolunteer(ctx context.Context, by chorus.Actor, name string) (*chorus.Volunteer, Code, error) {
	name = strings.TrimSpace(name)
	if name == "" || len([]rune(name)) > 80 {
		return nil, Code{}, chorus.Errorf(chorus.EINVALID, "Give the volunteer a display name of 1 to 80 characters, such as a first name.")
	}
	v := &chorus.Volunteer{ID: newID(), Name: name, CreatedAt: s.now(), CreatedBy: by.Ref()}
	if err := s.store.InsertVolunteer(ctx, v); err != nil {
		return nil, Code{}, err
	}
	s.audit(ctx, by, chorus.AuditVolunteerAdd, "volunteer:"+v.ID, "ok", nil)
	code, err := s.IssueCode(ctx, by, v.ID)
	return v, code, err
}

// IssueCode gives a volunteer a new one-time sign-in code.
func (s *Service) IssueCode(ctx context.Context, by chorus.Actor, volunteerID string) (Code, error) {
	v, err := s.store.Volunteer(ctx, volunteerID)
	if err != nil {
		return Code{}, err
	}
	if v == nil || v.RetiredAt != nil {
		return Code{}, chorus.Errorf(chorus.ENOTFOUND, "No volunteer has the id %s.", volunteerID)
	}
	code := newCode()
	now := s.now()
	// A new code replaces any the volunteer has not used.
	if err := s.store.ExpireCodes(ctx, v.ID, now); err != nil {
		return Code{}, err
	}
	c := &chorus.SignInCode{ID: hashToken(code), VolunteerID: v.ID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.CodeTTL)}
	if err := s.store.InsertCode(ctx, c); err != nil {
		return Code{}, err
	}
	s.audit(ctx, by, chorus.AuditCodeIssued, "volunteer:"+v.ID, "ok", map[string]any{"expiresAt": c.ExpiresAt})
	return Code{Code: code, ExpiresAt: c.ExpiresAt}, nil
}

// Redeem turns a one-time code into a device session for the phone it was
// typed on. It returns the device token, which the phone keeps.
func (s *Service) Redeem(ctx context.Context, code, addr string) (token string, v *chorus.Volunteer, d *chorus.Device, err error) {
	now := s.now()
	addrKey := "code-addr:" + addr
	if wait := s.throttle.attempt(now, map[string]int{addrKey: addressFailures}); wait > 0 {
		s.audit(ctx, chorus.Public, chorus.AuditCodeUsed, "", "throttled", nil)
		return "", nil, nil, tooMany(wait)
	}
	used, was, err := s.store.UseCode(ctx, hashToken(normaliseCode(code)), now)
	if err != nil {
		return "", nil, nil, err
	}
	if used != nil {
		s.throttle.forgive(addrKey)
	}
	if used == nil {
		reason, target := "unknown", ""
		switch {
		case was != nil && was.UsedAt != nil:
			reason, target = "used already", "volunteer:"+was.VolunteerID
		case was != nil:
			reason, target = "expired", "volunteer:"+was.VolunteerID
		}
		s.audit(ctx, chorus.Public, chorus.AuditCodeUsed, target, "failed", map[string]any{"reason": reason})
		return "", nil, nil, chorus.Errorf(chorus.EUNAUTHORIZED, "That code does not work: it may have been used already, or be too old. Ask your officer for a new code.")
	}
	v, err = s.store.Volunteer(ctx, used.VolunteerID)
	if err != nil {
		return "", nil, nil, err
	}
	if v == nil || v.RetiredAt != nil {
		return "", nil, nil, chorus.Errorf(chorus.EUNAUTHORIZED, "That code does not work any more. Ask your officer for a new code.")
	}
	token, id := newToken()
	d = &chorus.Device{ID: id, VolunteerID: v.ID, CreatedAt: now, ExpiresAt: now.Add(s.cfg.DeviceSession)}
	if err := s.store.InsertDevice(ctx, d); err != nil {
		return "", nil, nil, err
	}
	s.audit(ctx, chorus.Actor{Role: chorus.RoleVolunteer, ID: v.ID}, chorus.AuditCodeUsed, "volunteer:"+v.ID, "ok", nil)
	return token, v, d, nil
}

// Device returns the volunteer actor of a device token. A token that is
// unknown, revoked or out of date is EUNAUTHORIZED, so that the phone keeps
// what it was sending and asks the person to sign in again.
func (s *Service) Device(ctx context.Context, token string) (chorus.Actor, error) {
	d, err := s.store.Device(ctx, hashToken(token))
	if err != nil {
		return chorus.Public, err
	}
	if d == nil || d.RevokedAt != nil || s.now().After(d.ExpiresAt) {
		return chorus.Public, chorus.Errorf(chorus.EUNAUTHORIZED,
			"This phone is no longer signed in. Nothing has been lost: ask your officer for a new code, then sign in again and your answers will be sent.")
	}
	v, err := s.store.Volunteer(ctx, d.VolunteerID)
	if err != nil {
		return chorus.Public, err
	}
	if v == nil || v.RetiredAt != nil {
		return chorus.Public, chorus.Errorf(chorus.EUNAUTHORIZED, "This phone is no longer signed in. Ask your officer.")
	}
	return chorus.Actor{Role: chorus.RoleVolunteer, ID: v.ID, Name: v.Name, Session: d.ID}, nil
}

// RevokeDevices signs out every phone of a volunteer.
func (s *Service) RevokeDevices(ctx context.Context, by chorus.Actor, volunteerID string) (int64, error) {
	if v, err := s.store.Volunteer(ctx, volunteerID); err != nil {
		return 0, err
	} else if v == nil {
		return 0, chorus.Errorf(chorus.ENOTFOUND, "No volunteer has the id %s.", volunteerID)
	}
	n, err := s.store.RevokeDevices(ctx, volunteerID, s.now())
	if err != nil {
		return 0, err
	}
	// A code not used yet (a QR code someone photographed) dies too.
	if err := s.store.ExpireCodes(ctx, volunteerID, s.now()); err != nil {
		return 0, err
	}
	s.audit(ctx, by, chorus.AuditDevicesRevoke, "volunteer:"+volunteerID, "ok", map[string]any{"devices": n})
	return n, nil
}

// RemoveVolunteer is for a Quality Checker who leaves: their phones are
// signed out, their unused codes expire and their display name is deleted.
// The visits they sent stay, with the internal id only. Asking again is
// harmless.
func (s *Service) RemoveVolunteer(ctx context.Context, by chorus.Actor, volunteerID string) error {
	if _, err := s.RevokeDevices(ctx, by, volunteerID); err != nil {
		return err
	}
	if err := s.store.RetireVolunteer(ctx, volunteerID, s.now()); err != nil {
		return err
	}
	s.audit(ctx, by, chorus.AuditVolunteerGone, "volunteer:"+volunteerID, "ok", nil)
	return nil
}

// Volunteers lists the Quality Checkers.
func (s *Service) Volunteers(ctx context.Context) ([]chorus.Volunteer, error) {
	return s.store.Volunteers(ctx)
}

// Users lists the officers and admins.
func (s *Service) Users(ctx context.Context) ([]chorus.User, error) { return s.store.Users(ctx) }

// AuditLog returns up to limit audit entries, oldest first, from since
// on (after it, when after is set; zero for all), leaving out the first
// skip of them.
func (s *Service) AuditLog(ctx context.Context, since time.Time, after bool, skip, limit int64) ([]chorus.AuditEntry, error) {
	return s.store.Audit(ctx, since, after, skip, limit)
}

// SignOutDevice ends the phone's own device session, when the person signs
// the phone out.
func (s *Service) SignOutDevice(ctx context.Context, a chorus.Actor) error {
	if err := s.store.RevokeDevice(ctx, a.Session, s.now()); err != nil {
		return err
	}
	s.audit(ctx, a, chorus.AuditSignOut, a.Ref(), "ok", nil)
	return nil
}

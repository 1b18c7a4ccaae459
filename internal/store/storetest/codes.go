package storetest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func code(id, volunteerID string, created time.Time) *chorus.SignInCode {
	return &chorus.SignInCode{ID: id, VolunteerID: volunteerID, CreatedAt: created, ExpiresAt: created.Add(15 * time.Minute)}
}

func testUseCodeOnce(t *testing.T, s store.Store) {
	ctx := t.Context()
	c := code("c0ffee-hash", "vol-1", at(0))
	must(t, s.InsertCode(ctx, c), "InsertCode")
	now := at(time.Minute)
	used, was, err := s.UseCode(ctx, c.ID, now)
	must(t, err, "UseCode")
	want := *c
	want.UsedAt = &now
	check(t, "the code used", used, &want)
	if was != nil {
		t.Errorf("UseCode of an unused code gives was %+v, want nil", was)
	}
	used, was, err = s.UseCode(ctx, c.ID, at(2*time.Minute))
	must(t, err, "UseCode again")
	if used != nil || was == nil || was.UsedAt == nil || !was.UsedAt.Equal(now) || was.VolunteerID != "vol-1" {
		t.Errorf("UseCode of a used code = %+v, %+v; want nil and the code used at %v", used, was, now)
	}

	old := code("old-hash", "vol-1", at(0))
	must(t, s.InsertCode(ctx, old), "InsertCode")
	used, was, err = s.UseCode(ctx, old.ID, old.ExpiresAt)
	must(t, err, "UseCode of an expired code")
	check(t, "UseCode of a code at its expiry", [2]*chorus.SignInCode{used, was}, [2]*chorus.SignInCode{nil, old})
	used, was, err = s.UseCode(ctx, old.ID, old.ExpiresAt.Add(time.Hour))
	must(t, err, "UseCode of an expired code")
	check(t, "UseCode of an expired code", [2]*chorus.SignInCode{used, was}, [2]*chorus.SignInCode{nil, old})
	used, was, err = s.UseCode(ctx, "unknown-hash", now)
	if used != nil || was != nil || err != nil {
		t.Errorf("UseCode of an unknown code = %+v, %+v, %v; want nil, nil, nil", used, was, err)
	}
}

// Two phones send the same code at the same moment: one signs in.
func testUseCodeConcurrently(t *testing.T, s store.Store) {
	ctx := t.Context()
	for round := range 3 {
		c := code(fmt.Sprintf("race-%d", round), "vol-1", at(0))
		must(t, s.InsertCode(ctx, c), "InsertCode")
		const n = 8
		var (
			wg    sync.WaitGroup
			start = make(chan struct{})
			used  [n]*chorus.SignInCode
			was   [n]*chorus.SignInCode
			errs  [n]error
		)
		for i := range n {
			wg.Go(func() {
				<-start
				used[i], was[i], errs[i] = s.UseCode(ctx, c.ID, at(time.Minute))
			})
		}
		close(start)
		wg.Wait()
		winners := 0
		for i := range n {
			switch {
			case errs[i] != nil:
				t.Errorf("round %d, claim %d: %v", round, i, errs[i])
			case used[i] != nil:
				winners++
			case was[i] == nil || was[i].UsedAt == nil:
				t.Errorf("round %d, claim %d lost without being told the code was used: was %+v", round, i, was[i])
			}
		}
		if winners != 1 {
			t.Errorf("round %d: %d of %d claims of one code succeeded, want 1", round, winners, n)
		}
	}
}

func testExpireCodes(t *testing.T, s store.Store) {
	ctx := t.Context()
	a1, a2, b1 := code("a1", "vol-a", at(0)), code("a2", "vol-a", at(time.Minute)), code("b1", "vol-b", at(0))
	usedCode := code("a-used", "vol-a", at(0))
	for _, c := range []*chorus.SignInCode{a1, a2, b1, usedCode} {
		must(t, s.InsertCode(ctx, c), "InsertCode")
	}
	if used, _, err := s.UseCode(ctx, usedCode.ID, at(time.Minute)); used == nil || err != nil {
		t.Fatalf("UseCode: %+v %v", used, err)
	}
	now := at(2 * time.Minute)
	must(t, s.ExpireCodes(ctx, "vol-a", now), "ExpireCodes")
	for _, c := range []*chorus.SignInCode{a1, a2} {
		used, was, err := s.UseCode(ctx, c.ID, now.Add(time.Millisecond))
		must(t, err, "UseCode")
		if used != nil || was == nil || was.UsedAt != nil || was.ExpiresAt.After(now) {
			t.Errorf("UseCode of expired code %s = %+v, %+v; want nil and the code expiring by %v", c.ID, used, was, now)
		}
	}
	used, was, err := s.UseCode(ctx, usedCode.ID, now)
	must(t, err, "UseCode")
	if used != nil || was == nil || was.UsedAt == nil || !was.UsedAt.Equal(at(time.Minute)) {
		t.Errorf("a used code after ExpireCodes = %+v, %+v; want it used at %v", used, was, at(time.Minute))
	}
	if used, _, err := s.UseCode(ctx, b1.ID, now); used == nil || err != nil {
		t.Errorf("another volunteer's code after ExpireCodes: %+v %v; want it usable", used, err)
	}
}

func testDevices(t *testing.T, s store.Store) {
	ctx := t.Context()
	device := func(id, vol string, created time.Time) *chorus.Device {
		return &chorus.Device{ID: id, VolunteerID: vol, CreatedAt: created, ExpiresAt: created.Add(90 * 24 * time.Hour)}
	}
	a1, a2, a3, b1 := device("dev-a1", "vol-a", at(0)), device("dev-a2", "vol-a", at(time.Minute)), device("dev-a3", "vol-a", at(2*time.Minute)), device("dev-b1", "vol-b", at(0))
	for _, d := range []*chorus.Device{a1, a2, a3, b1} {
		must(t, s.InsertDevice(ctx, d), "InsertDevice")
	}
	got, err := s.Device(ctx, a1.ID)
	must(t, err, "Device")
	check(t, "Device", got, a1)
	if got, err := s.Device(ctx, "unknown"); got != nil || err != nil {
		t.Errorf("unknown device = %+v, %v; want nil, nil", got, err)
	}
	must(t, s.RevokeDevice(ctx, a1.ID, at(time.Hour)), "RevokeDevice")
	got, err = s.Device(ctx, a1.ID)
	must(t, err, "Device")
	revoked := *a1
	revoked.RevokedAt = ptr(at(time.Hour))
	check(t, "a revoked device", got, &revoked)

	n, err := s.RevokeDevices(ctx, "vol-a", at(2*time.Hour))
	must(t, err, "RevokeDevices")
	if n != 2 {
		t.Errorf("RevokeDevices = %d, want 2 (one of three was revoked already)", n)
	}
	for _, d := range []*chorus.Device{a2, a3} {
		got, err := s.Device(ctx, d.ID)
		must(t, err, "Device")
		if got == nil || got.RevokedAt == nil || !got.RevokedAt.Equal(at(2*time.Hour)) {
			t.Errorf("device %s after RevokeDevices: %+v", d.ID, got)
		}
	}
	got, err = s.Device(ctx, a1.ID)
	must(t, err, "Device")
	check(t, "a device revoked before, left as it was", got, &revoked)
	got, err = s.Device(ctx, b1.ID)
	must(t, err, "Device")
	check(t, "another volunteer's device", got, b1)
	if n, err := s.RevokeDevices(ctx, "vol-a", at(3*time.Hour)); n != 0 || err != nil {
		t.Errorf("RevokeDevices again = %d, %v; want 0", n, err)
	}
}

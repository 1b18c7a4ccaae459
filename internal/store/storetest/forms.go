package storetest

import (
	"cmp"
	"slices"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func formCases() []testCase {
	return []testCase{
		one("FormVersions", testFormVersions),
		one("SeedServices", testSeedServices),
		one("Services", testServices),
	}
}

// definition is a form's JSON as an author wrote it: its spacing, key
// order and characters must come back exactly.
const definition = `{
  "id": "visit", "version": "2",
  "title": "Quality Checker visit — “Oak House”",
  "questions": [ {"id": "rating", "type": "single-choice", "choices": ["good", "a.b", "$x"]} ],
  "zeta": 1,   "alpha": "\u00e9\n"
}`

func formVersions(t *testing.T, s store.Store) []store.FormVersion {
	t.Helper()
	got, err := s.FormVersions(t.Context())
	must(t, err, "FormVersions")
	slices.SortFunc(got, func(a, b store.FormVersion) int {
		return cmp.Or(cmp.Compare(a.FormID, b.FormID), cmp.Compare(a.Version, b.Version))
	})
	for i := range got {
		got[i].Key = "" // the store's own key
	}
	return got
}

func testFormVersions(t *testing.T, s store.Store) {
	ctx := t.Context()
	check(t, "FormVersions of a new store", formVersions(t, s), []store.FormVersion(nil))
	v2 := store.FormVersion{FormID: "visit", Version: "2", Definition: definition, Fingerprint: "sha-v2", FirstSeenAt: at(0)}
	v1 := store.FormVersion{FormID: "visit", Version: "1", Definition: `{"id":"visit","version":"1"}`, Fingerprint: "sha-v1", FirstSeenAt: at(-time.Hour)}
	s1 := store.FormVersion{FormID: "survey", Version: "1", Definition: `{"id":"survey"}`, Fingerprint: "sha-s1", FirstSeenAt: at(time.Minute)}
	for _, v := range []store.FormVersion{v2, v1, s1} {
		must(t, s.SaveFormVersion(ctx, v), "SaveFormVersion "+v.FormID+"@"+v.Version)
	}
	again := v2
	again.FirstSeenAt = at(time.Hour) // seen again at the next start
	must(t, s.SaveFormVersion(ctx, again), "SaveFormVersion, the same content again")
	changed := v2
	changed.Definition, changed.Fingerprint, changed.FirstSeenAt = `{"id":"visit","version":"2","changed":true}`, "sha-v2-changed", at(time.Hour)
	wantCode(t, s.SaveFormVersion(ctx, changed), chorus.ECONFLICT, "SaveFormVersion, the same version changed")
	check(t, "FormVersions", formVersions(t, s), []store.FormVersion{s1, v1, v2})
}

func services(t *testing.T, s store.Store) []chorus.Service {
	t.Helper()
	got, err := s.Services(t.Context())
	must(t, err, "Services")
	slices.SortFunc(got, func(a, b chorus.Service) int { return cmp.Compare(a.ID, b.ID) })
	return got
}

var (
	oak = chorus.Service{ID: "svc-oak", Name: "Oak House", Type: "care-home", Provider: "Oak Care Ltd",
		Address: "1 Oak Lane,\nLeeds LS1 1AA", RegulatorID: "1-123456789"}
	elm  = chorus.Service{ID: "svc-elm", Name: "Elm Court", Type: "home-care"}
	pine = chorus.Service{ID: "svc-pine", Name: "Pine Lodge — Ünit 2", Type: "care-home"}
)

func testSeedServices(t *testing.T, s store.Store) {
	ctx := t.Context()
	check(t, "Services of a new store", services(t, s), []chorus.Service(nil))
	filled, err := s.SeedServices(ctx, []chorus.Service{oak, elm})
	must(t, err, "SeedServices")
	if !filled {
		t.Error("SeedServices did not fill an empty register")
	}
	check(t, "the seeded register", services(t, s), []chorus.Service{elm, oak})
	filled, err = s.SeedServices(ctx, []chorus.Service{pine})
	must(t, err, "SeedServices again")
	if filled {
		t.Error("SeedServices filled a register that held services")
	}
	check(t, "the register after a second seed", services(t, s), []chorus.Service{elm, oak})
}

func testServices(t *testing.T, s store.Store) {
	ctx := t.Context()
	must(t, s.SaveService(ctx, oak), "SaveService")
	filled, err := s.SeedServices(ctx, []chorus.Service{pine})
	must(t, err, "SeedServices")
	if filled {
		t.Error("SeedServices filled a register that held a service")
	}
	must(t, s.SaveServices(ctx, []chorus.Service{elm, pine}), "SaveServices")
	renamed := oak
	renamed.Name, renamed.Provider, renamed.RegulatorID = "Oak House Nursing", "", ""
	must(t, s.SaveService(ctx, renamed), "SaveService, replacing")
	check(t, "the register", services(t, s), []chorus.Service{elm, renamed, pine})

	must(t, s.RetireService(ctx, elm.ID, at(time.Hour)), "RetireService")
	retired := elm
	retired.RetiredAt = ptr(at(time.Hour))
	check(t, "the register after a retirement", services(t, s), []chorus.Service{retired, renamed, pine})
	wantCode(t, s.RetireService(ctx, "svc-none", at(time.Hour)), chorus.ENOTFOUND, "RetireService of an unknown service")

	names, err := s.ServiceNames(ctx)
	must(t, err, "ServiceNames")
	check(t, "ServiceNames", names, map[string]string{"svc-elm": "Elm Court", "svc-oak": "Oak House Nursing", "svc-pine": "Pine Lodge — Ünit 2"})

	pineChanged := pine
	pineChanged.Name = "Pine Lodge"
	must(t, s.SaveServices(ctx, []chorus.Service{pineChanged, {ID: "svc-ash", Name: "Ash Grove", Type: "care-home"}}), "SaveServices, replacing and adding")
	names, err = s.ServiceNames(ctx)
	must(t, err, "ServiceNames")
	check(t, "ServiceNames after SaveServices", names, map[string]string{"svc-ash": "Ash Grove", "svc-elm": "Elm Court", "svc-oak": "Oak House Nursing", "svc-pine": "Pine Lodge"})
}

// Package intake takes responses in: it finds the form version a response
// was filled on, applies the form's rules and stores the response once.
package intake

import (
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// Registry holds the current version of every form and every older version
// that the server has seen. Readers see one consistent set of forms; Set
// replaces it whole when officers publish, close or archive a form.
type Registry struct {
	snap atomic.Pointer[snapshot]
}

// snapshot is the registry's forms at one moment. It never changes once
// published to readers.
type snapshot struct {
	current  map[string]*form.Form
	versions map[string]map[string]*form.Form
	ordered  []*form.Form // listed: every current form not archived, by id
	archived map[string]bool
}

// NewRegistry returns a registry of the given current forms.
func NewRegistry(current []*form.Form) *Registry {
	r := &Registry{}
	r.Set(current, nil, nil)
	return r
}

// Set replaces every form at once: the current versions, those archived
// (kept for results and exports, left out of lists) and the older versions.
func (r *Registry) Set(current []*form.Form, archived map[string]bool, older []*form.Form) {
	s := &snapshot{current: map[string]*form.Form{}, versions: map[string]map[string]*form.Form{}, archived: map[string]bool{}}
	for _, f := range current {
		s.current[f.ID] = f
		s.addVersion(f)
		if archived[f.ID] {
			s.archived[f.ID] = true
		} else {
			s.ordered = append(s.ordered, f)
		}
	}
	for _, f := range older {
		s.addVersion(f)
	}
	sort.Slice(s.ordered, func(i, j int) bool { return s.ordered[i].ID < s.ordered[j].ID })
	r.snap.Store(s)
}

func (s *snapshot) addVersion(f *form.Form) {
	if s.versions[f.ID] == nil {
		s.versions[f.ID] = map[string]*form.Form{}
	}
	if s.versions[f.ID][f.Version] == nil {
		s.versions[f.ID][f.Version] = f
	}
}

// Current returns the current version of a form.
func (r *Registry) Current(id string) (*form.Form, error) {
	if f := r.snap.Load().current[id]; f != nil {
		return f, nil
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "There is no form with the id %q.", id)
}

// Archived reports whether a form is archived.
func (r *Registry) Archived(id string) bool { return r.snap.Load().archived[id] }

// Version returns a given version of a form.
func (r *Registry) Version(id, version string) (*form.Form, error) {
	s := r.snap.Load()
	if s.current[id] == nil {
		return nil, chorus.Errorf(chorus.ENOTFOUND, "There is no form with the id %q.", id)
	}
	if f := s.versions[id][version]; f != nil {
		return f, nil
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "The form %q has no version %q.", id, version)
}

// Versions returns every known version of a form, current one included.
func (r *Registry) Versions(id string) []*form.Form {
	s := r.snap.Load()
	out := make([]*form.Form, 0, len(s.versions[id]))
	for _, f := range s.versions[id] {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// All returns the current version of every form not archived, by id.
func (r *Registry) All() []*form.Form { return r.snap.Load().ordered }

// Known returns the current version of every form, archived ones too, by id.
func (r *Registry) Known() []*form.Form {
	s := r.snap.Load()
	out := make([]*form.Form, 0, len(s.current))
	for _, f := range s.current {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// Live returns the forms that accept responses at now.
func (r *Registry) Live(now time.Time) []*form.Form {
	var out []*form.Form
	for _, f := range r.All() {
		if f.IsOpen(now) {
			out = append(out, f)
		}
	}
	return out
}

// History returns every known version of a form, oldest first and the
// current version last, as exports want them.
func (r *Registry) History(id string) ([]*form.Form, error) {
	cur, err := r.Current(id)
	if err != nil {
		return nil, err
	}
	var out []*form.Form
	for _, f := range r.Versions(id) {
		if f != cur {
			out = append(out, f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return VersionLess(out[i].Version, out[j].Version) })
	return append(out, cur), nil
}

// VersionLess orders versions as people number them: "2" before "10",
// "1.9" before "1.10", comparing runs of digits as numbers.
func VersionLess(a, b string) bool {
	for a != "" && b != "" {
		ra, rb := run(a), run(b)
		if ra != rb {
			da, db := isDigit(ra[0]), isDigit(rb[0])
			switch {
			case da && db:
				na, nb := strings.TrimLeft(ra, "0"), strings.TrimLeft(rb, "0")
				if len(na) != len(nb) {
					return len(na) < len(nb)
				}
				if na != nb {
					return na < nb
				}
			case da != db:
				return da // numbers before words
			default:
				return ra < rb
			}
		}
		a, b = a[len(ra):], b[len(rb):]
	}
	return len(a) < len(b)
}

// run is the leading run of digits, or of other characters, of s.
func run(s string) string {
	i := 1
	for i < len(s) && isDigit(s[i]) == isDigit(s[0]) {
		i++
	}
	return s[:i]
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

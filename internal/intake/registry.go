// Package intake takes responses in: it finds the form version a response
// was filled on, applies the form's rules and stores the response once.
package intake

import (
	"sort"
	"strings"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// Registry holds the current version of every form and every older version
// that the server has seen. It is built at start-up and read-only after.
type Registry struct {
	current  map[string]*form.Form
	versions map[string]map[string]*form.Form
	ordered  []*form.Form
}

// NewRegistry returns a registry of the given current forms.
func NewRegistry(current []*form.Form) *Registry {
	r := &Registry{current: map[string]*form.Form{}, versions: map[string]map[string]*form.Form{}}
	for _, f := range current {
		r.current[f.ID] = f
		r.ordered = append(r.ordered, f)
		r.AddVersion(f)
	}
	sort.Slice(r.ordered, func(i, j int) bool { return r.ordered[i].ID < r.ordered[j].ID })
	return r
}

// AddVersion adds an older version of a form. A version already known is
// kept as it is.
func (r *Registry) AddVersion(f *form.Form) {
	if r.versions[f.ID] == nil {
		r.versions[f.ID] = map[string]*form.Form{}
	}
	if r.versions[f.ID][f.Version] == nil {
		r.versions[f.ID][f.Version] = f
	}
}

// Current returns the current version of a form.
func (r *Registry) Current(id string) (*form.Form, error) {
	if f := r.current[id]; f != nil {
		return f, nil
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "There is no form with the id %q.", id)
}

// Version returns a given version of a form.
func (r *Registry) Version(id, version string) (*form.Form, error) {
	if _, err := r.Current(id); err != nil {
		return nil, err
	}
	if f := r.versions[id][version]; f != nil {
		return f, nil
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "The form %q has no version %q.", id, version)
}

// Versions returns every known version of a form, current one included.
func (r *Registry) Versions(id string) []*form.Form {
	out := make([]*form.Form, 0, len(r.versions[id]))
	for _, f := range r.versions[id] {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// All returns the current version of every form, by id.
func (r *Registry) All() []*form.Form { return r.ordered }

// Live returns the forms that accept responses at now.
func (r *Registry) Live(now time.Time) []*form.Form {
	var out []*form.Form
	for _, f := range r.ordered {
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
	sort.SliceStable(out, func(i, j int) bool { return versionLess(out[i].Version, out[j].Version) })
	return append(out, cur), nil
}

// versionLess orders versions as people number them: "2" before "10",
// "1.9" before "1.10", comparing runs of digits as numbers.
func versionLess(a, b string) bool {
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

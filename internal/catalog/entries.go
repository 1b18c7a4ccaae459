package catalog

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/store"
)

// States of a form, as the console shows them.
const (
	StateDraft     = "draft"     // never published: only officers see it
	StateScheduled = "scheduled" // published, opening on a later date
	StateOpen      = "open"
	StateClosed    = "closed"
	StateArchived  = "archived" // hidden from lists; responses and exports kept
)

// Entry is a form as the console lists it.
type Entry struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     string `json:"kind"`
	Audience string `json:"audience"`
	State    string `json:"state"`
	// Version is the version served; "" while the form is only a draft.
	Version   string     `json:"version"`
	Opens     string     `json:"opens,omitempty"`
	Closes    string     `json:"closes,omitempty"`
	Origin    string     `json:"origin"`
	Versions  int        `json:"versions"`
	UpdatedAt time.Time  `json:"updatedAt"`
	Revision  int64      `json:"revision"`
	Draft     *DraftInfo `json:"draft,omitempty"`
}

// DraftInfo says what a form's draft is, without its questions.
type DraftInfo struct {
	Version string    `json:"version"`
	Title   string    `json:"title"`
	Source  string    `json:"source"`
	SavedAt time.Time `json:"savedAt"`
	SavedBy string    `json:"savedBy,omitempty"`
}

// Draft is a form's next version, with what publishing it would stop
// asking (Drops, against the version served).
type Draft struct {
	Form    *form.Form  `json:"definition"`
	Source  string      `json:"source"`
	SavedAt time.Time   `json:"savedAt"`
	SavedBy string      `json:"savedBy,omitempty"`
	Drops   []form.Drop `json:"drops"`
}

// List returns every form, archived ones included, by title.
func (c *Catalog) List(ctx context.Context) ([]Entry, error) {
	records, err := c.store.FormRecords(ctx)
	if err != nil {
		return nil, err
	}
	drafts, err := c.store.FormDrafts(ctx)
	if err != nil {
		return nil, err
	}
	byForm := map[string]store.FormDraft{}
	for _, d := range drafts {
		byForm[d.FormID] = d
	}
	out := make([]Entry, 0, len(records))
	for _, rec := range records {
		var d *store.FormDraft
		if x, ok := byForm[rec.ID]; ok {
			d = &x
		}
		if e := c.entry(rec, d); e != nil {
			out = append(out, *e)
		}
	}
	slices.SortFunc(out, func(a, b Entry) int {
		return strings.Compare(strings.ToLower(a.Title)+"\x00"+a.ID, strings.ToLower(b.Title)+"\x00"+b.ID)
	})
	return out, nil
}

// Entry returns one form as the console lists it.
func (c *Catalog) Entry(ctx context.Context, id string) (*Entry, error) {
	rec, err := c.record(ctx, id)
	if err != nil {
		return nil, err
	}
	d, err := c.store.FormDraft(ctx, id)
	if chorus.ErrorCode(err) == chorus.ENOTFOUND {
		d, err = nil, nil
	}
	if err != nil {
		return nil, err
	}
	if e := c.entry(*rec, d); e != nil {
		return e, nil
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "The form %q cannot be read: look at the server's log.", id)
}

// entry is a record as listed; nil when there is nothing of it to show.
func (c *Catalog) entry(rec store.FormRecord, d *store.FormDraft) *Entry {
	e := &Entry{ID: rec.ID, Version: rec.Current, Origin: rec.Origin, UpdatedAt: rec.UpdatedAt, Revision: rec.Revision}
	if d != nil {
		if f := c.readDraft(*d); f != nil {
			e.Draft = &DraftInfo{Version: f.Version, Title: f.Title, Source: d.Source, SavedAt: d.SavedAt, SavedBy: d.SavedBy}
			e.Title, e.Kind, e.Audience, e.Opens, e.Closes = f.Title, f.Kind, f.Audience, f.Opens, f.Closes
		}
	}
	if rec.Current != "" {
		cur, err := c.forms.Current(rec.ID)
		if err != nil || cur.Version != rec.Current {
			cur = c.version(rec.ID, rec.Current)
		}
		if cur == nil {
			return nil
		}
		e.Title, e.Kind, e.Audience, e.Opens, e.Closes = cur.Title, cur.Kind, cur.Audience, cur.Opens, cur.Closes
		e.Versions = len(c.forms.Versions(rec.ID))
	} else if e.Draft == nil {
		return nil
	}
	e.State = c.state(rec)
	return e
}

// state is where a form stands now.
func (c *Catalog) state(rec store.FormRecord) string {
	if rec.Archived {
		return StateArchived
	}
	if rec.Current == "" {
		return StateDraft
	}
	cur, err := c.forms.Current(rec.ID)
	if err != nil {
		return StateDraft
	}
	now := c.now()
	opens, _ := cur.Window()
	switch {
	case cur.IsOpen(now):
		return StateOpen
	case !opens.IsZero() && now.Before(opens):
		return StateScheduled
	}
	return StateClosed
}

// record returns a form's record; ENOTFOUND when there is none.
func (c *Catalog) record(ctx context.Context, id string) (*store.FormRecord, error) {
	records, err := c.store.FormRecords(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		if r.ID == id {
			return &r, nil
		}
	}
	return nil, chorus.Errorf(chorus.ENOTFOUND, "There is no form with the id %q.", id)
}

// version returns a stored version of a form from the registry; nil when
// it has none.
func (c *Catalog) version(id, version string) *form.Form {
	f, err := c.forms.Version(id, version)
	if err != nil {
		return nil
	}
	return f
}

// readDraft parses a stored draft; nil (logged) when it no longer reads.
func (c *Catalog) readDraft(d store.FormDraft) *form.Form {
	f, errs := form.Parse(d.FormID+"@draft", []byte(d.Definition), c.loc)
	if len(errs) > 0 {
		c.logger.Warn("a stored form draft can no longer be read", "form", d.FormID, "problems", errs.Error())
		return nil
	}
	return f
}

// Draft returns a form's draft, with what publishing it would stop asking.
func (c *Catalog) Draft(ctx context.Context, id string) (*Draft, error) {
	d, err := c.store.FormDraft(ctx, id)
	if err != nil {
		return nil, err
	}
	f := c.readDraft(*d)
	if f == nil {
		return nil, chorus.Errorf(chorus.EINVALID, "The draft of %q no longer reads: upload it again.", id)
	}
	out := &Draft{Form: f, Source: d.Source, SavedAt: d.SavedAt, SavedBy: d.SavedBy, Drops: []form.Drop{}}
	if cur, err := c.forms.Current(id); err == nil {
		out.Drops = append(out.Drops, form.Drops(cur, f)...)
	}
	return out, nil
}

// Definition returns a form's draft ("draft"), current version ("") or a
// given version.
func (c *Catalog) Definition(ctx context.Context, id, which string) (*form.Form, error) {
	switch which {
	case "draft":
		d, err := c.Draft(ctx, id)
		if err != nil {
			return nil, err
		}
		return d.Form, nil
	case "", "current":
		return c.forms.Current(id)
	}
	return c.forms.Version(id, which)
}

// clone is a deep copy of a form, checked again.
func (c *Catalog) clone(f *form.Form) (*form.Form, error) {
	raw, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	return c.Parse(f.ID, raw)
}

// Parse reads a definition and checks it as a file would be: with every
// problem listed in the EINVALID it returns.
func (c *Catalog) Parse(name string, raw []byte) (*form.Form, error) {
	f, errs := form.Parse(name, raw, c.loc)
	if len(errs) > 0 {
		e := chorus.Errorf(chorus.EINVALID, "The form would not be valid: %s", errs[0].Message)
		for _, de := range errs {
			e.Problems = append(e.Problems, chorus.Problem{Question: de.Question, Message: de.Message})
		}
		return nil, e
	}
	return f, nil
}

package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/intake"
	"chorus/internal/store"
)

// SaveDraft keeps a checked form as its form's draft, replacing the one
// before; a form id never seen becomes a new form, listed as a draft.
func (c *Catalog) SaveDraft(ctx context.Context, by string, f *form.Form, source string) (*Draft, error) {
	rec, err := c.record(ctx, f.ID)
	if chorus.ErrorCode(err) == chorus.ENOTFOUND {
		rec, err = &store.FormRecord{ID: f.ID, Origin: OriginConsole}, nil
		if err := c.put(ctx, by, *rec); err != nil {
			return nil, err
		}
	}
	if err != nil {
		return nil, err
	}
	def, err := json.Marshal(f)
	if err != nil {
		return nil, err
	}
	if err := c.store.SaveFormDraft(ctx, store.FormDraft{FormID: f.ID, Definition: string(def), Source: source,
		SavedAt: c.now().UTC().Truncate(time.Millisecond), SavedBy: by}); err != nil {
		return nil, err
	}
	return c.Draft(ctx, f.ID)
}

// DiscardDraft deletes a form's draft. A form that was never published
// has nothing left, and is archived.
func (c *Catalog) DiscardDraft(ctx context.Context, by, id string) error {
	rec, err := c.record(ctx, id)
	if err != nil {
		return err
	}
	if _, err := c.store.FormDraft(ctx, id); err != nil {
		return err
	}
	if err := c.store.DeleteFormDraft(ctx, id); err != nil {
		return err
	}
	if rec.Current == "" && !rec.Archived {
		rec.Archived = true
		return c.put(ctx, by, *rec)
	}
	return nil
}

// Publish makes a form's draft its next version. When that would stop
// asking for answers people have given (form.Drops), it is ECONFLICT
// listing them, unless the officer has seen them (acknowledged).
func (c *Catalog) Publish(ctx context.Context, by, id string, acknowledged bool) (*Entry, error) {
	rec, err := c.record(ctx, id)
	if err != nil {
		return nil, err
	}
	d, err := c.Draft(ctx, id)
	if err != nil {
		return nil, err
	}
	if len(d.Drops) > 0 && !acknowledged {
		e := chorus.Errorf(chorus.ECONFLICT, "Publishing this draft would stop asking for answers people have already given. They stay in the exports of the earlier versions. Look at the list, then publish again to confirm.")
		for _, drop := range d.Drops {
			e.Problems = append(e.Problems, chorus.Problem{Question: drop.Question, Message: drop.Message})
		}
		return nil, e
	}
	rec.Archived = false
	if err := c.publish(ctx, by, rec, d.Form); err != nil {
		return nil, err
	}
	if err := c.store.DeleteFormDraft(ctx, id); err != nil {
		return nil, err
	}
	return c.Entry(ctx, id)
}

// Schedule sets when a form opens and closes (YYYY-MM-DD, or a moment in
// RFC 3339; "" for no limit): a new version of a published form, or a
// change to a draft not yet published.
func (c *Catalog) Schedule(ctx context.Context, by, id, opens, closes string) (*Entry, error) {
	return c.changeDates(ctx, by, id, false, func(f *form.Form) error {
		f.Opens, f.Closes = opens, closes
		return nil
	})
}

// Close closes an open or scheduled form now: a new version closing at
// this minute.
func (c *Catalog) Close(ctx context.Context, by, id string) (*Entry, error) {
	now := c.now()
	return c.changeDates(ctx, by, id, true, func(f *form.Form) error {
		opens, _ := f.Window()
		if !f.IsOpen(now) && (opens.IsZero() || !now.Before(opens)) {
			return chorus.Errorf(chorus.ECONFLICT, "“%s” is already closed.", f.Title)
		}
		if !opens.IsZero() && now.Before(opens) {
			f.Opens = "" // a scheduled form closed before it opened
		}
		f.Closes = now.UTC().Truncate(time.Second).Format(time.RFC3339)
		return nil
	})
}

// Reopen opens a closed form again until closes ("" for no closing date).
func (c *Catalog) Reopen(ctx context.Context, by, id, closes string) (*Entry, error) {
	now := c.now()
	return c.changeDates(ctx, by, id, true, func(f *form.Form) error {
		if f.IsOpen(now) {
			return chorus.Errorf(chorus.ECONFLICT, "“%s” is open already.", f.Title)
		}
		if opens, _ := f.Window(); !opens.IsZero() && now.Before(opens) {
			f.Opens = ""
		}
		f.Closes = closes
		return nil
	})
}

// changeDates applies change to the version served, checks the result and
// publishes it; for a form never published, it changes the draft, unless
// the change is for published forms only.
func (c *Catalog) changeDates(ctx context.Context, by, id string, publishedOnly bool, change func(f *form.Form) error) (*Entry, error) {
	rec, err := c.record(ctx, id)
	if err != nil {
		return nil, err
	}
	if publishedOnly && rec.Current == "" {
		return nil, chorus.Errorf(chorus.ECONFLICT, "The form %q has not been published yet.", id)
	}
	if rec.Archived {
		return nil, chorus.Errorf(chorus.ECONFLICT, "The form %q is archived: bring it back first.", id)
	}
	var base *form.Form
	if rec.Current == "" {
		d, err := c.Draft(ctx, id)
		if err != nil {
			return nil, err
		}
		base = d.Form
	} else if base, err = c.forms.Current(id); err != nil {
		return nil, err
	}
	f, err := c.clone(base)
	if err != nil {
		return nil, err
	}
	if err := change(f); err != nil {
		return nil, err
	}
	if f, err = c.clone(f); err != nil { // checked, its dates read again
		return nil, err
	}
	// A past closing date would close an open form without saying so; a
	// closed form may keep one (its dates saved again unchanged).
	if closes := f.Closes; closes != "" && closes != base.Closes && rec.Current != "" && c.state(*rec) != StateClosed {
		if _, end := f.Window(); !end.After(c.now().Add(-time.Minute)) && !strings.Contains(closes, "T") {
			return nil, chorus.Errorf(chorus.EINVALID, "The closing date %s has passed: choose a later one, or use Close now.", closes)
		}
	}
	if rec.Current == "" {
		d, err := c.store.FormDraft(ctx, id)
		if err != nil {
			return nil, err
		}
		if _, err := c.SaveDraft(ctx, by, f, d.Source); err != nil {
			return nil, err
		}
		return c.Entry(ctx, id)
	}
	if err := c.publish(ctx, by, rec, f); err != nil {
		return nil, err
	}
	return c.Entry(ctx, id)
}

// Change publishes next, which may differ from the version served only in
// its words and dates (a typo in a label, a later closing date), as a new
// version: no upload needed.
func (c *Catalog) Change(ctx context.Context, by string, next *form.Form) (*Entry, error) {
	rec, err := c.record(ctx, next.ID)
	if err != nil {
		return nil, err
	}
	cur, err := c.forms.Current(next.ID)
	if err != nil {
		return nil, err
	}
	if err := form.SameRules(cur, next); err != nil {
		return nil, chorus.Errorf(chorus.EINVALID, "Only words and dates can be changed here, and %v. Download the form as a spreadsheet, change it and upload it instead.", err)
	}
	if err := c.publish(ctx, by, rec, next); err != nil {
		return nil, err
	}
	return c.Entry(ctx, next.ID)
}

// Duplicate makes a new form, as a draft, from a form's draft or, when it
// has none, its version served: with the id newID, the title given (or
// "Copy of …"), version 1 and no dates.
func (c *Catalog) Duplicate(ctx context.Context, by, id, newID, title string) (*Draft, error) {
	src, err := c.Definition(ctx, id, "draft")
	if chorus.ErrorCode(err) == chorus.ENOTFOUND {
		src, err = c.forms.Current(id)
	}
	if err != nil {
		return nil, err
	}
	if _, err := c.record(ctx, newID); err == nil {
		return nil, chorus.Errorf(chorus.ECONFLICT, "The id %q is used by another form already: choose another.", newID)
	}
	f, err := c.clone(src)
	if err != nil {
		return nil, err
	}
	f.ID, f.Version, f.Opens, f.Closes = newID, "1", "", ""
	f.Title = strings.TrimSpace(title)
	if f.Title == "" {
		f.Title = "Copy of " + src.Title
	}
	if _, err := c.clone(f); err != nil { // checked
		return nil, err
	}
	return c.SaveDraft(ctx, by, f, "copy of "+id)
}

// Archive hides a closed form from every list, keeping its responses and
// exports; archived false brings it back.
func (c *Catalog) Archive(ctx context.Context, by, id string, archived bool) (*Entry, error) {
	rec, err := c.record(ctx, id)
	if err != nil {
		return nil, err
	}
	if rec.Archived == archived {
		return c.Entry(ctx, id)
	}
	if archived {
		switch c.state(*rec) {
		case StateOpen, StateScheduled:
			return nil, chorus.Errorf(chorus.ECONFLICT, "This form is %s: close it before archiving it.", c.state(*rec))
		}
	}
	rec.Archived = archived
	if err := c.put(ctx, by, *rec); err != nil {
		return nil, err
	}
	if err := c.Load(ctx); err != nil {
		return nil, err
	}
	return c.Entry(ctx, id)
}

// publish stores f as the form's next version and serves it: a version
// number after every one stored (f's own when it is new and later),
// written before the record that points to it.
func (c *Catalog) publish(ctx context.Context, by string, rec *store.FormRecord, f *form.Form) error {
	f, err := c.clone(f)
	if err != nil {
		return err
	}
	stored, err := c.store.FormVersions(ctx)
	if err != nil {
		return err
	}
	used := map[string]bool{}
	latest := rec.Current
	for _, v := range stored {
		if v.FormID == f.ID {
			used[v.Version] = true
			if latest == "" || intake.VersionLess(latest, v.Version) {
				latest = v.Version
			}
		}
	}
	if used[f.Version] || (latest != "" && !intake.VersionLess(latest, f.Version)) {
		f.Version = NextVersion(latest)
		for used[f.Version] {
			f.Version = NextVersion(f.Version)
		}
	}
	if f, err = c.clone(f); err != nil {
		return err
	}
	if err := c.saveVersion(ctx, f); err != nil {
		return err
	}
	rec.Current = f.Version
	if err := c.put(ctx, by, *rec); err != nil {
		return err
	}
	return c.Load(ctx)
}

// put stores the next revision of a record.
func (c *Catalog) put(ctx context.Context, by string, rec store.FormRecord) error {
	rec.Revision++
	rec.UpdatedAt, rec.UpdatedBy = c.now().UTC().Truncate(time.Millisecond), by
	return c.store.PutFormRecord(ctx, rec)
}

var trailingNumber = regexp.MustCompile(`^(.*?)(\d+)$`)

// NextVersion is the version after v: its last number plus one ("3" to
// "4", "1.9" to "1.10"), or v with ".1" added when it ends in no number.
func NextVersion(v string) string {
	if v == "" {
		return "1"
	}
	m := trailingNumber.FindStringSubmatch(v)
	if m == nil {
		return v + ".1"
	}
	n, err := strconv.Atoi(m[2])
	if err != nil {
		return v + ".1"
	}
	return fmt.Sprintf("%s%d", m[1], n+1)
}

// Package reports makes the files officers download: it checks what was
// asked for, finds every version of the form and the services register,
// streams the responses from the store and hands them to package exports.
// The HTTP layer and the command line both call it.
package reports

import (
	"context"
	"io"
	"path"
	"time"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/intake"
	"chorus/internal/store"
)

// Query is what an officer asks to download.
type Query struct {
	FormID   string
	From, To string // YYYY-MM-DD, both included
	Service  string
	Status   string // review status, "" for any
	Format   string // xlsx or csv
	Layout   string // responses or visits; empty picks the form's usual one
	Codes    bool   // choice codes instead of labels
	Labels   string // the language of titles, labels and options; "" for the form's main one
	By       string // who asks, for the About sheet
	Progress func(rows int)
}

// Service makes exports.
type Service struct {
	Store    store.Store
	Forms    *intake.Registry
	Location *time.Location
	// Tallies gives a form's answer tallies (kept in memory by the intake);
	// nil reads them from the store.
	Tallies func(formID, from, to, service string) []chorus.Tally
}

// Export is a checked query, ready to write.
type Export struct {
	svc      *Service
	query    Query
	versions []*form.Form
	filter   chorus.ResponseFilter
	// FileName is a name for the file, such as
	// "quality-checker-visit-visits-2026-11-27.xlsx".
	FileName string
	// ContentType is the file's media type.
	ContentType string
}

// Prepare checks a query: the form exists, the format, layout and filters
// make sense for it. Errors are EINVALID or ENOTFOUND, for a person to act on.
func (s *Service) Prepare(q Query) (*Export, error) {
	versions, err := s.Forms.History(q.FormID)
	if err != nil {
		return nil, err
	}
	cur := versions[len(versions)-1]
	if q.Format == "" {
		q.Format = exports.FormatXLSX
	}
	if q.Format != exports.FormatXLSX && q.Format != exports.FormatCSV {
		return nil, chorus.Errorf(chorus.EINVALID, "Unknown format %q: use xlsx or csv.", q.Format)
	}
	if q.Layout == "" {
		q.Layout = exports.LayoutResponses
		if q.Format == exports.FormatXLSX {
			q.Layout = exports.DefaultLayout(cur)
		}
	}
	if err := exports.CheckLayout(cur, q.Layout); err != nil {
		return nil, err
	}
	if q.Format == exports.FormatCSV && q.Layout != exports.LayoutResponses {
		return nil, chorus.Errorf(chorus.EINVALID, "CSV holds the responses layout only: ask for the responses layout, or for xlsx.")
	}
	filter, err := exports.NewReviewFilter(cur, q.From, q.To, q.Service, q.Status, s.Location)
	if err != nil {
		return nil, err
	}
	if q.Labels, err = exports.CheckLabels(versions, q.Labels); err != nil {
		return nil, err
	}
	q.FormID = cur.ID // a copy the request does not own
	e := &Export{svc: s, query: q, versions: versions, filter: filter, ContentType: contentTypes[q.Format]}
	e.FileName = path.Clean(q.FormID + "-" + q.Layout + "-" + time.Now().In(s.Location).Format(time.DateOnly) + "." + q.Format)
	return e, nil
}

var contentTypes = map[string]string{
	exports.FormatXLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	exports.FormatCSV:  "text/csv; charset=utf-8",
}

// Write streams the export into w. It reads the services register and
// the Quality Checkers' names and opens the store's cursor before writing anything, so a store that is
// down fails the export before a byte is written, as does a service filter
// that names no service in the register (ENOTFOUND).
func (e *Export) Write(ctx context.Context, w io.Writer) (exports.Stats, error) {
	names, err := e.svc.Store.ServiceNames(ctx)
	if err != nil {
		return exports.Stats{}, err
	}
	if id := e.query.Service; id != "" {
		if _, ok := names[id]; !ok {
			return exports.Stats{}, chorus.Errorf(chorus.ENOTFOUND, "No service has the id %q: filter by the id of a service in the register.", id)
		}
	}
	senders, err := VolunteerNames(ctx, e.svc.Store)
	if err != nil {
		return exports.Stats{}, err
	}
	// Cancelled on return, so that a read-ahead still waiting on the store
	// stops as soon as the export ends, whichever way it ends.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	rows, closeRows, err := e.svc.Store.EachResponse(ctx, e.filter)
	if err != nil {
		return exports.Stats{}, err
	}
	defer closeRows()
	return exports.Write(w, e.query.Format, e.query.Layout, exports.Request{
		Versions:   e.versions,
		Filter:     e.filter,
		Codes:      e.query.Codes,
		Labels:     e.query.Labels,
		Services:   names,
		Volunteers: senders,
		ExportedBy: e.query.By,
		ExportedAt: time.Now(),
		Location:   e.svc.Location,
		Progress:   e.query.Progress,
	}, rows)
}

// VolunteerNames names every Quality Checker by id as officers see them:
// their display name, or "former Quality Checker" once removed.
func VolunteerNames(ctx context.Context, st store.Store) (map[string]string, error) {
	vs, err := st.Volunteers(ctx)
	names := make(map[string]string, len(vs))
	for i := range vs {
		names[vs[i].ID] = vs[i].DisplayName()
	}
	return names, err
}

// Total is how many responses the export will hold, when the store can
// tell without reading them all (for a progress bar).
func (e *Export) Total(ctx context.Context) (int64, bool) {
	return e.svc.Store.CountCheaply(ctx, e.filter)
}

// SetProgress asks for fn to be called with the number of responses
// written so far, as the export goes.
func (e *Export) SetProgress(fn func(rows int)) { e.query.Progress = fn }

// FormID is the form exported.
func (e *Export) FormID() string { return e.query.FormID }

// Layout is the layout of the export.
func (e *Export) Layout() string { return e.query.Layout }

// Filters describes the filters applied, for the audit log.
func (e *Export) Filters() map[string]string {
	out := map[string]string{}
	for k, v := range map[string]string{"from": e.query.From, "to": e.query.To, "service": e.query.Service, "status": e.query.Status} {
		if v != "" {
			out[k] = v
		}
	}
	if e.query.Codes {
		out["codes"] = "true"
	}
	if e.query.Labels != "" {
		out["labels"] = e.query.Labels
	}
	return out
}

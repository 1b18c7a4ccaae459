package exports

import (
	"errors"
	"io"
	"iter"
	"slices"
	"strings"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// Formats and layouts of an export.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"

	LayoutResponses = "responses"
	LayoutVisits    = "visits"
)

// Request says what to export and how.
type Request struct {
	// Versions are every version of the form, oldest first; the last is
	// the current one, whose labels and order lead.
	Versions []*form.Form
	Filter   chorus.ResponseFilter
	// Codes writes choice answers as their codes instead of their labels.
	Codes bool
	// Labels is the language (a code CheckLabels accepts) that titles,
	// labels and options are written in; "" for the form's main language.
	Labels    string
	localized bool // the versions are in Labels' language already
	// Services names the services of the register by id.
	Services map[string]string
	// Volunteers names the Quality Checkers by id, as "Sent by" shows
	// them: a display name, or "former Quality Checker" once removed.
	Volunteers map[string]string
	// ExportedBy and ExportedAt are written on the About sheet.
	ExportedBy string
	ExportedAt time.Time
	// Location is the time zone that times are shown in.
	Location *time.Location
	// Progress, when set, is called with the number of responses written
	// so far, every few thousand and once at the end.
	Progress func(rows int)
}

// Stats says what an export wrote.
type Stats struct {
	Rows int // responses written
	Cut  int // texts too long for a cell, cut and flagged
}

// Responses is a stream of responses in received order. An error ends it.
type Responses = iter.Seq2[*chorus.Response, error]

// progressEvery is how many rows pass between calls of Request.Progress.
const progressEvery = 2000

// Write writes an export in the given format and layout.
func Write(w io.Writer, format, layout string, req Request, rows Responses) (Stats, error) {
	if err := req.check(); err != nil {
		return Stats{}, err
	}
	switch {
	case format == FormatCSV && layout == LayoutResponses:
		return WriteCSV(w, req, rows)
	case format == FormatXLSX && layout == LayoutResponses:
		return WriteResponses(w, req, rows)
	case format == FormatXLSX && layout == LayoutVisits:
		return WriteVisits(w, req, rows)
	case format == FormatCSV:
		return Stats{}, chorus.Errorf(chorus.EINVALID, "CSV holds the responses layout only: ask for the responses layout, or for xlsx.")
	}
	return Stats{}, chorus.Errorf(chorus.EINVALID, "Unknown format %q or layout %q: use format xlsx or csv, layout responses or visits.", format, layout)
}

// CheckLayout reports whether the layout can be made for the form.
func CheckLayout(f *form.Form, layout string) error {
	switch layout {
	case LayoutResponses:
		return nil
	case LayoutVisits:
		if f.Kind == form.KindVisit && f.Visit != nil {
			return nil
		}
		if f.Kind != form.KindVisit {
			return chorus.Errorf(chorus.EINVALID, "The visits layout is for Quality Checker visit forms; %q is a %s form. Ask for the responses layout.", f.ID, f.Kind)
		}
		return chorus.Errorf(chorus.EINVALID, "The form %q has no visit block naming its service, date and key questions, so it has no visits layout. Ask for the responses layout.", f.ID)
	}
	return chorus.Errorf(chorus.EINVALID, "Unknown layout %q: use responses or visits.", layout)
}

// DefaultLayout is the layout officers most likely want for the form.
func DefaultLayout(f *form.Form) string {
	if f.Kind == form.KindVisit && f.Visit != nil {
		return LayoutVisits
	}
	return LayoutResponses
}

// NewFilter checks the filters asked for and turns them into a
// ResponseFilter for the form's current version.
func NewFilter(f *form.Form, from, to, service string, loc *time.Location) (chorus.ResponseFilter, error) {
	rf := chorus.ResponseFilter{FormID: f.ID, From: from, To: to, Service: service, Location: loc}
	err := checkFilter(f, &rf)
	return rf, err
}

// NewReviewFilter is NewFilter keeping only responses with a review status.
func NewReviewFilter(f *form.Form, from, to, service, status string, loc *time.Location) (chorus.ResponseFilter, error) {
	rf, err := NewFilter(f, from, to, service, loc)
	if err != nil {
		return rf, err
	}
	if status != "" && !slices.Contains(chorus.ReviewStatuses, status) {
		return rf, chorus.Errorf(chorus.EINVALID, "Unknown review status %q: use %s.", status, strings.Join(chorus.ReviewStatuses, ", "))
	}
	rf.Status = status
	return rf, nil
}

func checkFilter(f *form.Form, rf *chorus.ResponseFilter) error {
	from, to, service := rf.From, rf.To, rf.Service
	for _, d := range []struct{ name, v string }{{"from", from}, {"to", to}} {
		if d.v == "" {
			continue
		}
		if _, err := time.Parse(time.DateOnly, d.v); err != nil {
			return chorus.Errorf(chorus.EINVALID, "%s %q is not a date: write it as YYYY-MM-DD, such as 2026-04-01.", d.name, d.v)
		}
	}
	if from != "" && to != "" && to < from {
		return chorus.Errorf(chorus.EINVALID, "to (%s) comes before from (%s).", to, from)
	}
	rf.DateQuestion, rf.ServiceQuestion = f.ResultDims()
	if service != "" && rf.ServiceQuestion == "" {
		return chorus.Errorf(chorus.EINVALID, "The form %q has no service question, so it cannot be filtered by service.", f.ID)
	}
	return nil
}

func (req *Request) check() error {
	if len(req.Versions) == 0 {
		return errors.New("exports: no form versions given")
	}
	if req.Location == nil {
		req.Location = time.UTC
	}
	if req.ExportedAt.IsZero() {
		req.ExportedAt = time.Now()
	}
	req.localize()
	return nil
}

func (req *Request) current() *form.Form { return req.Versions[len(req.Versions)-1] }

func (req *Request) serviceName(id string) string {
	if n, ok := req.Services[id]; ok {
		return n
	}
	return id
}

func (req *Request) versionList() string {
	vs := make([]string, len(req.Versions))
	for i, f := range req.Versions {
		vs[i] = f.Version
	}
	return strings.Join(vs, ", ")
}

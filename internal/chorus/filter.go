package chorus

import (
	"strings"
	"time"
)

// ResponseFilter selects a form's responses for an export or a list.
// From and To are whole days, "YYYY-MM-DD", both included; empty means no
// limit. They apply to the answer of DateQuestion when it is set (a visit's
// date), and otherwise to the day the response was received, in Location.
type ResponseFilter struct {
	FormID       string
	From, To     string
	DateQuestion string
	// Service keeps only responses whose ServiceQuestion answer is this
	// service id.
	ServiceQuestion string
	Service         string
	// Status keeps only responses with this review status ("" for any).
	Status   string
	Location *time.Location
}

// ReceivedRange returns the received-time bounds [from, before) that From
// and To mean when they apply to the received day; zero times mean no limit.
func (f ResponseFilter) ReceivedRange() (from, before time.Time) {
	loc := f.Location
	if loc == nil {
		loc = time.UTC
	}
	if f.From != "" {
		from, _ = time.ParseInLocation(time.DateOnly, f.From, loc)
	}
	if f.To != "" {
		if to, err := time.ParseInLocation(time.DateOnly, f.To, loc); err == nil {
			before = to.AddDate(0, 0, 1)
		}
	}
	return from, before
}

// Describe says in words which responses the filter keeps, for the About
// sheet and the audit log. serviceName turns a service id into a name.
func (f ResponseFilter) Describe(serviceName func(string) string) []string {
	out := []string{}
	what := "Received"
	if f.DateQuestion != "" {
		what = "Visit date"
	}
	switch {
	case f.From != "" && f.To != "":
		out = append(out, what+" from "+f.From+" to "+f.To+" (both included)")
	case f.From != "":
		out = append(out, what+" on or after "+f.From)
	case f.To != "":
		out = append(out, what+" on or before "+f.To)
	}
	if f.Service != "" {
		out = append(out, "Service: "+strings.TrimSpace(serviceName(f.Service)+" ("+f.Service+")"))
	}
	if f.Status != "" {
		out = append(out, "Review status: "+f.Status)
	}
	return out
}

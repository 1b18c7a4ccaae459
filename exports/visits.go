package exports

import (
	"cmp"
	"io"
	"slices"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// WriteVisits writes the Quality Checker visit results workbook: a row per
// visit with its ratings coloured, a row per service with its latest
// ratings and their trend, a chart of ratings per key question, and the
// Questions and About sheets.
func WriteVisits(w io.Writer, req Request, rows Responses) (Stats, error) {
	if err := req.check(); err != nil {
		return Stats{}, err
	}
	if err := CheckLayout(req.current(), LayoutVisits); err != nil {
		return Stats{}, err
	}
	v := visitLayout(&req)
	b, err := newBook("Visits", "By service", "Ratings", "Questions", "About")
	if err != nil {
		return Stats{}, err
	}
	defer b.f.Close() // removes the temporary files of streamed sheets, also after a failure
	t, err := b.newTable("Visits", headers(v.cols), widths(v.cols))
	if err != nil {
		return Stats{}, err
	}
	values := make([]any, len(v.cols))
	n, err := req.each(rows, func(r *chorus.Response) error {
		v.add(r)
		for i, c := range v.cols {
			values[i] = c.value(r)
		}
		return t.add(values)
	})
	if err != nil {
		return Stats{Rows: n}, err
	}
	if err := t.finish(); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeByService("By service", v); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeRatings("Ratings", v); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeQuestions("Questions", &req, v.cols, t.sheets); err != nil {
		return Stats{Rows: n}, err
	}
	if err := b.writeAbout("About", &req, n,
		"Colours: green = good, amber = OK or some things to fix, red = not good or big worries, grey = didn't see. Every coloured cell also says its answer in words.",
		"Trend compares each service's latest visit with the visit before it."); err != nil {
		return Stats{Rows: n}, err
	}
	return Stats{Rows: n, Cut: b.cut}, b.write(w)
}

// visits holds the visit layout's columns and what it gathers per service
// and per key question as the rows pass.
type visits struct {
	req      *Request
	service  *question
	date     *question
	keys     []*question
	cols     []column
	services map[string]*serviceVisits
	colours  []map[string]int // per key question: visits by colour ("" = no answer)
}

// serviceVisits is what the By service sheet shows of one service.
type serviceVisits struct {
	id               string
	count            int
	latest, previous *visitRatings
}

// visitRatings is one visit's date and key question answers.
type visitRatings struct {
	date     string
	received time.Time
	keys     []string
}

func visitLayout(req *Request) *visits {
	cur := req.current()
	qs := mergeQuestions(req.Versions)
	byID := map[string]*question{}
	for _, q := range qs {
		byID[q.ID] = q
	}
	v := &visits{req: req, service: byID[cur.Visit.Service], date: byID[cur.Visit.Date], services: map[string]*serviceVisits{}}
	used := map[string]bool{cur.Visit.Service: true, cur.Visit.Date: true}
	answer := func(q *question, header string, width float64) column {
		used[q.ID] = true
		return column{header: header, width: width, q: q,
			value: func(r *chorus.Response) any { return req.answerValue(q, r.Answers[q.ID]) }}
	}
	v.cols = append(v.cols, answer(v.service, "Service", 30), answer(v.date, "Visit date", 13))
	if q := byID[cur.Visit.TeamSize]; q != nil {
		v.cols = append(v.cols, answer(q, "Team size", 8))
	}
	for _, id := range cur.Visit.KeyQuestions {
		q := byID[id]
		v.keys = append(v.keys, q)
		v.colours = append(v.colours, map[string]int{})
		v.cols = append(v.cols, answer(q, keyName(q), 16))
	}
	var rest, texts []column
	for _, q := range qs {
		switch {
		case used[q.ID]:
		case q.Type == form.TypeRating:
			v.cols = append(v.cols, answer(q, q.Title(), 16))
		case q.Type == form.TypeLongText || q.Type == form.TypeShortText:
			texts = append(texts, answer(q, q.Title(), 50))
		default: // one column, or one per grid statement, ranked option or Other text
			for _, c := range req.questionColumns(q) {
				if c.part != partChosen {
					rest = append(rest, c)
				}
			}
		}
	}
	v.cols = append(v.cols, rest...)
	v.cols = append(v.cols, texts...)
	meta := req.metaColumns()
	v.cols = append(v.cols, meta[0], meta[5]) // receipt, received
	if c := req.sentByColumn(); c != nil {
		v.cols = append(v.cols, *c)
	}
	if c := req.languageColumn(); c != nil {
		v.cols = append(v.cols, *c)
	}
	v.cols = append(v.cols, meta[1]) // response id
	v.cols = uniqueHeaders(append(v.cols, reviewColumns()...))
	return v
}

// keyName is a key question's short name: the title of its section
// ("Is the service safe?") when it has one.
func keyName(q *question) string {
	if q.Section != "" {
		return q.Section
	}
	return q.Label
}

func (v *visits) add(r *chorus.Response) {
	rec := &visitRatings{received: r.ReceivedAt, keys: make([]string, len(v.keys))}
	rec.date, _ = r.Answers[v.date.ID].(string)
	for i, q := range v.keys {
		s, _ := r.Answers[q.ID].(string)
		rec.keys[i] = s
		colour := ""
		if o := q.Option(s); o != nil {
			colour = o.Colour
		}
		v.colours[i][colour]++
	}
	id, _ := r.Answers[v.service.ID].(string)
	sv := v.services[id]
	if sv == nil {
		sv = &serviceVisits{id: id}
		v.services[id] = sv
	}
	sv.count++
	switch {
	case sv.latest == nil || later(rec, sv.latest):
		sv.previous, sv.latest = sv.latest, rec
	case sv.previous == nil || later(rec, sv.previous):
		sv.previous = rec
	}
}

// later orders visits by visit date, then by when they arrived.
func later(a, b *visitRatings) bool {
	if c := cmp.Compare(a.date, b.date); c != 0 {
		return c > 0
	}
	return a.received.After(b.received)
}

// rank orders colours from worst to best; 0 means not comparable.
var rank = map[string]int{form.ColourRed: 1, form.ColourAmber: 2, form.ColourGreen: 3}

// trend says how a key question's rating moved from the previous visit.
func trend(q *question, latest, previous string) string {
	colour := func(v string) string {
		if o := q.Option(v); o != nil {
			return o.Colour
		}
		return ""
	}
	a, b := rank[colour(latest)], rank[colour(previous)]
	switch {
	case a == 0 || b == 0:
		return "Cannot compare"
	case a > b:
		return "▲ Better"
	case a < b:
		return "▼ Worse"
	}
	return "Same"
}

// sortedServices lists the services visited, by name.
func (v *visits) sortedServices() []*serviceVisits {
	out := make([]*serviceVisits, 0, len(v.services))
	for _, s := range v.services {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *serviceVisits) int {
		return cmp.Or(cmp.Compare(v.req.serviceName(a.id), v.req.serviceName(b.id)), cmp.Compare(a.id, b.id))
	})
	return out
}

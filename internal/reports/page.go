package reports

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"chorus/exports"
	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/store"
)

// pageSize is how many responses a page of the console's list holds.
const pageSize = 50

// PageQuery asks for a page of a form's responses.
type PageQuery struct {
	FormID, From, To, Service, Status string
	// Q keeps responses whose free-text answers hold it (any case), or
	// the response with that reference (receipt), with or without dashes.
	Q string
	// After is the Next of the page before; "" for the first page.
	After string
	// Page is the page's number from 0, as shown to the officer. It only
	// labels the page (After says where it starts): 0 without After, and
	// at most maxPage.
	Page int
}

// maxPage bounds a page's number: 50 million responses.
const maxPage = 1_000_000

// Row is one response in the console's list.
type Row struct {
	ID         string    `json:"id"`
	Receipt    string    `json:"receipt"`
	ReceivedAt time.Time `json:"receivedAt"`
	Status     string    `json:"status"`
	Service    string    `json:"service,omitempty"`
	// Texts are the free-text answers, by question label, cut to a line.
	Texts []Text `json:"texts"`
}

// Text is one free-text answer.
type Text struct {
	Question string `json:"question"`
	Label    string `json:"label"`
	Text     string `json:"text"`
}

// Page is a page of responses, in the order received.
type Page struct {
	Rows []Row `json:"rows"`
	Page int   `json:"page"`
	More bool  `json:"more"`
	// Next asks for the page after this one (as after=); "" on the last.
	Next    string   `json:"next"`
	Filters []string `json:"filters"`
}

// Page reads one page of a form's responses from the store's indexes: the
// time it takes does not grow with the number of responses before it.
func (s *Service) Page(ctx context.Context, q PageQuery) (*Page, error) {
	versions, err := s.Forms.History(q.FormID)
	if err != nil {
		return nil, err
	}
	cur := versions[len(versions)-1]
	filter, err := exports.NewReviewFilter(cur, q.From, q.To, q.Service, q.Status, s.Location)
	if err != nil {
		return nil, err
	}
	var texts []*form.Merged
	sq := store.PageQuery{Filter: filter, After: q.After, Limit: pageSize}
	for _, m := range form.Merge(versions) {
		if m.Type == form.TypeShortText || m.Type == form.TypeLongText {
			texts = append(texts, m)
			sq.TextQuestions = append(sq.TextQuestions, m.ID)
		}
	}
	needle := strings.ToLower(strings.TrimSpace(q.Q))
	sq.Text, sq.Receipt = needle, receiptOf(needle)
	out := &Page{Rows: []Row{}, Page: min(max(q.Page, 0), maxPage), Filters: filter.Describe(func(id string) string { return id })}
	if q.After == "" {
		out.Page = 0 // the first page, whatever number was asked for
	}
	switch {
	case sq.Receipt != "":
		out.Filters = append(out.Filters, "Reference "+sq.Receipt+", or free text holding “"+q.Q+"”")
	case needle != "":
		out.Filters = append(out.Filters, "Free text holds “"+q.Q+"”")
	}
	rows, next, err := s.Store.ResponsePage(ctx, sq)
	if err != nil {
		return nil, err
	}
	out.Next, out.More = next, next != ""
	for _, r := range rows {
		row := Row{ID: r.ID, Receipt: r.Receipt, ReceivedAt: r.ReceivedAt, Status: r.StatusOf(), Texts: []Text{}}
		if filter.ServiceQuestion != "" {
			row.Service, _ = r.Answers[filter.ServiceQuestion].(string)
		}
		for _, t := range texts {
			if v, _ := r.Answers[t.ID].(string); v != "" {
				row.Texts = append(row.Texts, Text{Question: t.ID, Label: t.Label, Text: line(v, 300)})
			}
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}

// receiptOf reads a search as a reference (CH-ABCD-EF, any case, dashes
// and spaces optional), in its stored form; "" when it is not one.
func receiptOf(s string) string {
	c := strings.ToUpper(strings.NewReplacer("-", "", " ", "").Replace(s))
	if len(c) != 8 || !strings.HasPrefix(c, "CH") {
		return ""
	}
	for _, r := range c[2:] {
		if !strings.ContainsRune(chorus.ReceiptAlphabet, r) {
			return ""
		}
	}
	return c[:2] + "-" + c[2:6] + "-" + c[6:]
}

// line cuts a text to n characters on one line.
func line(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

// Review sets a response's review status and note.
func (s *Service) Review(ctx context.Context, by chorus.Actor, id, status, note string) (*chorus.Review, error) {
	valid := false
	for _, st := range chorus.ReviewStatuses {
		valid = valid || st == status
	}
	if !valid {
		return nil, chorus.Errorf(chorus.EINVALID, "The status must be one of %s.", strings.Join(chorus.ReviewStatuses, ", "))
	}
	if utf8.RuneCountInString(note) > 5000 {
		return nil, chorus.Errorf(chorus.EINVALID, "A note can be at most 5,000 characters.")
	}
	rv := chorus.Review{Status: status, Note: strings.TrimSpace(note), By: by.Ref(), At: time.Now().UTC().Truncate(time.Millisecond)}
	if err := s.Store.SetReview(ctx, id, rv); err != nil {
		return nil, err
	}
	return &rv, nil
}

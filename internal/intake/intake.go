package intake

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/store"
)

// Intake checks responses against their forms and stores them once.
type Intake struct {
	store    store.Store
	forms    *Registry
	services atomic.Pointer[map[string]bool]
	loc      *time.Location
	clock    atomic.Pointer[func() time.Time]
	stats    *statsBuffer
	counted  sync.Map // form id@version served → its counted questions
	// erasing lets one erasure run at a time, so that two requests to erase
	// the same response take it out of the counters once.
	erasing sync.Mutex
}

// New returns an Intake. loc is the time zone of "today" in date rules.
func New(s store.Store, forms *Registry, loc *time.Location) *Intake {
	in := &Intake{store: s, forms: forms, loc: loc, stats: newStatsBuffer()}
	in.SetClock(time.Now)
	in.SetServices(nil)
	return in
}

// Forms returns the form registry.
func (in *Intake) Forms() *Registry { return in.forms }

// SetServices replaces the set of service ids that service questions accept.
func (in *Intake) SetServices(services []chorus.Service) {
	set := make(map[string]bool, len(services))
	for _, s := range services {
		set[s.ID] = true
	}
	in.services.Store(&set)
}

// Location is the time zone dates are read in.
func (in *Intake) Location() *time.Location { return in.loc }

// Now is the time by the intake's clock.
func (in *Intake) Now() time.Time { return (*in.clock.Load())() }

// SetClock replaces the clock, for tests of opening and closing dates.
func (in *Intake) SetClock(now func() time.Time) { in.clock.Store(&now) }

// Submit checks and stores one response sent by the actor.
func (in *Intake) Submit(ctx context.Context, by chorus.Actor, sub chorus.Submission) (chorus.Result, error) {
	r, err := in.check(by, sub)
	if err != nil || r == nil {
		return honeypotResult(sub), err
	}
	res, err := in.store.InsertResponse(ctx, r)
	if err != nil {
		return res, err
	}
	if res.Created {
		in.count(r)
	}
	// Also for a resent copy: the first may have been stored just before
	// the flag failed to be.
	if err := in.flag(ctx, r, res); err != nil {
		return chorus.Result{}, err
	}
	return res, nil
}

// Erase erases a stored response on request (see store.EraseResponse) and
// takes it out of the counters, once however often it is asked, even when
// the request then fails (asking again finishes it). It returns the
// response as it was.
func (in *Intake) Erase(ctx context.Context, id string) (*chorus.Response, error) {
	in.erasing.Lock()
	defer in.erasing.Unlock()
	r, erasedNow, err := in.store.EraseResponse(ctx, id, in.Now().UTC().Truncate(time.Millisecond))
	if erasedNow {
		in.countAs(r, -1)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// honeypotResult answers a bot as if its submission had been stored.
func honeypotResult(sub chorus.Submission) chorus.Result {
	return chorus.Result{ID: sub.ID, Receipt: chorus.NewReceipt(), Created: true}
}

// SubmitBatch checks and stores a sync batch: one result or error per item,
// in order. The returned error is for the batch as a whole (the database
// cannot be reached); then nothing is known of any item, and a retry is safe.
func (in *Intake) SubmitBatch(ctx context.Context, by chorus.Actor, items []json.RawMessage) ([]chorus.Result, []error, error) {
	results := make([]chorus.Result, len(items))
	errs := make([]error, len(items))
	var (
		valid []*chorus.Response
		where []int
	)
	for i, raw := range items {
		if len(raw) > MaxResponseBytes {
			results[i].ID, errs[i] = itemID(raw), ErrResponseTooLarge
			continue
		}
		sub, err := DecodeSubmission(raw, "")
		if err == nil {
			var r *chorus.Response
			r, err = in.check(by, sub)
			switch {
			case err == nil && r == nil:
				results[i] = honeypotResult(sub)
				continue
			case err == nil:
				valid = append(valid, r)
				where = append(where, i)
				continue
			}
		}
		if sub.ID == "" {
			sub.ID = itemID(raw)
		}
		results[i].ID = sub.ID
		errs[i] = err
	}
	stored, storeErrs, err := in.store.InsertResponses(ctx, valid)
	if err != nil {
		return nil, nil, err
	}
	for k, i := range where {
		results[i], errs[i] = stored[k], storeErrs[k]
		results[i].ID = valid[k].ID
		if storeErrs[k] == nil && stored[k].Created {
			in.count(valid[k]) // every new item is counted before anything can fail
		}
	}
	for k, i := range where {
		if errs[i] == nil {
			if err := in.flag(ctx, valid[k], stored[k]); err != nil {
				return nil, nil, err // the batch is resent; everything in it is kept once
			}
		}
	}
	return results, errs, nil
}

// check finds the version a submission was filled on, makes sure the form
// takes responses now and from this actor, and applies its rules. It
// returns neither response nor error for a bot caught by the honeypot.
func (in *Intake) check(by chorus.Actor, sub chorus.Submission) (*chorus.Response, error) {
	current, err := in.forms.Current(sub.FormID)
	if err != nil {
		return nil, err
	}
	if err := MayAnswer(by, current); err != nil {
		return nil, err
	}
	if sub.Honeypot {
		return nil, nil
	}
	f, err := in.forms.Version(sub.FormID, sub.FormVersion)
	if err != nil {
		return nil, err
	}
	now := in.Now()
	// The current version's dates rule, so that moving a closing date
	// applies to responses filled on older versions too.
	if err := openNow(current, now, in.loc); err != nil {
		return nil, err
	}
	lang, err := language(f, sub.Language)
	if err != nil {
		return nil, err
	}
	plausibleTimes(&sub, now)
	services := *in.services.Load()
	answers, problems := f.CheckAnswers(sub.Answers, form.Env{
		Today:         now.In(in.loc).Format(time.DateOnly),
		ServiceExists: func(id string) bool { return services[id] },
	})
	if len(problems) > 0 {
		return nil, &chorus.Error{Code: chorus.EINVALID, Message: problemsMessage(len(problems)), Problems: problems}
	}
	r := &chorus.Response{
		ID:          sub.ID,
		FormID:      sub.FormID,
		FormVersion: sub.FormVersion,
		Answers:     answers,
		ReceivedAt:  now.UTC().Truncate(time.Millisecond),
		Receipt:     chorus.NewReceipt(),
		Fingerprint: sub.Fingerprint(),
		Language:    lang,
	}
	if current.Audience == form.AudienceVolunteers {
		r.SentBy = by.Ref()
	}
	if !sub.StartedAt.IsZero() {
		r.StartedAt = &sub.StartedAt
	}
	if !sub.CompletedAt.IsZero() {
		r.CompletedAt = &sub.CompletedAt
	}
	return r, nil
}

// language checks the language a response says it was filled in: the
// version's main language or one of its translations (in any case; the
// form's spelling is kept), or "" when it says none.
func language(f *form.Form, code string) (string, error) {
	if code == "" {
		return "", nil
	}
	if l, ok := f.Offers(code); ok {
		return l.Code, nil
	}
	var names []string
	for _, l := range f.Languages() {
		names = append(names, l.Code+" ("+l.Name+")")
	}
	return "", chorus.Errorf(chorus.EINVALID, "“%s” (version %s) is not in the language %q: it is in %s. Send one of those codes as language, or none.",
		f.Title, f.Version, code, strings.Join(names, ", "))
}

// MayAnswer says whether the actor may see and answer the form: a form
// for volunteers needs a volunteer's phone or a signed-in officer.
func MayAnswer(by chorus.Actor, f *form.Form) error {
	if f.Audience != form.AudienceVolunteers || by.May(chorus.AccessVolunteer) {
		return nil
	}
	return chorus.Errorf(chorus.EUNAUTHORIZED, "“%s” is for Quality Checkers. Sign in with the code your officer gave you.", f.Title)
}

func openNow(f *form.Form, now time.Time, loc *time.Location) error {
	if f.IsOpen(now) {
		return nil
	}
	opens, closes := f.Window()
	if !opens.IsZero() && now.Before(opens) {
		return chorus.Errorf(chorus.ECLOSED, "“%s” is not open yet: it opens at %s.", f.Title, opens.In(loc).Format("15:04 on Monday 2 January 2006"))
	}
	// A form closes at the first minute it is shut: say the last minute it was open.
	return chorus.Errorf(chorus.ECLOSED, "“%s” closed at %s and no longer takes responses.", f.Title, closes.Add(-time.Minute).In(loc).Format("15:04 on Monday 2 January 2006"))
}

func problemsMessage(n int) string {
	if n == 1 {
		return "One answer needs changing before this response can be accepted."
	}
	return "Some answers need changing before this response can be accepted."
}

// flag records a visit for its service's page and, if it reports a
// safeguarding concern, flags it for the officers' dashboard. Both are
// written before the response is confirmed, and again (harmlessly) for a
// resent copy, so neither is lost.
func (in *Intake) flag(ctx context.Context, r *chorus.Response, res chorus.Result) error {
	cur, err := in.forms.Current(r.FormID)
	if err != nil || cur.Visit == nil || res.Erased {
		return nil
	}
	service, _ := r.Answers[cur.Visit.Service].(string)
	date, _ := r.Answers[cur.Visit.Date].(string)
	keys := map[string]string{}
	for _, id := range cur.Visit.KeyQuestions {
		if v, ok := r.Answers[id].(string); ok {
			keys[id] = v
		}
	}
	if err := in.store.SaveServiceVisit(ctx, chorus.ServiceVisit{ResponseID: r.ID, FormID: r.FormID, Service: service,
		VisitDate: date, ReceivedAt: r.ReceivedAt, Receipt: res.Receipt, Keys: keys}); err != nil {
		return err
	}
	if cur.Visit.Safeguarding == "" || r.Answers[cur.Visit.Safeguarding] != true {
		return nil
	}
	fl := chorus.Flag{ResponseID: r.ID, FormID: r.FormID, Service: service, VisitDate: date,
		ReceivedAt: r.ReceivedAt, Receipt: res.Receipt, Open: chorus.FlagOpenWhile(r.StatusOf())}
	if q := phonedQuestion(cur); q != "" {
		if v, ok := r.Answers[q].(bool); ok {
			fl.Phoned = &v
		}
	}
	return in.store.Flag(ctx, fl)
}

// phonedQuestion is the question of a visit form that asks whether the
// volunteer has phoned the safeguarding team: the first yes/no question
// shown only when the safeguarding question is answered yes (in the
// sample form, safeguardingReported, "Have you phoned the safeguarding
// team?"). "" when the form has none.
func phonedQuestion(f *form.Form) string {
	for _, q := range f.Questions() {
		if q.Type == form.TypeYesNo && q.ShowIf != nil && q.ShowIf.Question == f.Visit.Safeguarding && q.ShowIf.Equals == true {
			return q.ID
		}
	}
	return ""
}

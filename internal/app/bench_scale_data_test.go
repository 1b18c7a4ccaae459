package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/form"
	"chorus/internal/intake"
)

// The data of BenchmarkScale: item i is a response to one of the sample
// forms, made the same every time from i and the time it was received, so
// that a phone can send it again (a sync replay) with the very body that
// was stored. Seven in ten are Quality Checker visits across 50 services,
// a quarter public consultation answers, the rest six-point tests; three
// in ten carry an officer's review. Visits begin with 5 services and take
// in one more every 250 items, as a programme grows, so that even at
// 1,000 responses the busiest services fill a page of 50.

// Form ids of the sample forms.
const (
	scaleVisitForm        = "quality-checker-visit"
	scaleConsultationForm = "coproduction-consultation"
	scaleSixPointForm     = "coproduction-six-point-test"
)

// scaleKind is the form of item i: visits for i%20 < 14.
func scaleKind(i int) string {
	switch m := i % 20; {
	case m < 14:
		return scaleVisitForm
	case m < 19:
		return scaleConsultationForm
	}
	return scaleSixPointForm
}

// scaleID is item i's client-made id.
func scaleID(i int) string { return fmt.Sprintf("5ca1e000-0000-4000-8000-%012d", i) }

// scaleRareOffsets are where, in each block of 1,000 items, the three visits
// that mention the block's rare word are (all three are visits: i%20 < 14).
var scaleRareOffsets = []int{3, 341, 682}

// scaleRareWord is the made-up place name that the visits of block k (items
// 1000k to 1000k+999) mention: a word three responses hold, found by a
// search. The 400 names are all different.
func scaleRareWord(k int) string {
	first := []string{"Thorn", "Brack", "Wim", "Hald", "Pen", "Ast", "Kel", "Mor", "Dun", "Wex",
		"Ful", "Gris", "Ned", "Ost", "Rav", "Sel", "Tav", "Umb", "Vey", "Yarl"}
	second := []string{"ley", "ford", "wick", "combe", "stead", "worth", "mere", "holt", "by", "ton",
		"dale", "hurst", "bury", "field", "gate", "moor", "well", "brook", "ham", "den"}
	q := k / 20 % 20
	return first[k%20] + second[(q+3*(k%20))%20]
}

// scaleServices are the 50 services visits spread across: the 12 sample
// ones and 38 more.
func scaleServices() []chorus.Service {
	seeded := []string{"svc-elmfield-house", "svc-riverside-court", "svc-oakwood-lodge", "svc-willow-close", "svc-the-maples",
		"svc-harbour-view", "svc-hillside-day", "svc-meadow-hub", "svc-brightcare-home", "svc-northgate-homecare", "svc-cedar-respite",
		"svc-lantern-shared-lives"}
	var out []chorus.Service
	for _, id := range seeded {
		out = append(out, chorus.Service{ID: id})
	}
	trees := []string{"Oak", "Ash", "Birch", "Beech", "Rowan", "Hazel", "Holly", "Alder", "Larch", "Yew", "Pine", "Poplar", "Lime"}
	kinds := []string{"House", "Lodge", "Gardens"}
	types := []string{"Care home", "Supported living", "Day centre"}
	for i := range 38 {
		name := trees[i%len(trees)] + " " + kinds[i/len(trees)]
		out = append(out, chorus.Service{ID: "svc-" + strings.ToLower(strings.ReplaceAll(name, " ", "-")), Name: name, Type: types[i/len(trees)]})
	}
	return out
}

// scaleGen makes the items of one run.
type scaleGen struct {
	base, step time.Duration // item i is received at epoch+base+i*step
	epoch      time.Time
	services   []string
	senders    []string // volunteer ids
	forms      *intake.Registry
	env        form.Env
}

// receivedAt is when item i was received: spread over 340 days, the last
// item of the largest size a day before the run began.
func (g *scaleGen) receivedAt(i int) time.Time {
	return g.epoch.Add(g.base + time.Duration(i)*g.step).UTC().Truncate(time.Millisecond)
}

// body is item i as a phone or browser sends it, received at at.
func (g *scaleGen) body(i int, at time.Time) []byte {
	rng := rand.New(rand.NewPCG(uint64(i), 42))
	kind := scaleKind(i)
	var answers map[string]any
	switch kind {
	case scaleVisitForm:
		answers = g.visitAnswers(rng, i, at)
	case scaleConsultationForm:
		answers = scaleConsultationAnswers(rng, i)
	default:
		answers = scaleSixPointAnswers(rng, at)
	}
	started := at.Add(-time.Duration(20+rng.IntN(100)) * time.Minute)
	completed := at.Add(-time.Duration(rng.IntN(20)) * time.Minute)
	b, err := json.Marshal(map[string]any{"id": scaleID(i), "formId": kind, "formVersion": g.version(kind), "answers": answers,
		"startedAt": started.Format(time.RFC3339), "completedAt": completed.Format(time.RFC3339)})
	if err != nil {
		panic(err)
	}
	return b
}

// serviceOf is the service visit i was to.
func (g *scaleGen) serviceOf(i int) string {
	return g.visitAnswers(rand.New(rand.NewPCG(uint64(i), 42)), i, g.receivedAt(i))["service"].(string)
}

func (g *scaleGen) version(formID string) string {
	f, err := g.forms.Current(formID)
	if err != nil {
		panic(err)
	}
	return f.Version
}

// response is item i as the intake stores it: the body checked against its
// form, with its fingerprint, sender and (for three in ten) a review.
func (g *scaleGen) response(tb testing.TB, i int) *chorus.Response {
	at := g.receivedAt(i)
	sub, err := intake.DecodeSubmission(g.body(i, at), "")
	if err != nil {
		tb.Fatalf("item %d: %v", i, err)
	}
	f, err := g.forms.Version(sub.FormID, sub.FormVersion)
	if err != nil {
		tb.Fatal(err)
	}
	answers, problems := f.CheckAnswers(sub.Answers, g.env)
	if len(problems) > 0 {
		tb.Fatalf("item %d: %v", i, problems)
	}
	r := &chorus.Response{ID: sub.ID, FormID: sub.FormID, FormVersion: sub.FormVersion, Answers: answers, ReceivedAt: at,
		Receipt: chorus.NewReceipt(), Fingerprint: sub.Fingerprint(), StartedAt: &sub.StartedAt, CompletedAt: &sub.CompletedAt}
	if sub.FormID != scaleConsultationForm {
		r.SentBy = "volunteer:" + g.senders[i%len(g.senders)]
	}
	rng := rand.New(rand.NewPCG(uint64(i), 43))
	if x := rng.IntN(100); x < 30 {
		status := chorus.ReviewReviewed
		if x >= 14 {
			status = []string{chorus.ReviewFollowUp, chorus.ReviewClosed}[x%2]
		}
		r.Review = &chorus.Review{Status: status, Note: "Read and shared with the contracts team.", By: "user:bench-officer",
			At: at.Add(time.Duration(1+rng.IntN(72)) * time.Hour)}
	}
	return r
}

// visitAnswers fills in a Quality Checker visit: 31 answers, 33 with a
// safeguarding concern (one visit in 40).
func (g *scaleGen) visitAnswers(rng *rand.Rand, i int, at time.Time) map[string]any {
	smiley := []string{"good", "good", "good", "ok", "ok", "not_good", "didnt_see"}
	traffic := []string{"green", "green", "green", "amber", "amber", "red"}
	a := map[string]any{
		"service":        g.services[rng.IntN(min(len(g.services), 5+i/250))],
		"visitDate":      at.AddDate(0, 0, -rng.IntN(4)).Format(time.DateOnly),
		"announced":      rng.IntN(3) == 0,
		"teamSize":       1 + rng.IntN(5),
		"spokeResidents": rng.IntN(15),
		"spokeRelatives": rng.IntN(5),
		"spokeStaff":     rng.IntN(8),
	}
	for _, area := range []string{"safe", "effective", "caring", "responsive", "wellLed"} {
		a[area+"Rating"] = traffic[rng.IntN(len(traffic))]
	}
	for _, q := range []string{"safeFeelSafe", "safeClean", "safeHelpQuickly", "effectiveHealth", "effectiveFood", "effectiveStaffKnow",
		"caringKind", "caringKnock", "caringTalk", "responsiveChoose", "responsiveActivities", "responsiveComplain",
		"wellLedManager", "wellLedAsked", "wellLedInformation"} {
		a[q] = smiley[rng.IntN(len(smiley))]
	}
	a["workingWell"] = scaleSentences(rng, scaleGood, 2+rng.IntN(3))
	if block, off := i/1000, i%1000; off == scaleRareOffsets[0] || off == scaleRareOffsets[1] || off == scaleRareOffsets[2] {
		a["workingWell"] = a["workingWell"].(string) + " People loved the day trip to " + scaleRareWord(block) + "."
	}
	a["couldBeBetter"] = scaleSentences(rng, scaleBetter, 1+rng.IntN(3))
	a["recommendations"] = scaleSentences(rng, scaleRecommend, 1+rng.IntN(2))
	a["safeguardingConcern"] = rng.IntN(40) == 0
	if a["safeguardingConcern"] == true {
		a["safeguardingDetails"] = "We saw a person left without a drink for a long time in the " + scalePick(rng, scaleRooms) + ". We told the manager."
		a["safeguardingReported"] = true
	}
	return a
}

// scaleConsultationAnswers fills in the public consultation (its 16 questions).
func scaleConsultationAnswers(rng *rand.Rand, i int) map[string]any {
	a := map[string]any{
		"connection":     scaleSome(rng, []string{"use_services", "carer", "staff", "resident", "other"}, 1+rng.IntN(2)),
		"involvedBefore": scalePick(rng, []string{"yes", "no", "not_sure"}),
		"waysToTakePart": scaleSome(rng, []string{"meetings", "online", "surveys", "phone", "visits", "training", "recruit"}, 1+rng.IntN(3)),
		"whatMatters":    scaleSome(rng, []string{"whole_life", "equals", "reward", "diverse", "lived_experience", "shared"}, 1+rng.IntN(3)),
		"support":        scaleSome(rng, []string{"travel", "payment", "easy_read", "interpreter", "carer_cover", "evening", "none"}, 1+rng.IntN(2)),
		"listens":        scalePick(rng, []string{"agree", "not_sure", "disagree"}),
		"barriers":       scaleSentences(rng, scaleBarriers, 1+rng.IntN(3)),
		"measure":        scaleSentences(rng, scaleMeasures, 1+rng.IntN(2)),
		"keepInTouch":    rng.IntN(3) == 0,
	}
	if a["keepInTouch"] == true {
		a["email"] = fmt.Sprintf("person%d@example.org", i)
		a["contactConsent"] = true
	}
	for q, opts := range map[string][]string{"ageGroup": {"under_25", "25_44", "45_64", "65_74", "75_plus", "prefer_not_to_say"},
		"disability": {"yes", "no", "prefer_not_to_say"}, "learningDisability": {"yes", "no", "prefer_not_to_say"},
		"ethnicity": {"asian", "black", "mixed", "white", "other", "prefer_not_to_say"}, "language": {"yes", "no", "prefer_not_to_say"}} {
		a[q] = scalePick(rng, opts)
	}
	return a
}

// scaleSixPointAnswers fills in a co-production six-point test.
func scaleSixPointAnswers(rng *rand.Rand, at time.Time) map[string]any {
	a := map[string]any{
		"projectName":    "Review of " + scalePick(rng, scaleActivities),
		"assessmentDate": at.AddDate(0, 0, -rng.IntN(7)).Format(time.DateOnly),
		"teamMembers":    scaleSome(rng, []string{"use_services", "carers", "staff", "providers", "voluntary"}, 2+rng.IntN(3)),
		"nextSteps":      scaleSentences(rng, scaleRecommend, 2),
	}
	points := map[string]any{}
	for _, p := range []string{"wholeLife", "blurredBoundaries", "reciprocalReward", "diverseInvolvement", "equalValue", "sharedResponsibility"} {
		points[p] = scalePick(rng, []string{"fully", "partly", "not_yet", "dont_know"})
		a[p+"Evidence"] = scaleSentences(rng, scaleMeasures, 1)
	}
	a["sixPoints"] = points
	return a
}

var (
	scaleAdjectives = []string{"kind", "patient", "cheerful", "calm", "friendly", "welcoming", "helpful", "thoughtful", "gentle",
		"respectful", "attentive", "relaxed", "warm", "polite", "knowledgeable", "organised", "rushed", "busy"}
	scaleActivities = []string{"gardening club", "bingo", "music afternoons", "armchair exercise", "baking", "film nights", "reminiscence group",
		"art class", "trips to the seaside", "church visits", "quiz nights", "knitting circle", "dominoes", "pet therapy", "choir",
		"coffee mornings", "walks in the park", "card games", "flower arranging", "pub lunches"}
	scaleRooms  = []string{"lounge", "dining room", "garden", "kitchen", "corridor", "bathroom", "conservatory", "reception", "activity room", "quiet room"}
	scaleThings = []string{"menu", "notice board", "call bells", "hand rails", "signs", "lighting", "carpet", "curtains", "medication round",
		"complaints leaflet", "easy read booklet", "visitors book", "photos of staff", "hearing loop", "wheelchair ramp", "water jugs"}
	scaleFaults = []string{"was hard to read", "needed repair", "was out of date", "was too small", "smelled of damp", "was cluttered",
		"was locked", "was noisy", "was missing", "was too high to reach", "was confusing"}
	scaleGood = []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return "Staff were " + scalePick(r, scaleAdjectives) + " and " + scalePick(r, scaleAdjectives) + " with everyone."
		},
		func(r *rand.Rand) string {
			return "People told us they enjoy the " + scalePick(r, scaleActivities) + "."
		},
		func(r *rand.Rand) string { return "The " + scalePick(r, scaleRooms) + " was clean and bright." },
		func(r *rand.Rand) string {
			return "The manager was " + scalePick(r, scaleAdjectives) + " and showed us the " + scalePick(r, scaleThings) + "."
		},
		func(r *rand.Rand) string {
			return "Relatives said the food is " + scalePick(r, []string{"tasty", "hot", "fresh", "home made", "plentiful"}) + "."
		},
	}
	scaleBetter = []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return "The " + scalePick(r, scaleThings) + " in the " + scalePick(r, scaleRooms) + " " + scalePick(r, scaleFaults) + "."
		},
		func(r *rand.Rand) string {
			return "Some staff seemed " + scalePick(r, []string{"rushed", "busy", "tired", "new"}) + " at lunch time."
		},
		func(r *rand.Rand) string { return "People would like more " + scalePick(r, scaleActivities) + "." },
	}
	scaleRecommend = []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return "Fix the " + scalePick(r, scaleThings) + " in the " + scalePick(r, scaleRooms) + "."
		},
		func(r *rand.Rand) string { return "Offer " + scalePick(r, scaleActivities) + " every week." },
		func(r *rand.Rand) string { return "Put the " + scalePick(r, scaleThings) + " where people can see it." },
	}
	scaleBarriers = []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return "Meetings are held in the " + scalePick(r, []string{"day", "morning", "town hall", "city centre"}) + "."
		},
		func(r *rand.Rand) string {
			return "I care for my " + scalePick(r, []string{"mum", "dad", "husband", "wife", "son", "daughter"}) + " most days."
		},
		func(r *rand.Rand) string {
			return "The forms are long and the " + scalePick(r, scaleThings) + " " + scalePick(r, scaleFaults) + "."
		},
	}
	scaleMeasures = []func(*rand.Rand) string{
		func(r *rand.Rand) string {
			return "Count how many people come to " + scalePick(r, scaleActivities) + "."
		},
		func(r *rand.Rand) string {
			return "Ask people each year if they feel " + scalePick(r, []string{"listened to", "valued", "involved"}) + "."
		},
		func(r *rand.Rand) string {
			return "Show what changed after the " + scalePick(r, []string{"meetings", "visits", "survey"}) + "."
		},
	}
)

func scalePick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// scaleSome picks n different options, in the form's order.
func scaleSome(r *rand.Rand, xs []string, n int) []string {
	ks := r.Perm(len(xs))[:min(n, len(xs))]
	slices.Sort(ks)
	out := make([]string, len(ks))
	for j, k := range ks {
		out[j] = xs[k]
	}
	return out
}

func scaleSentences(r *rand.Rand, from []func(*rand.Rand) string, n int) string {
	out := make([]string, n)
	for k := range out {
		out[k] = from[r.IntN(len(from))](r)
	}
	return strings.Join(out, " ")
}

// load stores items from..to-1 as the intake would: through the store in
// batches of 1,000, then the records each visit adds (its service's page,
// a safeguarding flag) and every counter, written by an intake's recount,
// which writes exactly those, as the intake does, and the counters in bulk.
func (g *scaleGen) load(tb testing.TB, h *harness, from, to int) {
	ctx := context.Background()
	for start := from; start < to; start += 1000 {
		rs := make([]*chorus.Response, 0, 1000)
		for i := start; i < min(start+1000, to); i++ {
			rs = append(rs, g.response(tb, i))
		}
		_, errs, err := h.app.Store.InsertResponses(ctx, rs)
		if err != nil {
			tb.Fatal(err)
		}
		for k, err := range errs {
			if err != nil {
				tb.Fatalf("item %d: %v", start+k, err)
			}
		}
	}
	in := intake.New(h.app.Store, h.app.Intake.Forms(), h.cfg.Location)
	if _, err := in.Recount(ctx); err != nil {
		tb.Fatal(err)
	}
}

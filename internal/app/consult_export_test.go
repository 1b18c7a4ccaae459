package app_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A consultation using grids, a ranking, Other (please specify), a section
// asked only of some and the conditions notEquals, noneOf and answered,
// answered by 48 people through the API: its downloads and results name
// every question unambiguously, give a column to each grid statement and
// ranked option, put each "Other" text after its question, count the
// questions behind a condition over the people asked (the numbers equal
// those counted here from what was sent), and the CSV keeps every text
// byte for byte.
func TestConsultationExportsAndResults(t *testing.T) {
	h := start(t, "testdata/forms-consult", "")
	for i := range consultPeople {
		r := h.postJSON(t, "/api/v1/forms/"+consultForm+"/responses", map[string]any{"id": newID(), "formVersion": "1", "answers": consultAnswers(i)})
		if r.status != 201 {
			t.Fatalf("person %d: %d %s", i, r.status, r.raw)
		}
	}
	if err := h.app.Intake.FlushStats(context.Background()); err != nil {
		t.Fatal(err)
	}
	officer := h.signIn(t, "officer")
	x := h.getAs(t, officer, "/api/v1/forms/"+consultForm+"/export.xlsx")
	if x.status != 200 {
		t.Fatalf("export: %d %s", x.status, x.raw)
	}
	f := openWorkbook(t, x.raw)
	rows, _ := f.GetRows("Responses")
	if len(rows) != consultPeople+1 {
		t.Fatalf("%d rows, want a header and %d responses", len(rows), consultPeople)
	}
	head := rows[0]
	checkConsultHeaders(t, head)
	checkConsultRows(t, head, rows[1:])
	checkQuestionsSheet(t, f, head)

	// The Summary: each block's numbers equal those counted from what was
	// sent, and the results the console shows equal the Summary.
	want := consultExpected()
	checkConsultSummary(t, f, want)
	checkConsultResults(t, h.getAs(t, officer, "/api/v1/officer/forms/"+consultForm+"/results"), want)
	resultsMatchSummary(t, h, officer, consultForm, "")

	// A recount from the responses gives the same results, asked counts
	// included.
	before, _ := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/"+consultForm+"/results"))
	ctx := context.Background()
	if err := h.app.Store.ClearCounters(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := h.app.Intake.Recount(ctx); err != nil {
		t.Fatal(err)
	}
	after, _ := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/"+consultForm+"/results"))
	if len(after) != len(before) {
		t.Errorf("after a recount %d counts, before %d", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("after a recount %q is %d, was %d", k, after[k], v)
		}
	}

	// The CSV: the same header and rows, every text byte for byte.
	c := h.getAs(t, officer, "/api/v1/forms/"+consultForm+"/export.csv")
	if c.status != 200 || !bytes.HasPrefix(c.raw, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("CSV: %d", c.status)
	}
	body := c.raw[3:]
	recs := readRFC4180(t, body)
	if len(recs) != consultPeople+1 || !slices.Equal(recs[0], head) {
		t.Fatalf("CSV: %d records, header %q", len(recs), recs[0])
	}
	checkConsultRows(t, recs[0], recs[1:])
	col := func(title string) int { return slices.Index(head, title) }
	if got := recs[1][col("Q12 Anything else you want to tell us?")]; got != trickyText {
		t.Errorf("comments in the CSV:\n got %q\nwant %q", got, trickyText)
	}
	if got := recs[4][col("Q1 Are you responding as — Other (please specify): what they wrote")]; got != trickyText {
		t.Errorf("Other text in the CSV:\n got %q\nwant %q", got, trickyText)
	}
	// Go's reader reads the same records, but for the CR that it drops
	// before every LF (as its documentation says), even within quotes.
	goRecs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil || len(goRecs) != len(recs) || goRecs[1][col("Q12 Anything else you want to tell us?")] != strings.ReplaceAll(trickyText, "\r\n", "\n") {
		t.Errorf("encoding/csv: %d records, %v", len(goRecs), err)
	}
	checkWithPython(t, body, recs)

	// LibreOffice opens the workbook, with the grid and rank columns.
	sheets := libreOffice(t, x.raw)
	lo := sheets["Responses"]
	if len(lo) != consultPeople+1 || !slices.Equal(lo[0], head) {
		t.Fatalf("Responses as LibreOffice reads it: %d rows, header %q", len(lo), lo[0])
	}
	checkConsultRows(t, lo[0], lo[1:])
	if sum := flatten(sheets["Summary"]); !strings.Contains(sum, "Q6 How much do you agree? — What I pay is fair") || !strings.Contains(sum, "Mean rank (1 = first)") {
		t.Errorf("Summary as LibreOffice reads it:\n%s", sum)
	}
}

// checkConsultHeaders: every header differs from every other, and the
// questions' are titled as they should be, in form order, each "Other"
// text right after its question's column.
func checkConsultHeaders(t *testing.T, head []string) {
	t.Helper()
	seen := map[string]bool{}
	for _, h := range head {
		if seen[strings.ToLower(h)] {
			t.Errorf("header %q appears twice", h)
		}
		seen[strings.ToLower(h)] = true
	}
	if !inOrder(head, consultHeaders) {
		t.Errorf("headers:\n%s\nwant in order:\n%s", strings.Join(head, "\n"), strings.Join(consultHeaders, "\n"))
	}
	for _, q := range []string{"Q1 Are you responding as", "Q2 How did you hear about this consultation?"} {
		i := slices.Index(head, q)
		if i < 0 || i+1 >= len(head) || !strings.HasPrefix(head[i+1], q+" — ") || !strings.HasSuffix(head[i+1], ": what they wrote") {
			t.Errorf("the column after %q is not its Other text", q)
		}
	}
	for _, absent := range []string{"How much do you agree?", "Q6 How much do you agree?", "Q11 Put these in order of importance to you", "Before you start"} {
		if seen[strings.ToLower(absent)] {
			t.Errorf("a column %q: a grid or a ranking has a column per part, guidance none", absent)
		}
	}
}

// checkConsultRows: each row's grid answers, ranks and Other texts are
// those person i sent.
func checkConsultRows(t *testing.T, head []string, rows [][]string) {
	t.Helper()
	col := func(title string) int { return slices.Index(head, title) }
	get := func(r []string, title string) string {
		if i := col(title); i >= 0 && i < len(r) {
			return r[i]
		}
		return ""
	}
	for i, r := range rows {
		a := consultAnswers(i)
		views, _ := a["billViews"].(map[string]any)
		for st, title := range map[string]string{"clear": "Q6 How much do you agree? — My bill is easy to understand", "fair": "Q6 How much do you agree? — What I pay is fair"} {
			want, _ := views[st].(string)
			if got := get(r, title); got != gridLabel[want] {
				t.Errorf("person %d, %s: %q, want %q", i, title, got, gridLabel[want])
			}
		}
		order, _ := a["priorities"].([]string)
		for _, o := range []string{"cost", "choice", "speed"} {
			want := ""
			if p := slices.Index(order, o); p >= 0 {
				want = strconv.Itoa(p + 1)
			}
			if got := get(r, "Q11 Put these in order of importance to you — rank of "+consultRankLabel[o]); got != want {
				t.Errorf("person %d, rank of %s: %q, want %q", i, o, got, want)
			}
		}
		other, _ := a["respondingAs:other"].(string)
		if got := get(r, "Q1 Are you responding as — Other (please specify): what they wrote"); other != trickyText && got != other {
			t.Errorf("person %d, Other: %q, want %q", i, got, other)
		}
		heard, _ := a["heard:other"].(string)
		if got := get(r, "Q2 How did you hear about this consultation? — Somewhere else (please say where): what they wrote"); got != heard {
			t.Errorf("person %d, heard elsewhere: %q, want %q", i, got, heard)
		}
	}
}

// checkQuestionsSheet: every column of the Responses sheet is listed with
// its title, and each question's with its id, number, section and label.
func checkQuestionsSheet(t *testing.T, f *excelize.File, head []string) {
	t.Helper()
	qs, _ := f.GetRows("Questions")
	if len(qs) < len(head)+1 || strings.Join(qs[0][:6], "|") != "Column|Title|Question id|Number|Question|Section" {
		t.Fatalf("Questions sheet: %q", qs[0])
	}
	for i, h := range head {
		if qs[i+1][1] != h {
			t.Errorf("Questions row %d titles %q, the column is %q", i+2, qs[i+1][1], h)
		}
	}
	find := func(title string) []string {
		for _, r := range qs {
			if len(r) > 1 && r[1] == title {
				return r
			}
		}
		return nil
	}
	for title, want := range map[string]string{
		"Q9 Proposal 2 — Do you agree?":                     "agree2|Q9|Do you agree?|Proposal 2",
		"Agree with proposal 1":                             "agree1|Q7|Do you agree?|Proposal 1",
		"Q10 How important is each aim? — Charges are fair": "aims|Q10|How important is each aim? — Charges are fair|Proposal 2",
		"Q5 How much do you pay each week?":                 "amount|Q5|How much do you pay each week?|Your contribution",
	} {
		if r := find(title); len(r) < 6 || strings.Join(r[2:6], "|") != want {
			t.Errorf("Questions row of %q: %q, want %s", title, r, want)
		}
	}
}

// summaryBlock is one block of the Summary sheet: the line saying whom it
// was asked of, and its rows by their first cell (raw values).
type summaryBlock struct {
	askedOf string
	rows    map[string][]string
}

func readSummary(t *testing.T, f *excelize.File) map[string]*summaryBlock {
	t.Helper()
	rows, err := f.GetRows("Summary", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*summaryBlock{}
	var cur *summaryBlock
	for i, r := range rows {
		switch {
		case len(r) == 0:
			cur = nil
		case r[0] == "Answer":
			cur = &summaryBlock{rows: map[string][]string{}}
			title := rows[i-1][0]
			if strings.HasPrefix(title, "Asked of ") {
				cur.askedOf, title = title, rows[i-2][0]
			}
			out[strings.SplitN(title, " (people could", 2)[0]] = cur
		case cur != nil && len(r) > 1:
			cur.rows[r[0]] = r
		}
	}
	return out
}

func checkConsultSummary(t *testing.T, f *excelize.File, want map[string]*expected) {
	t.Helper()
	got := readSummary(t, f)
	if len(got) != len(want) {
		t.Errorf("%d Summary blocks, want %d: %v", len(got), len(want), slices.Sorted(maps.Keys(got)))
	}
	num := func(b *summaryBlock, row string, cell int) float64 {
		r := b.rows[row]
		if len(r) <= cell {
			return math.NaN()
		}
		v, err := strconv.ParseFloat(r[cell], 64)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for title, w := range want {
		b := got[title]
		if b == nil {
			t.Errorf("no Summary block %q", title)
			continue
		}
		base := float64(consultPeople)
		if w.conditional {
			base = float64(w.answered)
			if !strings.HasPrefix(b.askedOf, "Asked of people who ") {
				t.Errorf("%s: no line saying whom it was asked of", title)
			}
			for row, n := range map[string]int{"Asked": w.asked, "Answered": w.answered, "No answer (asked, did not answer)": w.asked - w.answered, "Not asked": consultPeople - w.asked} {
				if !near(num(b, row, 1), float64(n)) {
					t.Errorf("%s / %s: %v, want %d", title, row, b.rows[row], n)
				}
			}
		} else if b.askedOf != "" {
			t.Errorf("%s is asked of everyone, yet: %q", title, b.askedOf)
		}
		for label, n := range w.counts {
			if w.ranking {
				mean := float64(w.rankSum[label]) / float64(w.ranked[label])
				if !near(num(b, label, 1), float64(n)) || !near(num(b, label, 2), float64(n)/float64(w.answered)) || !near(num(b, label, 3), mean) {
					t.Errorf("%s / %s: %v, want %d first (%v) and mean rank %v", title, label, b.rows[label], n, float64(n)/float64(w.answered), mean)
				}
				continue
			}
			if !near(num(b, label, 1), float64(n)) || !near(num(b, label, 2), float64(n)/base) {
				t.Errorf("%s / %s: %v, want %d and a share of %v", title, label, b.rows[label], n, float64(n)/base)
			}
		}
		if !w.conditional && !w.ranking && !near(num(b, "No answer", 1), float64(consultPeople-w.answered)) {
			t.Errorf("%s / No answer: %v, want %d", title, b.rows["No answer"], consultPeople-w.answered)
		}
	}
	// The words come from the conditions.
	for title, words := range map[string]string{
		"Q3 How many people does your organisation support?": "Asked of people who answered ‘Q1 Are you responding as’ with anything but ‘A person who uses care’ or ‘A carer’.",
		"Q4 Do you pay a contribution towards your care?":    "Asked of people who answered ‘Q1 Are you responding as’ with anything but ‘An organisation’.",
		"Q5 How much do you pay each week?":                  "Asked of people who answered ‘Yes’ to ‘Q4 Do you pay a contribution towards your care?’.",
	} {
		if b := got[title]; b == nil || !strings.HasPrefix(b.askedOf, words) {
			t.Errorf("%s: asked of %q, want it to start %q", title, b.askedOfOrNil(), words)
		}
	}
}

func (b *summaryBlock) askedOfOrNil() string {
	if b == nil {
		return "(no block)"
	}
	return b.askedOf
}

// checkConsultResults: the console's results give the same numbers.
func checkConsultResults(t *testing.T, r reply, want map[string]*expected) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("results: %d %s", r.status, r.raw)
	}
	var res struct {
		Responses int64 `json:"responses"`
		Questions []struct {
			Title       string `json:"title"`
			Conditional bool   `json:"conditional"`
			AskedOf     string `json:"askedOf"`
			Asked       int    `json:"asked"`
			Answered    int    `json:"answered"`
			NoAnswer    int    `json:"noAnswer"`
			NotAsked    int    `json:"notAsked"`
			Options     []struct {
				Label string  `json:"label"`
				Count int     `json:"count"`
				Share float64 `json:"share"`
			} `json:"options"`
			Ranks []struct {
				Label    string  `json:"label"`
				First    int     `json:"first"`
				MeanRank float64 `json:"meanRank"`
			} `json:"ranks"`
		} `json:"questions"`
	}
	if err := json.Unmarshal(r.raw, &res); err != nil {
		t.Fatal(err)
	}
	if res.Responses != consultPeople || len(res.Questions) != len(want) {
		t.Fatalf("results: %d responses, %d blocks", res.Responses, len(res.Questions))
	}
	for _, q := range res.Questions {
		w := want[q.Title]
		if w == nil {
			t.Errorf("results block %q is not expected", q.Title)
			continue
		}
		if q.Conditional != w.conditional || q.Asked != w.asked || q.Answered != w.answered ||
			q.NoAnswer != w.asked-w.answered || q.NotAsked != consultPeople-w.asked || (w.conditional && q.AskedOf == "") {
			t.Errorf("results %s: conditional %v asked %d answered %d no answer %d not asked %d, want %v %d %d %d %d",
				q.Title, q.Conditional, q.Asked, q.Answered, q.NoAnswer, q.NotAsked, w.conditional, w.asked, w.answered, w.asked-w.answered, consultPeople-w.asked)
		}
		for _, o := range q.Options {
			base := consultPeople
			if w.conditional {
				base = w.answered
			}
			n, ok := w.counts[o.Label]
			if o.Label == "No answer" && !w.conditional {
				n, ok = consultPeople-w.answered, true
			}
			if !ok && o.Count != 0 || o.Count != n || math.Abs(o.Share-float64(n)/float64(base)) > 1e-9 {
				t.Errorf("results %s / %s: %d (%v), want %d of %d", q.Title, o.Label, o.Count, o.Share, n, base)
			}
		}
		for _, o := range q.Ranks {
			if o.First != w.counts[o.Label] || math.Abs(o.MeanRank-float64(w.rankSum[o.Label])/float64(w.ranked[o.Label])) > 1e-9 {
				t.Errorf("results %s / %s: first %d mean %v", q.Title, o.Label, o.First, o.MeanRank)
			}
		}
		if w.ranking && len(q.Ranks) != 3 {
			t.Errorf("results %s: %d ranks", q.Title, len(q.Ranks))
		}
	}
}

package app_test

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
)

// summaryCounts reads an exported workbook's Summary sheet as
// "block title / row" → count: each answer's count (a ranking's: how
// many put it first), and the bases of a question behind a condition
// ("No answer (asked, did not answer)", "Not asked", "Asked", "Answered").
func summaryCounts(t *testing.T, workbook []byte) map[string]int64 {
	t.Helper()
	rows, err := openWorkbook(t, workbook).GetRows("Summary")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int64{}
	question := ""
	for i, r := range rows {
		if len(r) > 0 && r[0] == "Answer" && i > 0 {
			title := rows[i-1][0]
			if strings.HasPrefix(title, "Asked of ") { // the line under a title saying whom it was asked of
				title = rows[i-2][0]
			}
			question = strings.SplitN(title, " (people could", 2)[0]
			continue
		}
		if len(r) >= 2 && question != "" {
			n, err := strconv.ParseInt(r[1], 10, 64)
			if err == nil {
				out[question+" / "+r[0]] = n
			}
		}
	}
	return out
}

// resultCounts reads the console's results in the same shape.
func resultCounts(t *testing.T, r reply) (map[string]int64, int64) {
	t.Helper()
	if r.status != 200 {
		t.Fatalf("results: %d %s", r.status, r.raw)
	}
	out := map[string]int64{}
	for _, q := range r.body["questions"].([]any) {
		q := q.(map[string]any)
		title := q["title"].(string)
		n := func(k string) int64 { return int64(q[k].(float64)) }
		for _, o := range q["options"].([]any) {
			o := o.(map[string]any)
			out[title+" / "+o["label"].(string)] = int64(o["count"].(float64))
		}
		ranks, _ := q["ranks"].([]any)
		for _, o := range ranks {
			o := o.(map[string]any)
			out[title+" / "+o["label"].(string)] = int64(o["first"].(float64))
		}
		switch {
		case q["conditional"] == true:
			out[title+" / No answer (asked, did not answer)"] = n("noAnswer")
			out[title+" / Not asked"] = n("notAsked")
			out[title+" / Asked"] = n("asked")
			out[title+" / Answered"] = n("answered")
		case ranks != nil:
			out[title+" / No answer"] = n("noAnswer") + n("notAsked")
			out[title+" / Answered"] = n("answered")
		}
	}
	return out, int64(r.body["responses"].(float64))
}

// The officers' results equal the Summary sheet of an export with the same
// filters: for all responses, one service, and a range of visit dates.
func TestResultsEqualTheExportedSummary(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	ratings := []string{"green", "amber", "red"}
	items := []string{"good", "ok", "not_good", "didnt_see"}
	services := []string{"svc-oakwood-lodge", "svc-the-maples", "svc-elmfield-house"}
	for i := range 18 {
		a := visitAnswers(services[i%3], fmt.Sprintf("2026-%02d-%02d", 1+i%6, 1+i), ratings[i%3])
		a["safeFeelSafe"] = items[i%4]
		if i%5 == 0 {
			delete(a, "safeFeelSafe")
		}
		postVisit(t, h, phone, a)
	}
	// A consultation, with multiple choice answers, from the public.
	connections := [][]string{{"carer"}, {"staff", "resident"}, {"use_services", "carer", "other"}}
	for i := range 9 {
		r := h.postJSON(t, "/api/v1/forms/coproduction-consultation/responses", map[string]any{"id": newID(), "formVersion": "1",
			"answers": map[string]any{"connection": connections[i%3], "involvedBefore": "no", "waysToTakePart": []string{"online"},
				"keepInTouch": false, "listens": []string{"agree", "not_sure"}[i%2]}})
		if r.status != 201 {
			t.Fatalf("consultation: %d %s", r.status, r.raw)
		}
	}
	if err := h.app.Intake.FlushStats(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ form, query string }{
		{"quality-checker-visit", ""},
		{"quality-checker-visit", "service=svc-the-maples"},
		{"quality-checker-visit", "from=2026-02-01&to=2026-04-30"},
		{"quality-checker-visit", "from=2026-03-01&service=svc-oakwood-lodge"},
		{"coproduction-consultation", ""},
	} {
		resultsMatchSummary(t, h, officer, c.form, c.query)
	}
}

// resultsMatchSummary checks that the console's results of a form, with
// the filters of query, equal the Summary sheet of an export with the same
// filters and count as many responses as it has rows. It returns that
// number.
func resultsMatchSummary(t *testing.T, h *harness, officer creds, form, query string) int64 {
	t.Helper()
	res, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/"+form+"/results?"+query))
	x := h.getAs(t, officer, "/api/v1/forms/"+form+"/export.xlsx?layout=responses&"+query)
	if x.status != 200 {
		t.Fatalf("export: %d", x.status)
	}
	sum := summaryCounts(t, x.raw)
	if len(sum) == 0 || len(sum) != len(res) {
		t.Fatalf("%s?%s: %d answer counts in the Summary sheet, %d in the results", form, query, len(sum), len(res))
	}
	for k, v := range sum {
		if res[k] != v {
			t.Errorf("%s?%s: %q is %d in the workbook, %d in the results", form, query, k, v, res[k])
		}
	}
	rows, _ := openWorkbook(t, x.raw).GetRows("Responses")
	if int64(len(rows)-1) != n {
		t.Errorf("%s?%s: %d responses in the results, %d rows exported", form, query, n, len(rows)-1)
	}
	return n
}

func TestDashboardSafeguardingAndReview(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	worry := visitAnswers("svc-the-maples", "2026-03-01", "red")
	worry["safeguardingConcern"] = true
	worry["safeguardingDetails"] = "A fire door was propped open."
	worry["safeguardingReported"] = true
	r := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", map[string]any{"id": newID(), "formVersion": "3", "answers": worry})
	if r.status != 201 {
		t.Fatalf("visit: %d %s", r.status, r.raw)
	}
	flagged := r.body["id"].(string)
	postVisit(t, h, phone, visitAnswers("svc-oakwood-lodge", "2026-03-02", "green"))
	if err := h.app.Intake.FlushStats(context.Background()); err != nil {
		t.Fatal(err)
	}

	d := h.getAs(t, officer, "/api/v1/officer/dashboard")
	if d.status != 200 {
		t.Fatalf("dashboard: %d %s", d.status, d.raw)
	}
	flags := d.body["safeguarding"].([]any)
	if len(flags) != 1 || flags[0].(map[string]any)["responseId"] != flagged || flags[0].(map[string]any)["serviceName"] != "The Maples" ||
		flags[0].(map[string]any)["phoned"] != true {
		t.Fatalf("safeguarding flags: %v", flags)
	}
	today := time.Now().In(h.cfg.Location).Format(time.DateOnly)
	for _, f := range d.body["forms"].([]any) {
		f := f.(map[string]any)
		if f["id"] != "quality-checker-visit" {
			continue
		}
		days := f["days"].([]any)
		lastDay := days[len(days)-1].(map[string]any)
		if f["responses"] != float64(2) || f["last7Days"] != float64(2) || f["status"] != "open" || len(days) != 30 ||
			lastDay["day"] != today || lastDay["n"] != float64(2) {
			t.Errorf("visit form on the dashboard: %v", f)
		}
	}

	// The response in full, with its version's definition.
	one := h.getAs(t, officer, "/api/v1/responses/"+flagged)
	if one.status != 200 || one.body["form"].(map[string]any)["version"] != "3" || one.body["response"].(map[string]any)["status"] != "new" {
		t.Fatalf("response: %d %s", one.status, one.raw)
	}
	// Listed, and found by its free text.
	list := h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/responses?q="+url.QueryEscape("FIRE DOOR"))
	if rows := list.body["rows"].([]any); len(rows) != 1 || rows[0].(map[string]any)["id"] != flagged {
		t.Fatalf("search: %s", list.raw)
	}

	// Needing follow-up keeps the flag; the status shows in the next export and filters it.
	rv := h.as(t, officer, "PUT", "/api/v1/responses/"+flagged+"/review", "application/json", []byte(`{"status":"follow-up","note":"Phoned the manager."}`))
	if rv.status != 200 {
		t.Fatalf("review: %d %s", rv.status, rv.raw)
	}
	wantProblem(t, h.as(t, officer, "PUT", "/api/v1/responses/"+flagged+"/review", "application/json", []byte(`{"status":"done"}`)), 422)
	if d := h.getAs(t, officer, "/api/v1/officer/dashboard"); len(d.body["safeguarding"].([]any)) != 1 {
		t.Errorf("the flag went when the visit was marked as needing follow-up: %v", d.body["safeguarding"])
	}
	rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?status=follow-up", "Visits")
	if len(rows) != 2 || rows[1][len(rows[0])-2] != "follow-up" || rows[1][len(rows[0])-1] != "Phoned the manager." {
		t.Errorf("export filtered by status: %q", rows)
	}
	if rows := sheetRows(t, h, officer, "/api/v1/forms/quality-checker-visit/export.xlsx?status=new", "Visits"); len(rows) != 2 || rows[1][0] != "Oakwood Lodge" {
		t.Errorf("export of new responses: %q", rows)
	}
	// Closing it clears the flag.
	if rv := h.as(t, officer, "PUT", "/api/v1/responses/"+flagged+"/review", "application/json", []byte(`{"status":"closed","note":"Done."}`)); rv.status != 200 {
		t.Fatalf("review: %d %s", rv.status, rv.raw)
	}
	if d := h.getAs(t, officer, "/api/v1/officer/dashboard"); len(d.body["safeguarding"].([]any)) != 0 {
		t.Errorf("the flag stayed after the visit was closed: %v", d.body["safeguarding"])
	}
	// A resent copy of the flagged visit does not bring the flag back.
	postAgain := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", map[string]any{"id": flagged, "formVersion": "3", "answers": worry})
	if postAgain.status != 200 {
		t.Fatalf("replay: %d", postAgain.status)
	}
	if d := h.getAs(t, officer, "/api/v1/officer/dashboard"); len(d.body["safeguarding"].([]any)) != 0 {
		t.Errorf("a replay reopened the flag: %v", d.body["safeguarding"])
	}
}

// After a crash the counters can be rebuilt from the responses: a recount
// gives the same results as counting at intake did.
func TestRecountRebuildsTheCounters(t *testing.T) {
	h := start(t, "", "")
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	for i, s := range []string{"red", "amber", "green", "green"} {
		postVisit(t, h, phone, visitAnswers("svc-the-maples", fmt.Sprintf("2026-0%d-01", i+1), s))
	}
	ctx := context.Background()
	if err := h.app.Intake.FlushStats(ctx); err != nil {
		t.Fatal(err)
	}
	before, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results"))
	if n != 4 {
		t.Fatalf("%d responses counted", n)
	}
	if err := h.app.Store.ClearCounters(ctx); err != nil {
		t.Fatal(err)
	}
	if stored, err := h.app.Store.Tallies(ctx, "quality-checker-visit", "", "", ""); err != nil || len(stored) != 0 {
		t.Fatalf("counters not cleared: %d, %v", len(stored), err)
	}
	counts, err := h.app.Intake.Recount(ctx)
	if err != nil || counts["quality-checker-visit"] != 4 {
		t.Fatalf("recount: %v %v", counts, err)
	}
	after, n := resultCounts(t, h.getAs(t, officer, "/api/v1/officer/forms/quality-checker-visit/results"))
	if n != 4 || fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("after the recount:\n%v\nbefore:\n%v", after, before)
	}
}

// A visit's flag written after an officer already reviewed it (a resend
// after a failure) stays closed.
func TestLateFlagKeepsTheReview(t *testing.T) {
	h := start(t, "", "")
	ctx := context.Background()
	if err := h.app.Store.SetReview(ctx, "missing", chorus.Review{Status: "closed"}); chorus.ErrorCode(err) != chorus.ENOTFOUND {
		t.Fatalf("review of no response: %v", err)
	}
	officer := h.signIn(t, "officer")
	phone, _ := h.volunteer(t, officer, "Sam")
	worry := visitAnswers("svc-the-maples", "2026-03-01", "red")
	worry["safeguardingConcern"], worry["safeguardingDetails"], worry["safeguardingReported"] = true, "x", true
	r := h.postAs(t, phone, "/api/v1/forms/quality-checker-visit/responses", map[string]any{"id": newID(), "formVersion": "3", "answers": worry})
	id := r.body["id"].(string)
	if err := h.app.Store.SetReview(ctx, id, chorus.Review{Status: "closed", By: "user:x", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	if err := h.app.Store.Flag(ctx, chorus.Flag{ResponseID: id, FormID: "quality-checker-visit", Open: true}); err != nil {
		t.Fatal(err)
	}
	flags, err := h.app.Store.OpenFlags(ctx)
	if err != nil || len(flags) != 0 {
		t.Fatalf("a late flag reopened a closed review: %v %v", flags, err)
	}
}

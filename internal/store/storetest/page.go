package storetest

import (
	"fmt"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

func pageCases() []testCase {
	return []testCase{
		one("ResponsePageChained", testResponsePageChained),
		one("ResponsePageSearch", testResponsePageSearch),
		one("ResponsePageSearchUnicodeCase", testResponsePageSearchUnicodeCase),
		one("ResponsePageBadCursor", testResponsePageBadCursor),
	}
}

// allPages reads every page of q, chaining the cursors, and checks that
// each page but the last is full and none after the first is empty.
func allPages(t *testing.T, s store.Store, q store.PageQuery) []*chorus.Response {
	t.Helper()
	var out []*chorus.Response
	for n := 0; ; n++ {
		if n > 1000 {
			t.Fatalf("ResponsePage: more than 1000 pages of %d; the cursor does not move on", q.Limit)
		}
		page, next, err := s.ResponsePage(t.Context(), q)
		must(t, err, fmt.Sprintf("ResponsePage (page %d, after %q)", n+1, q.After))
		if len(page) > q.Limit {
			t.Errorf("page %d holds %d responses, more than the limit %d", n+1, len(page), q.Limit)
		}
		if next != "" && len(page) != q.Limit {
			t.Errorf("page %d holds %d responses and is not the last; want %d", n+1, len(page), q.Limit)
		}
		if n > 0 && len(page) == 0 {
			t.Errorf("page %d is empty: the page before it should have said it was the last", n+1)
		}
		out = append(out, page...)
		if next == "" {
			return out
		}
		if next == q.After {
			t.Fatalf("ResponsePage returned the cursor it was given (%q)", next)
		}
		q.After = next
	}
}

func testResponsePageChained(t *testing.T, s store.Store) {
	ctx := t.Context()
	var want []string
	// 23 responses, received in bursts of three in one millisecond, and
	// stored out of order; erased ones and another form's in between.
	var rs []*chorus.Response
	for i := range 23 {
		n := 100 - i*3 // ids fall as times rise, so that id order is not time order
		rs = append(rs, newResponse(uuid(n), "survey", at(time.Duration(i/3)*time.Second), map[string]any{"i": int64(i)}))
	}
	for burst := 0; burst < len(rs); burst += 3 {
		end := min(burst+3, len(rs))
		for j := end - 1; j >= burst; j-- {
			want = append(want, rs[j].ID) // within a burst, by id
		}
	}
	for i := len(rs) - 1; i >= 0; i-- {
		insert(t, s, rs[i])
		if i%5 == 0 {
			insert(t, s, newResponse(uuid(1000+i), "other", at(time.Duration(i/3)*time.Second), map[string]any{}))
		}
	}
	for i := range 3 {
		gone := newResponse(uuid(500+i), "survey", at(time.Duration(i)*time.Second), map[string]any{})
		insert(t, s, gone)
		_, _, err := s.EraseResponse(ctx, gone.ID, at(time.Hour))
		must(t, err, "EraseResponse")
	}
	for _, limit := range []int{1, 2, 3, 5, 7, 23, 30} {
		check(t, fmt.Sprintf("pages of %d", limit), ids(allPages(t, s, store.PageQuery{Filter: chorus.ResponseFilter{FormID: "survey"}, Limit: limit})), want)
	}
	check(t, "EachResponse, the same order", ids(each(t, s, chorus.ResponseFilter{FormID: "survey"})), want)
	page, next, err := s.ResponsePage(ctx, store.PageQuery{Filter: chorus.ResponseFilter{FormID: "none"}, Limit: 5})
	if err != nil || len(page) != 0 || next != "" {
		t.Errorf("ResponsePage of an unknown form = %d responses, %q, %v", len(page), next, err)
	}
}

func testResponsePageSearch(t *testing.T, s store.Store) {
	ctx := t.Context()
	texts := []struct{ name, story, code string }{
		{"Alice Jones", "", ""},           // 0
		{"bob", "Met AL at the door", ""}, // 1
		{"ALICE", "", ""},                 // 2
		{"Carol", "nothing to add", "alice"},
		{"Dan", "costs 50% more", ""},        // 4
		{"Eve", "costs 500 more", ""},        // 5
		{"Fay", "a_c and a.c", ""},           // 6
		{"Gus", "abc", ""},                   // 7
		{"Hal", "", ""},                      // 8: only its receipt finds it
		{"", "Sally's\nsecond line: Ok", ""}, // 9
	}
	var rs []*chorus.Response
	for i, x := range texts {
		answers := map[string]any{"choices": []string{"alice"}, "count": int64(50)}
		for k, v := range map[string]string{"name": x.name, "story": x.story, "code": x.code} {
			if v != "" {
				answers[k] = v
			}
		}
		rs = append(rs, newResponse(uuid(i), "survey", at(time.Duration(i)*time.Second), answers))
	}
	insert(t, s, rs...)
	other := newResponse(uuid(99), "other", at(0), map[string]any{"name": "Alice"})
	insert(t, s, other)
	filtered := rs[2]
	must(t, s.SetReview(ctx, filtered.ID, chorus.Review{Status: chorus.ReviewReviewed, By: "user:u-1", At: at(time.Hour)}), "SetReview")
	id := func(is ...int) []string {
		var out []string
		for _, i := range is {
			out = append(out, rs[i].ID)
		}
		return out
	}
	textQs := []string{"name", "story"}
	for _, c := range []struct {
		name string
		q    store.PageQuery
		want []string
	}{
		{"a name in any case", store.PageQuery{Text: "alice", TextQuestions: textQs}, id(0, 2)},
		{"upper case finds lower", store.PageQuery{Text: "JONES", TextQuestions: textQs}, id(0)},
		{"two letters", store.PageQuery{Text: "al", TextQuestions: textQs}, id(0, 1, 2, 8, 9)},
		{"one letter", store.PageQuery{Text: "k", TextQuestions: textQs}, id(9)},
		{"across a line break", store.PageQuery{Text: "s\nsec", TextQuestions: textQs}, id(9)},
		{"a percent sign is text", store.PageQuery{Text: "50%", TextQuestions: textQs}, id(4)},
		{"an underscore is text", store.PageQuery{Text: "a_c", TextQuestions: textQs}, id(6)},
		{"a dot is text", store.PageQuery{Text: "a.c", TextQuestions: textQs}, id(6)},
		{"only the text questions", store.PageQuery{Text: "nothing", TextQuestions: []string{"name"}}, nil},
		{"no text questions", store.PageQuery{Text: "alice"}, nil},
		{"no match", store.PageQuery{Text: "zebra", TextQuestions: textQs}, nil},
		{"receipt", store.PageQuery{Receipt: rs[8].Receipt, TextQuestions: textQs}, id(8)},
		{"receipt or text", store.PageQuery{Text: "alice", Receipt: rs[8].Receipt, TextQuestions: textQs}, id(0, 2, 8)},
		{"receipt of another form", store.PageQuery{Receipt: other.Receipt, TextQuestions: textQs}, nil},
		{"unknown receipt", store.PageQuery{Receipt: "CH-2222-22", TextQuestions: textQs}, nil},
		{"text within a filter", store.PageQuery{Text: "alice", TextQuestions: textQs, Filter: chorus.ResponseFilter{Status: chorus.ReviewNew}}, id(0)},
	} {
		c.q.Filter.FormID = "survey"
		for _, limit := range []int{1, 2, 50} {
			c.q.Limit = limit
			check(t, fmt.Sprintf("%s (pages of %d)", c.name, limit), ids(allPages(t, s, c.q)), c.want)
		}
	}
}

// A search matches in any case, beyond ASCII too.
func testResponsePageSearchUnicodeCase(t *testing.T, s store.Store) {
	r1 := newResponse(uuid(1), "survey", at(0), map[string]any{"name": "ZOË ÉTÉ"})
	r2 := newResponse(uuid(2), "survey", at(time.Second), map[string]any{"name": "zoe ete"})
	insert(t, s, r1, r2)
	q := store.PageQuery{Filter: chorus.ResponseFilter{FormID: "survey"}, Text: "zoë été", TextQuestions: []string{"name"}, Limit: 10}
	check(t, "search for zoë été", ids(allPages(t, s, q)), []string{r1.ID})
}

func testResponsePageBadCursor(t *testing.T, s store.Store) {
	insert(t, s, newResponse(uuid(1), "survey", at(0), map[string]any{}))
	for _, bad := range []string{"not a cursor!", "\x00garbage"} {
		_, _, err := s.ResponsePage(t.Context(), store.PageQuery{Filter: chorus.ResponseFilter{FormID: "survey"}, After: bad, Limit: 5})
		wantCode(t, err, chorus.EINVALID, fmt.Sprintf("ResponsePage after %q", bad))
	}
}

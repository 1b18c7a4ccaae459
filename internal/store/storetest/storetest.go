// Package storetest is the behaviour every store adapter must have: one
// suite of tests, run against each adapter by its own test, so that the
// embedded SQLite database and MongoDB answer Chorus the same way. It is
// imported only by tests.
package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"chorus/internal/chorus"
	"chorus/internal/store"
)

// Run runs the suite: each subtest on a fresh, empty store from open,
// which Run closes when the subtest ends. open may be called more than
// once in a subtest (a copy needs two stores), and must give a separate,
// empty store each time.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			c.run(t, func(t *testing.T) store.Store {
				t.Helper()
				s := open(t)
				t.Cleanup(func() {
					if err := s.Close(context.Background()); err != nil {
						t.Errorf("closing the store: %v", err)
					}
				})
				return s
			})
		})
	}
}

// testCase is one subtest. Most take one store; those that need more call
// open themselves.
type testCase struct {
	name string
	run  func(t *testing.T, open func(t *testing.T) store.Store)
}

// one adapts a test of one store to a testCase.
func one(name string, f func(t *testing.T, s store.Store)) testCase {
	return testCase{name, func(t *testing.T, open func(t *testing.T) store.Store) { f(t, open(t)) }}
}

func cases() []testCase {
	var all []testCase
	for _, group := range [][]testCase{responseCases(), queryCases(), pageCases(), counterCases(), formCases(), catalogCases(), accountCases(), copyCases()} {
		all = append(all, group...)
	}
	return all
}

// t0 is a moment in British Summer Time, so that a day in the council's
// time zone is not a day in UTC.
var t0 = time.Date(2024, 6, 30, 9, 15, 0, 0, time.UTC)

// at is t0 moved by d, to the millisecond, as the stores keep times.
func at(d time.Duration) time.Time { return t0.Add(d).Truncate(time.Millisecond) }

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// uuid makes a response id as phones do, numbered so that ids sort as n.
func uuid(n int) string { return fmt.Sprintf("5f0c7a3e-9b1d-4e2a-8c6f-%012d", n) }

// newResponse is a stored response as intake makes one: times to the
// millisecond, a fresh receipt, a fingerprint that stands for its content.
func newResponse(id, formID string, received time.Time, answers map[string]any) *chorus.Response {
	return &chorus.Response{
		ID:          id,
		FormID:      formID,
		FormVersion: "3",
		Answers:     answers,
		StartedAt:   ptr(received.Add(-7 * time.Minute)),
		CompletedAt: ptr(received.Add(-2 * time.Second)),
		ReceivedAt:  received,
		Receipt:     chorus.NewReceipt(),
		Fingerprint: "fp-" + id,
	}
}

// resend is a second copy of r, as intake makes it from the same request
// sent again: the same content, and a receipt of its own.
func resend(r *chorus.Response) *chorus.Response {
	c := *r
	c.Answers = make(map[string]any, len(r.Answers))
	for k, v := range r.Answers {
		c.Answers[k] = v
	}
	c.Receipt = chorus.NewReceipt()
	return &c
}

// insert stores responses one by one and fails the test on an error or a
// response not newly created.
func insert(t *testing.T, s store.Store, rs ...*chorus.Response) {
	t.Helper()
	for _, r := range rs {
		res, err := s.InsertResponse(t.Context(), r)
		if err != nil || !res.Created {
			t.Fatalf("InsertResponse(%s) = %+v, %v; want created", r.ID, res, err)
		}
	}
}

// must fails the test on an error.
func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantCode checks that err carries the chorus error code.
func wantCode(t *testing.T, err error, code, what string) {
	t.Helper()
	if got := chorus.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want code %q", what, err, got, code)
	}
}

// check reports when got and want differ: deeply, with times compared as
// instants and a nil map or slice the same as an empty one, but the types
// held by interfaces (an answer's int64 or float64) compared exactly.
func check(t *testing.T, what string, got, want any) {
	t.Helper()
	if !same(reflect.ValueOf(got), reflect.ValueOf(want)) {
		t.Errorf("%s:\n got  %s\n want %s", what, show(reflect.ValueOf(got)), show(reflect.ValueOf(want)))
	}
}

var timeType = reflect.TypeFor[time.Time]()

func same(a, b reflect.Value) bool {
	if !a.IsValid() || !b.IsValid() {
		return a.IsValid() == b.IsValid()
	}
	if a.Type() != b.Type() {
		return false
	}
	if a.Type() == timeType {
		return a.Interface().(time.Time).Equal(b.Interface().(time.Time))
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return same(a.Elem(), b.Elem())
	case reflect.Struct:
		for i := range a.NumField() {
			if !same(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !same(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	case reflect.Slice, reflect.Array:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !same(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	}
	return a.Equal(b)
}

// show prints a value for a failure message: pointers followed, times in
// UTC, and the type of what an interface holds.
func show(v reflect.Value) string {
	if !v.IsValid() {
		return "nil"
	}
	if v.Type() == timeType {
		return v.Interface().(time.Time).UTC().Format(time.RFC3339Nano)
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return "nil"
		}
		return "&" + show(v.Elem())
	case reflect.Interface:
		if v.IsNil() {
			return "nil"
		}
		return v.Elem().Type().String() + "(" + show(v.Elem()) + ")"
	case reflect.Struct:
		parts := make([]string, v.NumField())
		for i := range v.NumField() {
			parts[i] = v.Type().Field(i).Name + ":" + show(v.Field(i))
		}
		return "{" + strings.Join(parts, " ") + "}"
	case reflect.Map:
		var parts []string
		for _, k := range v.MapKeys() {
			parts = append(parts, fmt.Sprintf("%q", k.Interface())+":"+show(v.MapIndex(k)))
		}
		sort.Strings(parts)
		return "map[" + strings.Join(parts, " ") + "]"
	case reflect.Slice, reflect.Array:
		parts := make([]string, v.Len())
		for i := range v.Len() {
			parts[i] = show(v.Index(i))
		}
		return "[" + strings.Join(parts, " ") + "]"
	case reflect.String:
		return fmt.Sprintf("%q", v.String())
	}
	return fmt.Sprint(v.Interface())
}

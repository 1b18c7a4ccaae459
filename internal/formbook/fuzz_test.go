package formbook

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"chorus/internal/form"
)

// FuzzRelevant: no relevant cell makes the reader fail other than with a
// message, and what it reads is written back the same.
func FuzzRelevant(f *testing.F) {
	for _, s := range []string{"${a} = 'x'", "selected(${a}, 'x') or selected(${a}, \"y\")", "(${a} = 3 or ${a} = 2.5)", "${a} = true()", "${a} != 'x' and not(selected(${a}, 'y'))", "${a} != ''"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRelevant(s)
		if err != nil {
			return
		}
		c := r.condition(form.TypeShortText)
		out, err := writeRelevant(c, form.TypeShortText)
		if err != nil {
			return // a value with both quotes
		}
		r2, err := parseRelevant(out)
		if err != nil || !reflect.DeepEqual(r2.condition(form.TypeShortText), c) {
			t.Errorf("%q was written as %q, which reads as %+v %v", s, out, r2, err)
		}
	})
}

// TestMutatedWorkbooks: no damaged workbook makes Read panic; it gives a
// form or problems. (A -fuzz target does the same poorly: the fuzzer's
// instrumentation of excelize slows it to a stop on inputs this size.)
func TestMutatedWorkbooks(t *testing.T) {
	good, err := Template()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		d := slices.Clone(good)
		for range 1 + r.IntN(5) {
			p := r.IntN(len(d) - 8)
			switch r.IntN(4) {
			case 0:
				d[p] = byte(r.IntN(256))
			case 1:
				d = slices.Delete(d, p, p+1+r.IntN(8))
			case 2:
				d = slices.Insert(d, p, byte(r.IntN(256)), byte(r.IntN(256)))
			case 3:
				copy(d[p:], []byte{0xff, 0xff, 0xff, 0x7f})
			}
		}
		if g, ps := Read("damaged.xlsx", d, time.UTC); (g == nil) == (len(ps) == 0) {
			t.Fatalf("form %v with problems %v", g, ps)
		}
	}
}

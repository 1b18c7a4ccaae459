package plain

import (
	"fmt"
	"strings"
	"sync"
)

// Level is what a text is held to.
type Level struct {
	Name string
	// MinEase is the reading ease to aim for: a text of MinWordsForEase
	// words or more that scores less is pointed out.
	MinEase float64
	// MaxSentenceWords is the longest sentence, in words, not pointed out.
	MaxSentenceWords int
	// LongWord is the number of syllables that makes a word long (unless
	// it is on the list of long words most people know).
	LongWord int
}

// The two levels. Standard text aims for plain English, Flesch's 60 (a
// reader of 13 to 15), and sentences of 25 words at most; easy read for
// "easy", 80 (a reader of 11 or 12), sentences of 15 words at most and no
// words of 4 syllables or more, as easy-read guides ask for short
// sentences of everyday words. Standard text may use words of 4 syllables
// (consultation, contribution); 5 or more are pointed out.
var (
	Standard = Level{Name: "standard", MinEase: 60, MaxSentenceWords: 25, LongWord: 5}
	EasyRead = Level{Name: "easy read", MinEase: 80, MaxSentenceWords: 15, LongWord: 4}
)

// MinWordsForEase is the fewest words a text needs before its own reading
// ease is judged: the formula was made for passages, and over a few words
// one long word swings it by 20 points. Shorter texts still count in the
// form's score, and their sentences and words are still checked.
const MinWordsForEase = 20

// Checker checks text with a list of words to avoid and a list of long
// words most people know.
type Checker struct {
	avoid   *List
	allowed map[string]bool
}

// New returns a Checker with the given list of words to avoid (in the
// format of WordsToAvoid) and the built-in list of long words allowed.
func New(wordsToAvoid string) (*Checker, error) {
	l, err := ParseList(wordsToAvoid)
	if err != nil {
		return nil, err
	}
	return &Checker{avoid: l, allowed: wordSet(longWordsAllowed)}, nil
}

var defaultChecker = sync.OnceValue(func() *Checker {
	c, err := New(WordsToAvoid)
	if err != nil {
		panic(err) // the built-in list is checked by the tests
	}
	return c
})

// Default returns the Checker with the built-in lists.
func Default() *Checker {
	return defaultChecker()
}

// Check lists what could be plainer in a text, held to a level: each a
// short message with a suggestion. A text with nothing to point out
// gives none.
func (c *Checker) Check(text string, lv Level) []string {
	var out []string
	sentences := Sentences(text)
	if s := Measure(text); s.Words >= MinWordsForEase && s.ReadingEase() < lv.MinEase {
		out = append(out, fmt.Sprintf("reading ease %.0f (%s): aim for %g or more, with shorter sentences and words", s.ReadingEase(), Band(s.ReadingEase()), lv.MinEase))
	}
	long := map[string]bool{}
	for _, sentence := range sentences {
		words := Words(sentence)
		if n := len(words); n > lv.MaxSentenceWords {
			start := ""
			if len(sentences) > 1 {
				start = fmt.Sprintf(" (%q)", strings.Join(words[:5], " ")+"…")
			}
			out = append(out, fmt.Sprintf("sentence of %d words%s: split it (aim for %d or fewer)", n, start, lv.MaxSentenceWords))
		}
		out = append(out, c.avoid.find(lowerWords(sentence, true))...)
		for _, w := range lowerWords(sentence, true) {
			if n := Syllables(w); n >= lv.LongWord && !c.allowed[strings.TrimSuffix(w, "'s")] && !long[w] {
				long[w] = true
				out = append(out, fmt.Sprintf("'%s' has %d syllables: is there a shorter word?", w, n))
			}
		}
		for _, p := range Passives(sentence) {
			out = append(out, fmt.Sprintf("passive: '%s' — say who does it", p))
		}
	}
	return out
}

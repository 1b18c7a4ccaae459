package plain

import (
	_ "embed"
	"fmt"
	"strings"
)

// WordsToAvoid is the built-in list of words to avoid, with plainer ones:
// words-to-avoid.txt, whose first lines say how to write it.
//
//go:embed words-to-avoid.txt
var WordsToAvoid string

// longWordsAllowed lists long words most people know, one a line.
//
//go:embed long-words-allowed.txt
var longWordsAllowed string

// avoid is one entry of a list of words to avoid.
type avoid struct {
	instead []string // plainer words, in order
	note    string   // what to keep in mind, without brackets
}

// advice says what to do instead of word.
func (a *avoid) advice(word string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "'%s': ", word)
	if len(a.instead) == 0 {
		b.WriteString(a.note)
		return b.String()
	}
	b.WriteString("say ")
	for i, w := range a.instead {
		switch {
		case i == 0:
		case i == len(a.instead)-1:
			b.WriteString(" or ")
		default:
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "'%s'", w)
	}
	if a.note != "" {
		fmt.Fprintf(&b, " (%s)", a.note)
	}
	return b.String()
}

// phrase is an entry of more than one word, in lower-case words.
type phrase struct {
	words   []string
	written string
	entry   *avoid
}

// List is a parsed list of words to avoid.
type List struct {
	words   map[string]*avoid // every form of each single word
	phrases []phrase
}

// ParseList reads a list of words to avoid in the format of
// words-to-avoid.txt: "word or phrase[, another] → plainer[, another]
// (a note)", one a line; "->" may stand for the arrow; blank lines and
// lines starting with # are skipped. It fails on a line with no arrow, or
// with neither plainer words nor a note, naming the line.
func ParseList(text string) (*List, error) {
	l := &List{words: map[string]*avoid{}}
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		left, right, ok := strings.Cut(line, "→")
		if !ok {
			left, right, ok = strings.Cut(line, "->")
		}
		if !ok || strings.TrimSpace(left) == "" {
			return nil, fmt.Errorf("words to avoid, line %d: write it as \"word → plainer word\": %q", n+1, line)
		}
		a := &avoid{}
		right = strings.TrimSpace(right)
		if i := strings.Index(right, "("); i >= 0 && strings.HasSuffix(right, ")") {
			a.note = strings.TrimSpace(right[i+1 : len(right)-1])
			right = right[:i]
		}
		for _, w := range strings.Split(right, ",") {
			if w = strings.TrimSpace(w); w != "" {
				a.instead = append(a.instead, w)
			}
		}
		if len(a.instead) == 0 && a.note == "" {
			return nil, fmt.Errorf("words to avoid, line %d: say what to write instead of %q", n+1, strings.TrimSpace(left))
		}
		for _, form := range strings.Split(left, ",") {
			form = strings.TrimSpace(form)
			words := lowerWords(form, true)
			switch len(words) {
			case 0:
			case 1:
				for _, f := range endings(words[0]) {
					if l.words[f] == nil {
						l.words[f] = a
					}
				}
			default:
				l.phrases = append(l.phrases, phrase{words, form, a})
			}
		}
	}
	return l, nil
}

// endings lists a word with its usual endings: -s, -es, -d, -ed, -ing,
// with a final e dropped, a final y made ie, or a last consonant doubled.
func endings(w string) []string {
	out := []string{w, w + "s", w + "es", w + "d", w + "ed", w + "ing"}
	l := len(w)
	if l < 3 {
		return out
	}
	if stem, ok := strings.CutSuffix(w, "e"); ok {
		out = append(out, stem+"ing")
	}
	if stem, ok := strings.CutSuffix(w, "y"); ok && !isVowelByte(w[l-2]) {
		out = append(out, stem+"ies", stem+"ied")
	}
	if last := w[l-1]; !isVowelByte(last) && !strings.ContainsRune("wxy", rune(last)) && isVowelByte(w[l-2]) && !isVowelByte(w[l-3]) {
		out = append(out, w+string(last)+"ed", w+string(last)+"ing")
	}
	return out
}

// find lists the advice for each word or phrase of the list in a
// sentence's lower-case words, once each, in the order they come.
func (l *List) find(words []string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	for i := 0; i < len(words); i++ {
		matched := false
		for _, p := range l.phrases {
			if i+len(p.words) <= len(words) && equal(words[i:i+len(p.words)], p.words) {
				add(p.entry.advice(p.written))
				i += len(p.words) - 1
				matched = true
				break
			}
		}
		if !matched {
			if a := l.words[words[i]]; a != nil {
				add(a.advice(words[i]))
			}
		}
	}
	return out
}

func equal(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return len(a) == len(b)
}

// wordSet reads one word a line, skipping blank lines and # notes.
func wordSet(text string) map[string]bool {
	out := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if line = strings.ToLower(strings.TrimSpace(line)); line != "" && !strings.HasPrefix(line, "#") {
			out[line] = true
		}
	}
	return out
}

package plain

import (
	"regexp"
	"strings"
	"unicode"
)

// Sentences splits a text into sentences. A sentence ends at ".", "!",
// "?" or "…" (with any closing quotes and brackets after it) followed by
// a space and something other than a lower-case letter, or by the end of
// the text; not after a short form such as "Dr." or "e.g.", nor after a
// single capital (an initial). Text with no such mark is one sentence,
// as a question's label or an option often is.
//
// A text may hold the Markdown of a guidance question: a heading, each
// list item and each paragraph (lines separated by a blank line) end a
// sentence too; the Markdown marks (#, -, *, 1., **) are dropped, a link
// keeps its words and loses its address. A line break inside a paragraph
// does not end a sentence: YAML and Markdown wrap long lines.
func Sentences(text string) []string {
	var out []string
	for _, block := range blocks(text) {
		for _, s := range splitSentences(block) {
			if len(Words(s)) > 0 {
				out = append(out, s)
			}
		}
	}
	return out
}

var (
	mdHeading = regexp.MustCompile(`^#{1,6}\s+`)
	mdItem    = regexp.MustCompile(`^(?:[-*+]|\d+[.)])\s+`)
	mdLink    = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdStrong  = regexp.MustCompile(`\*\*|__`)
)

// blocks joins a text's lines into paragraphs, headings and list items.
func blocks(text string) []string {
	var out []string
	var para []string
	flush := func() {
		if len(para) > 0 {
			out = append(out, strings.Join(para, " "))
			para = nil
		}
	}
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		line = mdStrong.ReplaceAllString(mdLink.ReplaceAllString(line, "$1"), "")
		switch {
		case line == "":
			flush()
		case mdHeading.MatchString(line), mdItem.MatchString(line):
			flush()
			out = append(out, mdItem.ReplaceAllString(mdHeading.ReplaceAllString(line, ""), ""))
		default:
			para = append(para, line)
		}
	}
	flush()
	return out
}

// shortForms end with a full stop that does not end a sentence.
var shortForms = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "no": true,
	"e.g": true, "i.e": true, "eg": true, "ie": true, "vs": true, "approx": true,
	"tel": true, "ref": true, "cllr": true,
}

func splitSentences(block string) []string {
	var out []string
	rs := []rune(block)
	start := 0
	for i := 0; i < len(rs); i++ {
		if !strings.ContainsRune(".!?…", rs[i]) {
			continue
		}
		j := i + 1
		for j < len(rs) && strings.ContainsRune(".!?…\"'”’)]", rs[j]) {
			j++
		}
		if j < len(rs) && !unicode.IsSpace(rs[j]) {
			continue // 2.5, example.org, e.g.x
		}
		k := j
		for k < len(rs) && unicode.IsSpace(rs[k]) {
			k++
		}
		if k < len(rs) {
			if unicode.IsLower(rs[k]) {
				continue // "e.g. this", "etc. and"
			}
			if rs[i] == '.' && j == i+1 && notAnEnd(rs[start:i]) {
				continue
			}
		}
		out = append(out, strings.TrimSpace(string(rs[start:j])))
		start = k
		i = k - 1
	}
	if rest := strings.TrimSpace(string(rs[start:])); rest != "" {
		out = append(out, rest)
	}
	return out
}

// notAnEnd reports whether the text before a full stop ends with a short
// form or an initial.
func notAnEnd(before []rune) bool {
	i := len(before)
	for i > 0 && !unicode.IsSpace(before[i-1]) && before[i-1] != '(' {
		i--
	}
	word := string(before[i:])
	if r := []rune(word); len(r) == 1 && unicode.IsUpper(r[0]) {
		return true
	}
	return shortForms[strings.ToLower(word)]
}

// Words splits a sentence into words: runs of letters and digits, with
// the apostrophes and hyphens inside them ("don't", "long-term",
// "co-production" are one word each, as Flesch counted them), and the
// stops and commas inside numbers ("2.5", "1,000"). Web and email
// addresses are left out: a reader takes them in as a whole and no
// syllable count fits them.
func Words(sentence string) []string {
	var out []string
	for _, field := range strings.Fields(sentence) {
		if strings.Contains(field, "://") || strings.Contains(field, "@") || strings.HasPrefix(strings.ToLower(field), "www.") {
			continue
		}
		rs := []rune(field)
		start := -1
		for i, r := range rs {
			inWord := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
			if !inWord && start >= 0 && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || unicode.IsDigit(rs[i+1])) {
				prev := rs[i-1]
				switch {
				case strings.ContainsRune("'’-‐", r) && (unicode.IsLetter(prev) || unicode.IsDigit(prev)):
					inWord = true
				case strings.ContainsRune(".,", r) && unicode.IsDigit(prev) && unicode.IsDigit(rs[i+1]):
					inWord = true
				}
			}
			switch {
			case inWord && start < 0:
				start = i
			case !inWord && start >= 0:
				out = append(out, string(rs[start:i]))
				start = -1
			}
		}
		if start >= 0 {
			out = append(out, string(rs[start:]))
		}
	}
	return out
}

// lowerWords is Words in lower case, with curly apostrophes straight and,
// when split is set, hyphenated words split into their parts: what words
// to avoid are looked for in (with split) and the passive voice (without:
// well-led is not a participle).
func lowerWords(sentence string, split bool) []string {
	var out []string
	for _, w := range Words(sentence) {
		w = strings.ToLower(strings.ReplaceAll(w, "’", "'"))
		if !split {
			out = append(out, w)
			continue
		}
		out = append(out, strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '‐' })...)
	}
	return out
}

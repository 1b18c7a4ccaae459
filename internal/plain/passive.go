package plain

import "strings"

// Passives finds the passive voice in a sentence, by a heuristic: a form
// of "to be" (am, is, are, was, were, be, been, being, and isn't and the
// like) followed by a past participle, with at most two words such as
// "not", "only", "being" or an -ly word between them. A participle is a
// word ending in -ed (not -eed, but agreed), or one on a list of irregular ones (made, kept,
// given, written…). Each is given as the words that make it, from a
// "will", "can", "has" or "to" before the verb to a "by" straight after
// it: "will be collected by", "are saved", "has been sent".
//
// It cannot tell a passive from an adjective made from a verb: a short
// list of those that mostly describe a state (interested, tired, worried,
// involved, closed…) is not pointed out, so "I am interested" passes and
// "your answers are kept" does not. Nor does it find a passive with the
// subject between the verbs, as a question has it ("Are people asked…?"),
// nor one made with "get" ("got hurt"): the check finds the usual cases,
// not every one.
func Passives(sentence string) []string {
	words := lowerWords(sentence, false)
	var out []string
	for i := 0; i < len(words); i++ {
		if !isBe(words[i]) {
			continue
		}
		j := i + 1
		for skipped := 0; j < len(words) && skipped < 2 && inBetween(words[j]); skipped++ {
			j++
		}
		if j >= len(words) || !participle(words[j]) {
			continue
		}
		from := i
		if i > 0 && helpers[words[i-1]] {
			from = i - 1
		}
		to := j + 1
		if to < len(words) && words[to] == "by" {
			to++
		}
		out = append(out, strings.Join(words[from:to], " "))
		i = to - 1
	}
	return out
}

var beForms = set("am is are was were be been being isn't aren't wasn't weren't")

// isBe reports whether a word is a form of "to be", or a pronoun with one
// ("it's", "we're"): not a name with a possessive ("the council's").
func isBe(w string) bool {
	if beForms[w] {
		return true
	}
	for _, end := range []string{"'s", "'re"} {
		if stem, ok := strings.CutSuffix(w, end); ok && pronouns[stem] {
			return true
		}
	}
	return false
}

var pronouns = set("it that there here he she what who where we you they")

// helpers are the words before a form of "to be" that belong with it.
var helpers = set("will would can could may might must shall should to has have had won't can't cannot wouldn't couldn't shouldn't mustn't hasn't haven't hadn't")

// inBetween are the words that may come between "to be" and the verb.
func inBetween(w string) bool {
	return betweenWords[w] || (len(w) > 4 && strings.HasSuffix(w, "ly") && !participle(w))
}

var betweenWords = set("not never also always often usually sometimes seldom rarely only still just already then now all both each being been")

// participle reports whether a word is (most likely) a past participle.
func participle(w string) bool {
	if stative[w] || strings.ContainsAny(w, "-'") {
		return false
	}
	if irregular[w] {
		return true
	}
	stem, ok := strings.CutSuffix(w, "ed")
	return ok && strings.ContainsAny(stem, "aeiouy") && !notParticiples[w] && !strings.HasSuffix(stem, "e") ||
		eedParticiples[w]
}

// stative are participles mostly used to say how someone or something is,
// not what was done to them.
var stative = set(`interested tired worried married divorced pleased excited bored scared frightened
	concerned satisfied dissatisfied surprised confused annoyed disappointed embarrassed ashamed
	amazed relaxed stressed isolated qualified skilled experienced retired disabled related
	involved based supposed closed finished done gone lost born aged detailed limited
	unemployed employed prepared organised organized engaged`)

// notParticiples end in -ed and are not verbs.
var notParticiples = set("hundred kindred sacred naked wicked rugged ragged crooked wretched beloved")

// eedParticiples end in -eed and are verbs (need, speed and feed are not).
var eedParticiples = set("agreed freed guaranteed decreed refereed")

var irregular = set(`made paid kept sent told sold held found brought bought thought taught caught
	built lent spent left meant met set put cut hurt hit shut let won seen known shown grown thrown
	drawn given taken written spoken chosen broken forgotten hidden driven eaten beaten bitten stolen
	frozen woken worn torn sworn fed led bred heard said laid understood struck stuck hung dealt
	sought fought bound ground spun sung rung sunk begun overcome forbidden undertaken withdrawn
	upheld misled mistaken overseen shaken sewn read rewritten`)

func set(words string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(words) {
		out[w] = true
	}
	return out
}

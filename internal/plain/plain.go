// Package plain checks English for plain English before a form goes out
// (issue 17): it scores text with a published readability measure, the
// Flesch reading ease and the Flesch–Kincaid grade, and points out long
// sentences, long words, the passive voice and words to avoid, with a
// plainer way to say each. What it finds is advice for the officer who
// wrote the form, never a reason to refuse it.
//
// It is pure: it reads no files but the lists built into it, and holds no
// state beyond them.
package plain

import (
	"fmt"
	"math"
)

// Score is what the readability formulas are computed from: the counts of
// a text's sentences, words and syllables. Scores add, so a form's score
// is the sum of its texts'.
type Score struct {
	Sentences int `json:"sentences"`
	Words     int `json:"words"`
	Syllables int `json:"syllables"`
}

// Add returns the counts of both texts together.
func (s Score) Add(o Score) Score {
	return Score{s.Sentences + o.Sentences, s.Words + o.Words, s.Syllables + o.Syllables}
}

// ReadingEase is Flesch's reading ease (Flesch 1948):
// 206.835 − 1.015 × words per sentence − 84.6 × syllables per word.
// Higher is easier: 60 to 70 is plain English, 80 and over easy. It is 0
// for a text with no words.
func (s Score) ReadingEase() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 206.835 - 1.015*float64(s.Words)/float64(s.Sentences) - 84.6*float64(s.Syllables)/float64(s.Words)
}

// Grade is the Flesch–Kincaid grade level (Kincaid and others, 1975), the
// US school year whose pupils could read the text:
// 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
// It is 0 for a text with no words.
func (s Score) Grade() float64 {
	if s.Words == 0 || s.Sentences == 0 {
		return 0
	}
	return 0.39*float64(s.Words)/float64(s.Sentences) + 11.8*float64(s.Syllables)/float64(s.Words) - 15.59
}

// ReadingAge is the grade as an age, the usual UK framing: grade + 5
// (pupils in US grade 1 are about 6). It is never under 5.
func (s Score) ReadingAge() float64 {
	return math.Max(5, s.Grade()+5)
}

// Band names a reading ease in the words of Flesch's table: "very easy"
// (90 and over), "easy" (80), "fairly easy" (70), "plain English" (60),
// "fairly difficult" (50), "difficult" (30), "very difficult" (10) and
// "extremely difficult".
func Band(ease float64) string {
	switch {
	case ease >= 90:
		return "very easy"
	case ease >= 80:
		return "easy"
	case ease >= 70:
		return "fairly easy"
	case ease >= 60:
		return "plain English"
	case ease >= 50:
		return "fairly difficult"
	case ease >= 30:
		return "difficult"
	case ease >= 10:
		return "very difficult"
	}
	return "extremely difficult"
}

// Measure counts the sentences, words and syllables of a text (which may
// hold the Markdown of a guidance question's body): see Sentences, Words
// and Syllables for how.
func Measure(text string) Score {
	var s Score
	for _, sentence := range Sentences(text) {
		words := Words(sentence)
		s.Sentences++
		s.Words += len(words)
		for _, w := range words {
			s.Syllables += Syllables(w)
		}
	}
	return s
}

// Figures says a score the way the summary does: "reading ease 64 (plain
// English), grade 8.1, reading age 13", with what to aim for when the
// reading ease is under target.
func (s Score) Figures(target float64) string {
	if s.Words == 0 {
		return "no words to score"
	}
	ease := s.ReadingEase()
	band := Band(ease)
	if math.Round(ease) < target {
		band += fmt.Sprintf(": aim for %g or more", target)
	}
	return fmt.Sprintf("reading ease %.0f (%s), grade %.1f, reading age %.0f", ease, band, s.Grade(), s.ReadingAge())
}

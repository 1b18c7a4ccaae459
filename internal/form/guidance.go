package form

import (
	"fmt"
	"regexp"
	"strings"
)

// Block is one block of a guidance text: a heading, a paragraph or a list.
// The web app draws the same blocks from the same text (pwa/js/guidance.js,
// both tested against testdata/guidance.json), as text: no HTML passes.
type Block struct {
	Kind    string   `json:"kind"`            // heading, paragraph, list
	Level   int      `json:"level,omitempty"` // 2 or 3, for a heading
	Ordered bool     `json:"ordered,omitempty"`
	Spans   []Span   `json:"spans,omitempty"` // a heading's or paragraph's text
	Items   [][]Span `json:"items,omitempty"` // a list's items
}

// Span is a run of text, bold or a link.
type Span struct {
	Text   string `json:"text"`
	Strong bool   `json:"strong,omitempty"`
	Href   string `json:"href,omitempty"`
}

var (
	headingLine = regexp.MustCompile(`^(#{1,3})[ \t]+(.*)$`)
	bulletLine  = regexp.MustCompile(`^[-*][ \t]+(.*)$`)
	numberLine  = regexp.MustCompile(`^[0-9]{1,3}[.)][ \t]+(.*)$`)
	linkSyntax  = regexp.MustCompile(`^\[([^\[\]]+)\]\(([^()\s]+)\)`)
)

// SafeLink reports whether a guidance link may be followed: a web address
// over https, an email address, or a path on this server.
func SafeLink(href string) bool {
	lower := strings.ToLower(href)
	return strings.HasPrefix(lower, "https://") || strings.HasPrefix(lower, "mailto:") ||
		(strings.HasPrefix(href, "/") && !strings.HasPrefix(href, "//"))
}

// ParseGuidance reads a guidance text: paragraphs separated by blank
// lines, "#"/"##" (level 2) and "###" (level 3) headings, "- " or "* "
// and "1. " list items, **bold**, and [text](link). A link that is not
// SafeLink stays as its text with the address after it in brackets.
// Anything else is text as written.
func ParseGuidance(body string) []Block {
	body = strings.ReplaceAll(strings.ReplaceAll(body, "\r\n", "\n"), "\r", "\n")
	var out []Block
	var para []string
	var list *Block
	flush := func() {
		if len(para) > 0 {
			out = append(out, Block{Kind: "paragraph", Spans: parseSpans(strings.Join(para, " "))})
			para = nil
		}
		if list != nil {
			out = append(out, *list)
			list = nil
		}
	}
	var item []string
	endItem := func() {
		if list != nil && item != nil {
			list.Items = append(list.Items, parseSpans(strings.Join(item, " ")))
		}
		item = nil
	}
	for _, raw := range strings.Split(body, "\n") {
		line := strings.TrimSpace(raw)
		if line == "" {
			endItem()
			flush()
			continue
		}
		if m := headingLine.FindStringSubmatch(line); m != nil {
			endItem()
			flush()
			level := 2
			if len(m[1]) == 3 {
				level = 3
			}
			out = append(out, Block{Kind: "heading", Level: level, Spans: parseSpans(m[2])})
			continue
		}
		bullet, number := bulletLine.FindStringSubmatch(line), numberLine.FindStringSubmatch(line)
		if bullet != nil || number != nil {
			ordered, text := number != nil, ""
			if ordered {
				text = number[1]
			} else {
				text = bullet[1]
			}
			endItem()
			if list == nil || list.Ordered != ordered {
				flush()
				list = &Block{Kind: "list", Ordered: ordered}
			}
			item = []string{text}
			continue
		}
		if item != nil {
			item = append(item, line)
			continue
		}
		if list != nil {
			flush()
		}
		para = append(para, line)
	}
	endItem()
	flush()
	return out
}

// parseSpans reads **bold** and [links](…) in a line of text.
func parseSpans(s string) []Span {
	var out []Span
	add := func(sp Span) {
		if sp.Text == "" {
			return
		}
		if n := len(out); n > 0 && !sp.Strong && sp.Href == "" && !out[n-1].Strong && out[n-1].Href == "" {
			out[n-1].Text += sp.Text
			return
		}
		out = append(out, sp)
	}
	for s != "" {
		i := strings.IndexAny(s, "*[")
		if i < 0 {
			add(Span{Text: s})
			break
		}
		add(Span{Text: s[:i]})
		s = s[i:]
		if strings.HasPrefix(s, "**") {
			if end := strings.Index(s[2:], "**"); end > 0 {
				add(Span{Text: s[2 : 2+end], Strong: true})
				s = s[4+end:]
				continue
			}
			add(Span{Text: "**"})
			s = s[2:]
			continue
		}
		if m := linkSyntax.FindStringSubmatch(s); m != nil {
			if SafeLink(m[2]) {
				add(Span{Text: m[1], Href: m[2]})
			} else {
				add(Span{Text: m[1] + " (" + m[2] + ")"})
			}
			s = s[len(m[0]):]
			continue
		}
		add(Span{Text: s[:1]})
		s = s[1:]
	}
	return out
}

// GuidanceProblems lists what is wrong with a guidance text: links that
// are not safe to follow, and HTML, which is shown as typed, not obeyed.
func GuidanceProblems(body string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`\[[^\[\]]+\]\(([^()\s]+)\)`).FindAllStringSubmatch(body, -1) {
		if !SafeLink(m[1]) {
			out = append(out, fmt.Sprintf("the link %q must start with https://, mailto: or /", m[1]))
		}
	}
	if regexp.MustCompile(`<[A-Za-z/!]`).MatchString(body) {
		out = append(out, "HTML is not allowed: write headings with ##, lists with - and links as [text](https://…)")
	}
	return out
}

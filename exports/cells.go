package exports

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"chorus/internal/chorus"
	"chorus/internal/form"
)

// maxCellChars is the most characters (UTF-16 units) a spreadsheet cell holds.
const maxCellChars = 32767

// cutFlag ends a text that was too long for its cell.
const cutFlag = " [CUT: this answer has %d characters and a cell holds %d. The CSV download has it in full.]"

// Cell values before they are written: each writer (XLSX, CSV) turns them
// into its own form. Numbers are int64 or float64; nil is an empty cell.
type (
	text  string
	day   time.Time // a date with no time of day
	stamp time.Time // a moment, shown in the export's time zone
	// rated is an answer shown with the colour of its option.
	rated struct {
		text   string
		colour string
	}
)

// safeText returns s so that no spreadsheet program reads it as a formula
// (OWASP ASVS 1.2.10): a text that starts with =, +, -, @, a tab or a
// carriage return is written after an apostrophe.
func safeText(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// fitCell cuts s to what a cell holds, flagging the cut in the cell itself,
// and reports whether it cut.
func fitCell(s string) (string, bool) {
	if len(s) <= maxCellChars || utf16Len(s) <= maxCellChars {
		return s, false
	}
	flag := fmt.Sprintf(cutFlag, utf16Len(s), maxCellChars)
	room := maxCellChars - utf16Len(flag)
	n, used := 0, 0
	for i, r := range s {
		w := utf16.RuneLen(r)
		if w < 0 {
			w = 1
		}
		if used+w > room {
			n = i
			break
		}
		used += w
	}
	return s[:n] + flag, true
}

func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 && r <= utf8.MaxRune {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// localStamp turns a moment into a stamp of its wall-clock time in loc.
func localStamp(t *time.Time, loc *time.Location) any {
	if t == nil || t.IsZero() {
		return nil
	}
	return stamp(wallClock(t.In(loc)))
}

// wallClock keeps t's clock reading and drops its zone, which is how a
// spreadsheet, which has no time zones, must be given a local time.
func wallClock(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
}

// answerValue returns the cell value of one answer to q.
func (req *Request) answerValue(q *question, v any) any {
	if v == nil {
		return nil
	}
	switch q.Type {
	case form.TypeNumber:
		switch n := v.(type) {
		case int64, float64:
			return n
		case int32:
			return int64(n)
		case int:
			return int64(n)
		}
	case form.TypeDate:
		if s, ok := v.(string); ok {
			if d, err := time.Parse(time.DateOnly, s); err == nil {
				return day(d)
			}
		}
	case form.TypeYesNo, form.TypeConsent:
		if b, ok := v.(bool); ok {
			if b {
				return text("Yes")
			}
			return text("No")
		}
	case form.TypeSingleChoice, form.TypeRating, form.TypeGrid: // a grid's value is one statement's
		if s, ok := v.(string); ok {
			o := q.Option(s)
			switch {
			case o == nil:
				return text(s)
			case req.Codes:
				return rated{text: s, colour: o.Colour}
			}
			return rated{text: o.Label, colour: o.Colour}
		}
	case form.TypeMultipleChoice:
		if vs, ok := v.([]string); ok {
			names := make([]string, len(vs))
			for i, s := range vs {
				names[i] = s
				if o := q.Option(s); o != nil && !req.Codes {
					names[i] = o.Label
				}
			}
			return text(strings.Join(names, "; "))
		}
	case form.TypeService:
		if s, ok := v.(string); ok && !req.Codes {
			return text(req.serviceName(s))
		}
	}
	switch v := v.(type) {
	case string:
		return text(v)
	case []string:
		return text(strings.Join(v, "; "))
	}
	return text(fmt.Sprint(v))
}

// chose reports whether a multiple choice answer includes the option:
// 1 or 0, or nil when the question was not answered.
func chose(v any, option string) any {
	vs, ok := v.([]string)
	if !ok {
		return nil
	}
	for _, s := range vs {
		if s == option {
			return int64(1)
		}
	}
	return int64(0)
}

// csvText returns the CSV form of a cell value.
func csvText(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case text:
		return safeText(string(v))
	case rated:
		return safeText(v.text)
	case day:
		return time.Time(v).Format(time.DateOnly)
	case stamp:
		return time.Time(v).Format("2006-01-02 15:04:05")
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return safeText(fmt.Sprint(v))
}

// metaColumns are the columns that every Responses row starts with.
func (req *Request) metaColumns() []column {
	return []column{
		{header: "Receipt", width: 13, value: func(r *chorus.Response) any { return text(r.Receipt) }},
		{header: "Response id", width: 38, value: func(r *chorus.Response) any { return text(r.ID) }},
		{header: "Form version", width: 9, value: func(r *chorus.Response) any { return text(r.FormVersion) }},
		{header: "Started", width: 17, value: func(r *chorus.Response) any { return localStamp(r.StartedAt, req.Location) }},
		{header: "Completed", width: 17, value: func(r *chorus.Response) any { return localStamp(r.CompletedAt, req.Location) }},
		{header: "Received", width: 17, value: func(r *chorus.Response) any { return localStamp(&r.ReceivedAt, req.Location) }},
	}
}

// sentByColumn says who sent a response to a volunteers' form: the
// Quality Checker's display name from Request.Volunteers, else the
// internal id ("user:…" for an officer). Nil for public forms, whose
// responses are anonymous.
func (req *Request) sentByColumn() *column {
	for _, f := range req.Versions {
		if f.Audience == form.AudienceVolunteers {
			return &column{header: "Sent by", width: 24, value: func(r *chorus.Response) any {
				if r.SentBy == "" {
					return nil
				}
				return text(req.senderName(r.SentBy))
			}}
		}
	}
	return nil
}

// senderName is the name officers see for a response's SentBy.
func (req *Request) senderName(sentBy string) string {
	if id, ok := strings.CutPrefix(sentBy, "volunteer:"); ok {
		if n, ok := req.Volunteers[id]; ok {
			return n
		}
	}
	return sentBy
}

// reviewColumns are the officers' review of each response: its status
// (new until reviewed) and note.
func reviewColumns() []column {
	return []column{
		{header: "Review status", width: 14, value: func(r *chorus.Response) any { return text(r.StatusOf()) }},
		{header: "Review note", width: 40, value: func(r *chorus.Response) any {
			if r.Review == nil || r.Review.Note == "" {
				return nil
			}
			return text(r.Review.Note)
		}},
	}
}

func timeOf[T day | stamp](v T) time.Time { return time.Time(v) }

package intake

import (
	"bytes"
	"encoding/json"
	"strings"
	"time"

	"chorus/internal/chorus"
)

// loneSurrogate finds the first string in a JSON text that holds an
// escaped surrogate (\ud800 to \udfff) that is not half of a pair. Go's
// decoder would store it as U+FFFD, a changed answer stored as if sent;
// it is refused instead. It returns the field the string is in, as a path
// such as answers.name (for a field's name, the name itself), and the
// escape, or ok false when there is none. It reads the text once, and
// stops at a depth the decoder would refuse anyway.
func loneSurrogate(b []byte) (field, escape string, ok bool) {
	if !bytes.Contains(b, []byte(`\u`)) {
		return "", "", false
	}
	type frame struct {
		object, wantKey bool
		key             string
	}
	var stack []frame
	path := func() string {
		var keys []string
		for _, f := range stack {
			if f.object && f.key != "" {
				keys = append(keys, f.key)
			}
		}
		return strings.Join(keys, ".")
	}
	for i := 0; i < len(b); i++ {
		switch b[i] {
		case '{', '[':
			if len(stack) > 10_000 {
				return "", "", false
			}
			stack = append(stack, frame{object: b[i] == '{', wantKey: b[i] == '{'})
		case '}', ']':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].wantKey = true
			}
		case '"':
			end, bad := scanString(b, i+1)
			raw := b[i:min(end+1, len(b))]
			isKey := len(stack) > 0 && stack[len(stack)-1].object && stack[len(stack)-1].wantKey
			if isKey {
				var key string
				if json.Unmarshal(raw, &key) != nil || len(key) > 64 {
					key = "…"
				}
				stack[len(stack)-1].key, stack[len(stack)-1].wantKey = key, false
			}
			if bad != "" {
				return path(), bad, true
			}
			i = end
		}
	}
	return "", "", false
}

// scanString reads a JSON string from just after its opening quote to its
// closing one, returning that quote's index (or len(b)) and the first
// lone surrogate escape in it ("" for none).
func scanString(b []byte, i int) (int, string) {
	bad := ""
	for i < len(b) {
		switch b[i] {
		case '"':
			return i, bad
		case '\\':
			if i+5 < len(b) && b[i+1] == 'u' {
				v, ok := hex4(b[i+2 : i+6])
				switch {
				case !ok || v < 0xD800 || v > 0xDFFF:
				case v < 0xDC00 && i+11 < len(b) && b[i+6] == '\\' && b[i+7] == 'u':
					if w, ok := hex4(b[i+8 : i+12]); ok && w >= 0xDC00 && w <= 0xDFFF {
						i += 12 // a pair: one character
						continue
					}
					fallthrough
				default:
					if bad == "" {
						bad = string(b[i : i+6])
					}
				}
				i += 6
				continue
			}
			i += 2
		default:
			i++
		}
	}
	return i, bad
}

// hex4 reads four hexadecimal digits.
func hex4(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		switch {
		case '0' <= c && c <= '9':
			v = v<<4 | int(c-'0')
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			v = v<<4 | int(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return v, true
}

// earliestTime is the earliest startedAt or completedAt taken: Chorus
// did not exist before, so an earlier time is a phone's wrong clock or
// made up.
var earliestTime = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// plausibleTimes drops a startedAt or completedAt before 2020 or more
// than a day after now by the server's clock: a phone whose clock is wrong
// must not lose a visit (refused, it could only be deleted, since changing
// the answers does not change the times), and a time that cannot be right
// is not stored. It returns the fields dropped, for the log.
func plausibleTimes(sub *chorus.Submission, now time.Time) []string {
	var dropped []string
	for _, t := range []struct {
		field string
		at    *time.Time
	}{{"startedAt", &sub.StartedAt}, {"completedAt", &sub.CompletedAt}} {
		if t.at.IsZero() || (!t.at.Before(earliestTime) && !t.at.After(now.Add(24*time.Hour))) {
			continue
		}
		*t.at = time.Time{}
		dropped = append(dropped, t.field)
	}
	return dropped
}

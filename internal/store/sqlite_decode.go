package store

import (
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/x/bsonx/bsoncore"

	"chorus/internal/chorus"
)

// eachElement calls fn with each element of a document, in order; false
// when the document is malformed or fn stops.
func eachElement(doc []byte, fn func(e bsoncore.Element) bool) bool {
	if len(doc) < 5 {
		return false
	}
	rest := doc[4 : len(doc)-1]
	for len(rest) > 0 {
		e, more, ok := bsoncore.ReadElement(rest)
		if !ok || !fn(e) {
			return false
		}
		rest = more
	}
	return true
}

// decodeResponse reads a stored response, its answers in the domain's
// types. Responses hold a few field types only, read here directly: an
// export reads every response, and the driver's general decoder spends
// most of that time finding out what it is decoding. A document with
// anything else takes the general decoder.
func decodeResponse(raw []byte) (*chorus.Response, error) {
	if r, ok := decodeResponseFast(raw); ok {
		return r, nil
	}
	r := new(chorus.Response)
	if err := bson.Unmarshal(raw, r); err != nil {
		return nil, err
	}
	normalise(r.Answers)
	return r, nil
}

// decodeResponseFast reads the fields of a chorus.Response as Mongo's
// driver would; ok is false for a document it does not know all of.
func decodeResponseFast(raw bson.Raw) (*chorus.Response, bool) {
	r := new(chorus.Response)
	str := func(v bsoncore.Value, to *string) bool {
		s, ok := v.StringValueOK()
		*to = s
		return ok
	}
	when := func(v bsoncore.Value, to **time.Time) bool {
		ms, ok := v.DateTimeOK()
		t := time.UnixMilli(ms).UTC()
		*to = &t
		return ok
	}
	ok := eachElement(raw, func(e bsoncore.Element) bool {
		v := e.Value()
		switch string(e.KeyBytes()) {
		case "_id":
			return str(v, &r.ID)
		case "formId":
			return str(v, &r.FormID)
		case "formVersion":
			return str(v, &r.FormVersion)
		case "receipt":
			return str(v, &r.Receipt)
		case "fingerprint":
			return str(v, &r.Fingerprint)
		case "sentBy":
			return str(v, &r.SentBy)
		case "language":
			return str(v, &r.Language)
		case "receivedAt":
			var t *time.Time
			ok := when(v, &t)
			r.ReceivedAt = *t
			return ok
		case "startedAt":
			return when(v, &r.StartedAt)
		case "completedAt":
			return when(v, &r.CompletedAt)
		case "erasedAt":
			return when(v, &r.ErasedAt)
		case "answers":
			doc, ok := v.DocumentOK()
			r.Answers = answersOf(doc)
			return ok && r.Answers != nil
		case "review":
			doc, ok := v.DocumentOK()
			r.Review = new(chorus.Review)
			return ok && bson.Unmarshal(doc, r.Review) == nil
		}
		return false
	})
	return r, ok
}

// answersOf reads answers of the types Chorus stores: text, whole and
// decimal numbers, yes or no, lists of choices and grids (statement to
// option); nil for anything else.
func answersOf(doc []byte) map[string]any {
	out := make(map[string]any, 32)
	ok := eachElement(doc, func(e bsoncore.Element) bool {
		v := e.Value()
		var a any
		switch v.Type {
		case bsoncore.TypeString:
			a, _ = v.StringValueOK()
		case bsoncore.TypeInt64:
			a, _ = v.Int64OK()
		case bsoncore.TypeInt32:
			n, _ := v.Int32OK()
			a = int64(n)
		case bsoncore.TypeDouble:
			a, _ = v.DoubleOK()
		case bsoncore.TypeBoolean:
			a, _ = v.BooleanOK()
		case bsoncore.TypeArray:
			arr, _ := v.ArrayOK()
			list := []string{}
			if !eachElement(arr, func(it bsoncore.Element) bool {
				if s, ok := it.Value().StringValueOK(); ok {
					list = append(list, s)
				}
				return true
			}) {
				return false
			}
			a = list
		case bsoncore.TypeEmbeddedDocument:
			sub, _ := v.DocumentOK()
			grid := map[string]string{}
			if !eachElement(sub, func(it bsoncore.Element) bool {
				s, ok := it.Value().StringValueOK()
				grid[it.Key()] = s
				return ok
			}) && len(sub) > 5 {
				return false
			}
			a = grid
		default:
			return false
		}
		out[e.Key()] = a
		return true
	})
	if !ok {
		return nil
	}
	return out
}

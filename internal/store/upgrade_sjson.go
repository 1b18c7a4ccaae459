package store

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/x/bsonx/bsoncore"
)

// The old embedded database, FerretDB v1.24 with its SQLite backend, kept
// each document as one JSON text in its own "SJSON" format
// (internal/handler/sjson): the values as plain JSON, and under "$s" a
// schema giving each field's BSON type ("t") and the order of the keys
// ("$k"), which JSON objects do not keep.
//
//	{"$s":{"p":{"_id":{"t":"string"},"n":{"t":"long"}},"$k":["_id","n"]},"_id":"a","n":1}
//
// Every value is written by encoding/json: a double as a JSON number (3.0
// as 3; NaN and the infinities cannot be written, and FerretDB stored -0 as
// 0), int, long and timestamp (uint64, seconds<<32|increment) as integers,
// date as milliseconds since the epoch, binData as base64 with its subtype
// in the schema ("s"), objectId as 24 hex digits, regex as its pattern with
// its options in the schema ("o"), null as JSON null, an object as a JSON
// object with its own schema ("$s") and an array as a JSON array with one
// schema per item ("i"). A JSON null is a BSON null whatever the schema.

// sjsonSchema is the schema of a document: its fields' types and the order
// of its keys.
type sjsonSchema struct {
	Properties map[string]*sjsonElem `json:"p"`
	Keys       []string              `json:"$k"`
}

// sjsonElem is the schema of one value.
type sjsonElem struct {
	Type    string       `json:"t"`
	Schema  *sjsonSchema `json:"$s"` // object
	Options *string      `json:"o"`  // regex
	Items   []*sjsonElem `json:"i"`  // array
	Subtype *byte        `json:"s"`  // binData
}

// sjsonToBSON turns one document stored by FerretDB into the BSON document
// it stood for, with its keys in their order and every value of its type.
func sjsonToBSON(data []byte) (bson.Raw, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		return nil, fmt.Errorf("reading a stored document: %w", err)
	}
	rawSchema, ok := fields["$s"]
	if !ok {
		return nil, fmt.Errorf("a stored document has no schema ($s)")
	}
	delete(fields, "$s")
	var sch sjsonSchema
	if err := json.Unmarshal(rawSchema, &sch); err != nil {
		return nil, fmt.Errorf("reading a stored document's schema: %w", err)
	}
	idx, doc := bsoncore.AppendDocumentStart(nil)
	doc, err := appendSJSONFields(doc, fields, &sch)
	if err != nil {
		return nil, err
	}
	doc, err = bsoncore.AppendDocumentEnd(doc, idx)
	return bson.Raw(doc), err
}

// appendSJSONFields appends a document's fields as BSON elements, in the
// schema's key order.
func appendSJSONFields(dst []byte, fields map[string]json.RawMessage, sch *sjsonSchema) ([]byte, error) {
	if len(fields) == 0 {
		return dst, nil
	}
	if sch == nil {
		return nil, fmt.Errorf("a document of %d fields has no schema", len(fields))
	}
	if len(sch.Keys) != len(fields) {
		return nil, fmt.Errorf("a document has %d fields and its schema %d keys", len(fields), len(sch.Keys))
	}
	var err error
	for _, key := range sch.Keys {
		value, ok := fields[key]
		if !ok {
			return nil, fmt.Errorf("the field %q of the schema is missing", key)
		}
		if dst, err = appendSJSONValue(dst, key, value, sch.Properties[key]); err != nil {
			return nil, err
		}
	}
	return dst, nil
}

// appendSJSONValue appends one value, of the type its schema gives, as the
// BSON element key.
func appendSJSONValue(dst []byte, key string, data json.RawMessage, el *sjsonElem) ([]byte, error) {
	if strings.IndexByte(key, 0) >= 0 {
		return nil, fmt.Errorf("the field name %q holds a zero byte", key)
	}
	if string(data) == "null" {
		return bsoncore.AppendNullElement(dst, key), nil
	}
	if el == nil {
		return nil, fmt.Errorf("the field %q has no type in the schema", key)
	}
	fail := func(err error) ([]byte, error) {
		return nil, fmt.Errorf("the field %q (%s) %s: %w", key, el.Type, data, err)
	}
	switch el.Type {
	case "object":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(data, &fields); err != nil {
			return fail(err)
		}
		idx, out := bsoncore.AppendDocumentElementStart(dst, key)
		out, err := appendSJSONFields(out, fields, el.Schema)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendDocumentEnd(out, idx)
	case "array":
		var items []json.RawMessage
		if err := json.Unmarshal(data, &items); err != nil {
			return fail(err)
		}
		if len(items) != len(el.Items) {
			return fail(fmt.Errorf("%d items and %d in the schema", len(items), len(el.Items)))
		}
		idx, out := bsoncore.AppendArrayElementStart(dst, key)
		var err error
		for i, item := range items {
			if out, err = appendSJSONValue(out, strconv.Itoa(i), item, el.Items[i]); err != nil {
				return fail(err)
			}
		}
		return bsoncore.AppendArrayEnd(out, idx)
	case "double":
		f, err := sjsonDouble(data)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendDoubleElement(dst, key, f), nil
	case "string":
		var s string
		if err := json.Unmarshal(data, &s); err != nil {
			return fail(err)
		}
		return bsoncore.AppendStringElement(dst, key, s), nil
	case "bool":
		var b bool
		if err := json.Unmarshal(data, &b); err != nil {
			return fail(err)
		}
		return bsoncore.AppendBooleanElement(dst, key, b), nil
	case "int":
		i, err := strconv.ParseInt(string(data), 10, 32)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendInt32Element(dst, key, int32(i)), nil
	case "long":
		i, err := strconv.ParseInt(string(data), 10, 64)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendInt64Element(dst, key, i), nil
	case "date":
		ms, err := strconv.ParseInt(string(data), 10, 64)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendDateTimeElement(dst, key, ms), nil
	case "timestamp":
		ts, err := strconv.ParseUint(string(data), 10, 64)
		if err != nil {
			return fail(err)
		}
		return bsoncore.AppendTimestampElement(dst, key, uint32(ts>>32), uint32(ts)), nil
	case "binData":
		var b []byte // base64, as encoding/json writes a []byte
		if err := json.Unmarshal(data, &b); err != nil {
			return fail(err)
		}
		if el.Subtype == nil {
			return fail(fmt.Errorf("no subtype in the schema"))
		}
		return bsoncore.AppendBinaryElement(dst, key, *el.Subtype, b), nil
	case "objectId":
		var h string
		if err := json.Unmarshal(data, &h); err != nil {
			return fail(err)
		}
		b, err := hex.DecodeString(h)
		if err != nil || len(b) != 12 {
			return fail(fmt.Errorf("not 12 bytes in hex"))
		}
		return bsoncore.AppendObjectIDElement(dst, key, bson.ObjectID(b)), nil
	case "regex":
		var pattern string
		if err := json.Unmarshal(data, &pattern); err != nil {
			return fail(err)
		}
		if el.Options == nil {
			return fail(fmt.Errorf("no options in the schema"))
		}
		return bsoncore.AppendRegexElement(dst, key, pattern, *el.Options), nil
	case "null":
		return fail(fmt.Errorf("a null that is not JSON null"))
	}
	return fail(fmt.Errorf("unknown type"))
}

// sjsonDouble reads a double: a JSON number, or, which FerretDB v1.24
// could not write but costs nothing to read, "NaN", "Infinity" or
// "-Infinity" as a JSON string.
func sjsonDouble(data []byte) (float64, error) {
	switch string(data) {
	case `"NaN"`:
		return math.NaN(), nil
	case `"Infinity"`:
		return math.Inf(1), nil
	case `"-Infinity"`:
		return math.Inf(-1), nil
	}
	var f float64
	err := json.Unmarshal(data, &f)
	return f, err
}

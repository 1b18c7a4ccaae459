package intake

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"chorus/internal/chorus"
)

// Limits on what a client may send.
const (
	// MaxResponseBytes fits the largest sensible response: a hundred long
	// answers at their default length limit, with room for UTF-8.
	MaxResponseBytes = 1 << 20
	// MaxBatch is how many responses one sync request may carry.
	MaxBatch = 500
	// MaxBatchBytes bounds a whole sync request.
	MaxBatchBytes = 16 << 20
	// MaxAnswers bounds the answers in one response.
	MaxAnswers = 500
)

// ErrResponseTooLarge refuses a response over MaxResponseBytes.
var ErrResponseTooLarge = chorus.Errorf(chorus.ETOOLARGE, "A response can be at most %d KiB. Shorten the longest answers and send it again.", MaxResponseBytes>>10)

// envelope is a response body as it travels, before its answers are checked.
type envelope struct {
	ID          string         `json:"id" validate:"required,uuid"`
	FormID      string         `json:"formId" validate:"omitempty,max=64"`
	FormVersion string         `json:"formVersion" validate:"required,max=32"`
	Answers     map[string]any `json:"answers" validate:"required,max=500"`
	StartedAt   *time.Time     `json:"startedAt"`
	CompletedAt *time.Time     `json:"completedAt"`
	// Language is the code of the language the form was filled in.
	Language string `json:"language" validate:"max=35"`
	// Website is a field the web app hides from people: only a bot fills
	// it in, and what it sends is thrown away.
	Website string `json:"website" validate:"max=500"`
}

var validate = validator.New(validator.WithRequiredStructEnabled())

// DecodeSubmission reads one response body. formID is the form named by
// the address; it is empty in a sync batch, where each item names its own.
func DecodeSubmission(body []byte, formID string) (chorus.Submission, error) {
	var env envelope
	if err := decodeStrict(body, &env); err != nil {
		return chorus.Submission{}, err
	}
	if err := validate.Struct(&env); err != nil {
		return chorus.Submission{ID: env.ID}, envelopeError(err)
	}
	if field, escape, ok := loneSurrogate(body); ok {
		return chorus.Submission{ID: env.ID}, chorus.Errorf(chorus.EMALFORMED,
			"The field %q holds %s, half of a character (a lone surrogate), which is not text: send it as UTF-8.", field, escape)
	}
	for key := range env.Answers {
		if key == "" || len(key) > 64 {
			return chorus.Submission{ID: env.ID}, chorus.Errorf(chorus.EMALFORMED, "Each answer must be keyed by a question id of 1 to 64 characters.")
		}
	}
	switch {
	case formID == "" && env.FormID == "":
		return chorus.Submission{ID: env.ID}, chorus.Errorf(chorus.EMALFORMED, "Each response in a sync batch needs a formId.")
	case formID != "" && env.FormID != "" && env.FormID != formID:
		return chorus.Submission{ID: env.ID}, chorus.Errorf(chorus.EMALFORMED, "The body names the form %q but was sent to the form %q.", env.FormID, formID)
	case formID == "":
		formID = env.FormID
	}
	sub := chorus.Submission{
		ID:          strings.ToLower(env.ID),
		FormID:      formID,
		FormVersion: env.FormVersion,
		Answers:     env.Answers,
		Language:    env.Language,
		Honeypot:    strings.TrimSpace(env.Website) != "",
	}
	if env.StartedAt != nil {
		sub.StartedAt = env.StartedAt.UTC()
	}
	if env.CompletedAt != nil {
		sub.CompletedAt = env.CompletedAt.UTC()
	}
	return sub, nil
}

// DecodeBatch reads a sync request into its items, each still to decode, so
// that one malformed item does not stop the others.
func DecodeBatch(body []byte) ([]json.RawMessage, error) {
	var batch struct {
		Responses []json.RawMessage `json:"responses"`
	}
	if err := decodeStrict(body, &batch); err != nil {
		return nil, err
	}
	if batch.Responses == nil {
		return nil, chorus.Errorf(chorus.EMALFORMED, `A sync request needs a "responses" list.`)
	}
	if len(batch.Responses) > MaxBatch {
		return nil, chorus.Errorf(chorus.ETOOLARGE, "A sync request carries at most %d responses; this one has %d. Send the rest in another request.", MaxBatch, len(batch.Responses))
	}
	return batch.Responses, nil
}

// decodeStrict decodes one JSON value into v, keeping numbers exact and
// refusing unknown fields and trailing data.
func decodeStrict(body []byte, v any) error {
	// Go's decoder would quietly turn broken UTF-8 into U+FFFD: a changed
	// answer, stored as if sent. Refuse it instead.
	if !utf8.Valid(body) {
		return chorus.Errorf(chorus.EMALFORMED, "The request body is not valid UTF-8 text.")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return chorus.Errorf(chorus.EMALFORMED, "The request body holds more than one JSON value.")
	}
	return nil
}

func jsonError(err error) error {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
		tim *time.ParseError
	)
	switch {
	case errors.Is(err, io.EOF):
		return chorus.Errorf(chorus.EMALFORMED, "The request body is empty: send the response as JSON.")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return chorus.Errorf(chorus.EMALFORMED, "The request body is not valid JSON: it ends too soon.")
	case errors.As(err, &syn):
		return chorus.Errorf(chorus.EMALFORMED, "The request body is not valid JSON (near byte %d).", syn.Offset)
	case errors.As(err, &typ):
		return chorus.Errorf(chorus.EMALFORMED, "The field %q must be %s, not %s.", typ.Field, jsonKind(typ.Type.String()), typ.Value)
	case errors.As(err, &tim):
		return chorus.Errorf(chorus.EMALFORMED, "Times must be written like 2026-03-31T14:05:00Z.")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return chorus.Errorf(chorus.EMALFORMED, "The request has a field this server does not know: %s.", strings.TrimPrefix(err.Error(), "json: unknown field "))
	}
	return chorus.Errorf(chorus.EMALFORMED, "The request body could not be read: %v.", err)
}

func jsonKind(goType string) string {
	switch {
	case strings.HasPrefix(goType, "map"), strings.HasPrefix(goType, "struct"), strings.HasPrefix(goType, "intake."):
		return "an object"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	case goType == "string":
		return "text"
	case strings.Contains(goType, "time.Time"):
		return "a time such as 2026-03-31T14:05:00Z"
	}
	return goType
}

func envelopeError(err error) error {
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) || len(verrs) == 0 {
		return chorus.Errorf(chorus.EMALFORMED, "The response could not be read.")
	}
	fe := verrs[0]
	field := map[string]string{"ID": "id", "FormID": "formId", "FormVersion": "formVersion", "Answers": "answers", "Language": "language"}[fe.Field()]
	switch fe.Tag() {
	case "required":
		return chorus.Errorf(chorus.EMALFORMED, "The field %q is missing.", field)
	case "uuid":
		return chorus.Errorf(chorus.EMALFORMED, "The field \"id\" must be a UUID made by the app when the response was started, such as 3f2b8c1e-5d4a-4c3b-9e7f-1a2b3c4d5e6f.")
	case "max":
		if field == "answers" {
			return chorus.Errorf(chorus.ETOOLARGE, "A response can hold at most %d answers.", MaxAnswers)
		}
		return chorus.Errorf(chorus.EMALFORMED, "The field %q is too long (at most %s characters).", field, fe.Param())
	}
	return chorus.Errorf(chorus.EMALFORMED, "The field %q is not valid.", field)
}

// itemID recovers the id of a batch item that could not be decoded, so that
// the app can tell which of its queued responses the answer is about.
func itemID(raw []byte) string {
	var v struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &v) != nil || len(v.ID) > 64 {
		return ""
	}
	return strings.ToLower(v.ID)
}

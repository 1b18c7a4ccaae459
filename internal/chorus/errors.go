// Package chorus holds the domain types and error codes shared by every part
// of Chorus. It does no I/O and imports no adapter.
package chorus

import (
	"errors"
	"fmt"
	"time"
)

// Error codes. The HTTP layer maps each to one status; other adapters (the
// command line) print the message.
const (
	EMALFORMED    = "malformed"    // the request cannot be read (bad JSON, wrong envelope types)
	EINVALID      = "invalid"      // the answers break the form's rules
	ENOTFOUND     = "not_found"    // no such form, version or record
	ECONFLICT     = "conflict"     // the same id was already used for different content
	ECLOSED       = "closed"       // the form does not accept responses now
	ETOOLARGE     = "too_large"    // the body or batch is bigger than allowed
	EUNAVAILABLE  = "unavailable"  // the store cannot be reached; try again later
	EBUSY         = "busy"         // the server is at capacity for this kind of work; try again later
	EUNAUTHORIZED = "unauthorized" // no valid sign-in: sign in (again)
	EFORBIDDEN    = "forbidden"    // signed in, but this role may not do that
	ETOOMANY      = "too_many"     // too many requests or attempts; wait RetryAfter
	EINTERNAL     = "internal"     // a bug or an unexpected failure
)

// Error is a domain error: a code for programs and a message for people.
// Problems lists per-question problems when Code is EINVALID.
type Error struct {
	Code     string
	Message  string
	Problems []Problem
	Err      error // the cause, kept for logs; never shown to clients
	// RetryAfter says when to try again, for ETOOMANY.
	RetryAfter time.Duration
}

// Problem is one broken rule, tied to the question it concerns, and for
// an uploaded spreadsheet to the cell it is in.
type Problem struct {
	Question string `json:"question"`
	Message  string `json:"message"`
	Sheet    string `json:"sheet,omitempty"`
	Row      int    `json:"row,omitempty"`
	Column   string `json:"column,omitempty"`
}

// Error implements the error interface.
func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL when err is not an *Error,
// and "" when err is nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the human message of err, or a generic one for
// internal errors so that no detail of a fault leaks to clients.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Something went wrong on our side. Your answers have not been lost: please try again in a few minutes."
}

// ErrorProblems returns the per-question problems carried by err, if any.
func ErrorProblems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// ErrorRetryAfter returns how long err asks the client to wait, if it says.
func ErrorRetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	return 0
}

package web

import (
	"errors"
	"log/slog"
	"math"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"chorus/internal/chorus"
)

// problem is an error body as RFC 9457 defines it, with the per-question
// problems of a rejected response in Errors.
type problem struct {
	Type   string           `json:"type"`
	Title  string           `json:"title"`
	Status int              `json:"status"`
	Detail string           `json:"detail"`
	Errors []chorus.Problem `json:"errors,omitempty"`
}

// statusOf maps each domain error code to one HTTP status.
var statusOf = map[string]int{
	chorus.EMALFORMED:    http.StatusBadRequest,
	chorus.EINVALID:      http.StatusUnprocessableEntity,
	chorus.ENOTFOUND:     http.StatusNotFound,
	chorus.ECONFLICT:     http.StatusConflict,
	chorus.ECLOSED:       http.StatusForbidden,
	chorus.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	chorus.EUNAVAILABLE:  http.StatusServiceUnavailable,
	chorus.EBUSY:         http.StatusServiceUnavailable,
	chorus.EUNAUTHORIZED: http.StatusUnauthorized,
	chorus.EFORBIDDEN:    http.StatusForbidden,
	chorus.ETOOMANY:      http.StatusTooManyRequests,
	chorus.EINTERNAL:     http.StatusInternalServerError,
}

// Status returns the HTTP status for a domain error, 200 for nil.
func Status(err error) int {
	if err == nil {
		return http.StatusOK
	}
	return statusOf[chorus.ErrorCode(err)]
}

// What a client is told to wait when the store is down, and when the server
// is busy with as many exports as it makes at once.
const (
	retryAfterSeconds     = "5"
	busyRetryAfterSeconds = "30"
)

// errorHandler is the one place where errors become HTTP responses. It logs
// internal errors only, never request bodies.
func errorHandler(logger *slog.Logger) fiber.ErrorHandler {
	return func(c *fiber.Ctx, err error) error {
		p := toProblem(err)
		switch {
		case chorus.ErrorRetryAfter(err) > 0:
			c.Set(fiber.HeaderRetryAfter, strconv.Itoa(int(math.Ceil(chorus.ErrorRetryAfter(err).Seconds()))))
		case chorus.ErrorCode(err) == chorus.EBUSY:
			c.Set(fiber.HeaderRetryAfter, busyRetryAfterSeconds)
		case p.Status == http.StatusServiceUnavailable:
			c.Set(fiber.HeaderRetryAfter, retryAfterSeconds)
			logger.Warn("store unavailable", "method", c.Method(), "path", c.Path(), "err", err)
		case p.Status >= 500 && isFiberError(err):
			// The client's connection failed while its request was read
			// (reset, or closed at shutdown): nothing of ours went wrong.
			logger.Debug("connection failed", "err", err)
		case p.Status >= 500:
			logger.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		}
		return c.Status(p.Status).JSON(p, "application/problem+json")
	}
}

// isFiberError tells whether err was raised by the HTTP server itself
// rather than by our code.
func isFiberError(err error) bool {
	var fe *fiber.Error
	return errors.As(err, &fe)
}

func toProblem(err error) problem {
	var fe *fiber.Error
	if errors.As(err, &fe) {
		return problem{Type: "about:blank", Title: http.StatusText(fe.Code), Status: fe.Code, Detail: fiberDetail(fe)}
	}
	code := chorus.ErrorCode(err)
	status := statusOf[code]
	return problem{
		Type:   "urn:chorus:problem:" + code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: chorus.ErrorMessage(err),
		Errors: chorus.ErrorProblems(err),
	}
}

// fiberDetail words the errors Fiber raises itself for people.
func fiberDetail(fe *fiber.Error) string {
	switch fe.Code {
	case http.StatusNotFound:
		return "There is nothing at this address."
	case http.StatusMethodNotAllowed:
		return "This address does not accept that method."
	case http.StatusRequestEntityTooLarge:
		return "The request is too large. Send fewer responses at once."
	case http.StatusRequestHeaderFieldsTooLarge:
		return "The request headers are too large."
	case http.StatusRequestTimeout:
		return "The request took too long to arrive. Try again."
	}
	return fe.Message
}

package store

import (
	"errors"
	"fmt"
	"testing"

	"go.mongodb.org/mongo-driver/v2/mongo"
)

// The errors a database gives while it stops must read as "try again", and
// errors that would come back the same way every time must not.
func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"embedded store stopping mid-command",
			mongo.CommandError{Code: 1, Name: "InternalError", Message: "[msg_insert.go:168 handler.(*Handler).MsgInsert] [db.go:134 fsql.(*DB).InTransaction] context canceled"}, true},
		{"embedded store closed", mongo.CommandError{Code: 1, Name: "InternalError", Message: "sql: database is closed"}, true},
		{"MongoDB shutting down", mongo.CommandError{Code: 11600, Name: "InterruptedAtShutdown"}, true},
		{"MongoDB stepping down", mongo.CommandError{Code: 10107, Name: "NotWritablePrimary"}, true},
		{"retryable label", mongo.CommandError{Code: 999, Labels: []string{"RetryableWriteError"}}, true},
		{"wrapped", fmt.Errorf("insert: %w", mongo.CommandError{Code: 91, Name: "ShutdownInProgress"}), true},
		{"client disconnected", mongo.ErrClientDisconnected, true},
		{"other internal error", mongo.CommandError{Code: 1, Name: "InternalError", Message: "unexpected type"}, false},
		{"duplicate key", mongo.WriteException{WriteErrors: []mongo.WriteError{{Code: 11000, Message: "E11000 duplicate key"}}}, false},
		{"bad value", mongo.CommandError{Code: 2, Name: "BadValue"}, false},
		{"plain", errors.New("boom"), false},
	} {
		if got := unavailable(c.err); got != c.want {
			t.Errorf("%s: unavailable = %v, want %v", c.name, got, c.want)
		}
	}
}

package client

import (
	"errors"
	"strings"
)

// ErrNil is returned by typed helpers when the server answers nil (missing key, timeout of a
// blocking command). Do returns a Value of KindNil instead.
var ErrNil = errors.New("diskdb: nil")

// RedisError is an error reply from the server, e.g. "WRONGTYPE Operation against a key ...".
type RedisError struct {
	Message string
}

func (e *RedisError) Error() string { return e.Message }

// Prefix is the error code: the first word of the message ("ERR", "WRONGTYPE", "NOAUTH", ...).
func (e *RedisError) Prefix() string {
	if i := strings.IndexByte(e.Message, ' '); i >= 0 {
		return e.Message[:i]
	}
	return e.Message
}

// IsWrongType reports whether err is a WRONGTYPE reply.
func IsWrongType(err error) bool { return hasPrefix(err, "WRONGTYPE") }

// IsAuthError reports whether err is a NOAUTH or WRONGPASS reply.
func IsAuthError(err error) bool { return hasPrefix(err, "NOAUTH") || hasPrefix(err, "WRONGPASS") }

func hasPrefix(err error, prefix string) bool {
	var re *RedisError
	return errors.As(err, &re) && re.Prefix() == prefix
}

func (v Value) asError() error {
	if v.Kind == KindError {
		return &RedisError{Message: string(v.Str)}
	}
	return nil
}

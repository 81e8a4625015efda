package client

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
)

// Kind is the RESP type of a reply.
type Kind int

// Reply kinds: RESP2's five plus RESP3's additions.
const (
	KindNil Kind = iota
	KindSimple
	KindError
	KindInt
	KindBulk
	KindArray
	KindDouble
	KindBool
	KindBigNumber
	KindVerbatim
	KindMap
	KindSet
	KindPush
)

// Value is one decoded reply. Str holds simple/bulk/verbatim strings, error text and big
// numbers; Int integers; Float doubles; Bool booleans; Elems the elements of arrays, sets and
// pushes, and the keys and values of maps alternately (k1, v1, k2, v2, ...).
type Value struct {
	Kind  Kind
	Str   []byte
	Int   int64
	Float float64
	Bool  bool
	Elems []Value
}

// IsNil reports whether the reply is a null (RESP2 nil bulk/array or RESP3 null).
func (v Value) IsNil() bool { return v.Kind == KindNil }

// String returns the text of string-like replies and a decimal rendering of numbers.
func (v Value) String() string {
	switch v.Kind {
	case KindInt:
		return strconv.FormatInt(v.Int, 10)
	case KindDouble:
		return strconv.FormatFloat(v.Float, 'g', -1, 64)
	case KindBool:
		return strconv.FormatBool(v.Bool)
	case KindNil:
		return ""
	case KindArray, KindSet, KindPush, KindMap:
		return fmt.Sprint(v.Strings())
	}
	return string(v.Str)
}

// Strings returns the elements of an aggregate as strings (nil elements become "").
func (v Value) Strings() []string {
	out := make([]string, len(v.Elems))
	for i, e := range v.Elems {
		out[i] = e.String()
	}
	return out
}

// Int64 converts integer, numeric string and double replies.
func (v Value) Int64() (int64, error) {
	switch v.Kind {
	case KindInt:
		return v.Int, nil
	case KindNil:
		return 0, ErrNil
	case KindDouble:
		return int64(v.Float), nil
	}
	return strconv.ParseInt(string(v.Str), 10, 64)
}

// Float64 converts double, integer and numeric string replies ("inf" included).
func (v Value) Float64() (float64, error) {
	switch v.Kind {
	case KindDouble:
		return v.Float, nil
	case KindInt:
		return float64(v.Int), nil
	case KindNil:
		return 0, ErrNil
	}
	return parseFloat(string(v.Str))
}

// Pairs returns the key/value pairs of a RESP3 map or of a RESP2 flat array, alternately.
func (v Value) Pairs() []Value { return v.Elems }

func parseFloat(s string) (float64, error) {
	switch s {
	case "inf", "+inf":
		return math.Inf(1), nil
	case "-inf":
		return math.Inf(-1), nil
	}
	return strconv.ParseFloat(s, 64)
}

var errProtocol = errors.New("diskdb: protocol error")

// readValue decodes one reply. Error replies come back as a Value of KindError.
func readValue(r *bufio.Reader) (Value, error) {
	line, err := readLine(r)
	if err != nil {
		return Value{}, err
	}
	if len(line) == 0 {
		return Value{}, errProtocol
	}
	rest := string(line[1:])
	switch line[0] {
	case '+':
		return Value{Kind: KindSimple, Str: line[1:]}, nil
	case '-':
		return Value{Kind: KindError, Str: line[1:]}, nil
	case ':':
		n, err := strconv.ParseInt(rest, 10, 64)
		return Value{Kind: KindInt, Int: n}, err
	case '$', '=', '!':
		n, err := strconv.Atoi(rest)
		if err != nil {
			return Value{}, err
		}
		if n < 0 {
			return Value{Kind: KindNil}, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return Value{}, err
		}
		switch line[0] {
		case '=': // verbatim: drop the "txt:" format prefix
			if n < 4 {
				return Value{}, errProtocol
			}
			return Value{Kind: KindVerbatim, Str: buf[4:n]}, nil
		case '!':
			return Value{Kind: KindError, Str: buf[:n]}, nil
		}
		return Value{Kind: KindBulk, Str: buf[:n]}, nil
	case '*', '~', '>', '%', '|':
		n, err := strconv.Atoi(rest)
		if err != nil {
			return Value{}, err
		}
		if n < 0 {
			return Value{Kind: KindNil}, nil
		}
		count := n
		if line[0] == '%' || line[0] == '|' {
			count = 2 * n
		}
		elems := make([]Value, count)
		for i := range elems {
			if elems[i], err = readValue(r); err != nil {
				return Value{}, err
			}
		}
		switch line[0] {
		case '~':
			return Value{Kind: KindSet, Elems: elems}, nil
		case '>':
			return Value{Kind: KindPush, Elems: elems}, nil
		case '%':
			return Value{Kind: KindMap, Elems: elems}, nil
		case '|': // attributes describe the reply that follows; skip them
			return readValue(r)
		}
		return Value{Kind: KindArray, Elems: elems}, nil
	case '_':
		return Value{Kind: KindNil}, nil
	case ',':
		f, err := parseFloat(rest)
		return Value{Kind: KindDouble, Float: f}, err
	case '#':
		return Value{Kind: KindBool, Bool: rest == "t"}, nil
	case '(':
		return Value{Kind: KindBigNumber, Str: line[1:]}, nil
	}
	return Value{}, fmt.Errorf("%w: unexpected reply type %q", errProtocol, line[0])
}

func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull { // a very long line: collect it in pieces
		whole := append([]byte(nil), line...)
		for err == bufio.ErrBufferFull {
			line, err = r.ReadSlice('\n')
			whole = append(whole, line...)
		}
		line = whole
	}
	if err != nil {
		return nil, err
	}
	if len(line) < 2 || line[len(line)-2] != '\r' {
		return nil, errProtocol
	}
	return append([]byte(nil), line[:len(line)-2]...), nil
}

// appendCommand encodes args as a RESP array of bulk strings.
func appendCommand(buf []byte, args []interface{}) ([]byte, error) {
	buf = append(buf, '*')
	buf = strconv.AppendInt(buf, int64(len(args)), 10)
	buf = append(buf, '\r', '\n')
	for _, arg := range args {
		var s []byte
		switch a := arg.(type) {
		case string:
			s = []byte(a)
		case []byte:
			s = a
		case int:
			s = strconv.AppendInt(nil, int64(a), 10)
		case int64:
			s = strconv.AppendInt(nil, a, 10)
		case int32:
			s = strconv.AppendInt(nil, int64(a), 10)
		case uint:
			s = strconv.AppendUint(nil, uint64(a), 10)
		case uint64:
			s = strconv.AppendUint(nil, a, 10)
		case float64:
			s = formatFloat(a)
		case float32:
			s = formatFloat(float64(a))
		case fmt.Stringer:
			s = []byte(a.String())
		default:
			// bool and others are refused: sending true as "1" or "true" silently is a trap
			return nil, fmt.Errorf("diskdb: cannot send argument of type %T", arg)
		}
		buf = append(buf, '$')
		buf = strconv.AppendInt(buf, int64(len(s)), 10)
		buf = append(buf, '\r', '\n')
		buf = append(buf, s...)
		buf = append(buf, '\r', '\n')
	}
	return buf, nil
}

func formatFloat(f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return []byte("+inf")
	case math.IsInf(f, -1):
		return []byte("-inf")
	}
	return strconv.AppendFloat(nil, f, 'g', -1, 64)
}

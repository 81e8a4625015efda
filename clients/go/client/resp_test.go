package client

import (
	"bufio"
	"math"
	"strings"
	"testing"
)

func TestEncodeCommand(t *testing.T) {
	buf, err := appendCommand(nil, []interface{}{"SET", []byte("k"), 12, 1.5})
	check(t, err)
	equal(t, "encoding", string(buf), "*4\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\n12\r\n$3\r\n1.5\r\n")
	if _, err := appendCommand(nil, []interface{}{true}); err == nil {
		t.Fatal("bool arguments must be refused")
	}
}

func TestDecodeReplies(t *testing.T) {
	r := bufio.NewReader(strings.NewReader("+OK\r\n-ERR bad\r\n:42\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n" +
		"_\r\n,inf\r\n#t\r\n%1\r\n+k\r\n:2\r\n~1\r\n+m\r\n=8\r\ntxt:abcd\r\n|1\r\n+a\r\n+b\r\n:7\r\n(12345678901234567890\r\n"))
	next := func() Value {
		v, err := readValue(r)
		check(t, err)
		return v
	}
	equal(t, "simple", next().String(), "OK")
	var re *RedisError
	if err := next().asError(); err == nil || err.Error() != "ERR bad" {
		t.Fatalf("error reply: %v", err)
	} else if re = err.(*RedisError); re.Prefix() != "ERR" {
		t.Fatalf("prefix %q", re.Prefix())
	}
	equal(t, "int", next().Int, int64(42))
	equal(t, "nil", next().IsNil(), true)
	arr := next()
	equal(t, "array", arr.Kind, KindArray)
	equal(t, "array[0]", arr.Elems[0].String(), "a")
	equal(t, "resp3 null", next().IsNil(), true)
	equal(t, "double", math.IsInf(next().Float, 1), true)
	equal(t, "bool", next().Bool, true)
	m := next()
	equal(t, "map", m.Kind, KindMap)
	equal(t, "map key", m.Elems[0].String(), "k")
	equal(t, "set", next().Kind, KindSet)
	equal(t, "verbatim", next().String(), "abcd")
	equal(t, "attributed", next().Int, int64(7))
	equal(t, "big number", next().String(), "12345678901234567890")
}

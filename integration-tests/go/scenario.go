// The interoperability scenario (../SCENARIO.md) through redigo, the Go client Debian packages
// (golang-github-gomodule-redigo-dev). Built in GOPATH mode against /usr/share/gocode, no network:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode DISKDB_PORT=6380 go run scenario.go
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/gomodule/redigo/redis"
)

type scenario struct {
	addr, password, prefix  string
	passed, failed, skipped int
	keys                    map[string]bool
	c                       redis.Conn
}

func (s *scenario) connect() redis.Conn {
	c, err := redis.Dial("tcp", s.addr, redis.DialPassword(s.password),
		redis.DialReadTimeout(10*time.Second), redis.DialWriteTimeout(10*time.Second))
	if err != nil {
		fmt.Printf("cannot connect to %s: %v\n", s.addr, err)
		os.Exit(2)
	}
	return c
}

func (s *scenario) key(name string) string {
	k := s.prefix + name
	s.keys[k] = true
	return k
}

// check compares got with want; an error from the reply helper counts as a failure.
func (s *scenario) check(part, what string, got interface{}, err error, want interface{}) {
	if err == nil && reflect.DeepEqual(got, want) {
		s.passed++
		fmt.Printf("PASS %s: %s\n", part, what)
		return
	}
	s.failed++
	if err != nil {
		fmt.Printf("FAIL %s: %s: error %v\n", part, what, err)
	} else {
		fmt.Printf("FAIL %s: %s: got %#v, want %#v\n", part, what, got, want)
	}
}

func (s *scenario) part(name string, commands []string, body func(part string)) {
	args := []interface{}{"INFO"}
	for _, c := range commands {
		args = append(args, c)
	}
	infos, err := redis.Values(s.c.Do("COMMAND", args...))
	if err != nil {
		s.failed++
		fmt.Printf("FAIL %s: COMMAND INFO: %v\n", name, err)
		return
	}
	var missing []string
	for i, info := range infos {
		if info == nil {
			missing = append(missing, strings.ToUpper(commands[i]))
		}
	}
	if len(missing) > 0 {
		s.skipped++
		fmt.Printf("SKIP %s: server lacks %s\n", name, strings.Join(missing, ", "))
		return
	}
	body(name)
}

func (s *scenario) strings(part string) {
	c, k, gone := s.c, s.key("greeting"), s.key("short")
	v, err := redis.String(c.Do("SET", k, "hello", "EX", 100))
	s.check(part, "SET EX", v, err, "OK")
	v, err = redis.String(c.Do("GET", k))
	s.check(part, "GET", v, err, "hello")
	ttl, err := redis.Int(c.Do("TTL", k))
	s.check(part, "TTL within 1..100", ttl > 0 && ttl <= 100, err, true)
	r, err := c.Do("SET", k, "other", "NX")
	s.check(part, "SET NX on an existing key", r, err, nil)
	v, err = redis.String(c.Do("SET", gone, "brief", "PX", 200))
	s.check(part, "SET PX", v, err, "OK")
	time.Sleep(400 * time.Millisecond)
	r, err = c.Do("GET", gone)
	s.check(part, "key gone after its PX", r, err, nil)
}

func (s *scenario) counter(part string) {
	c, k := s.c, s.key("counter")
	var got []int
	for i := 0; i < 3; i++ {
		n, _ := redis.Int(c.Do("INCR", k))
		got = append(got, n)
	}
	s.check(part, "INCR x3", got, nil, []int{1, 2, 3})
	n, err := redis.Int(c.Do("INCRBY", k, 10))
	s.check(part, "INCRBY 10", n, err, 13)
	n, err = redis.Int(c.Do("DECR", k))
	s.check(part, "DECR", n, err, 12)
	v, err := redis.String(c.Do("GET", k))
	s.check(part, "GET", v, err, "12")
}

func (s *scenario) queue(part string) {
	c, q := s.c, s.key("queue")
	n, err := redis.Int(c.Do("LPUSH", q, "t1", "t2", "t3"))
	s.check(part, "LPUSH 3 tasks", n, err, 3)
	var popped [][]string
	for i := 0; i < 3; i++ {
		p, err := redis.Strings(c.Do("BRPOP", q, 1))
		if err != nil {
			popped = append(popped, []string{err.Error()})
		} else {
			popped = append(popped, p)
		}
	}
	s.check(part, "BRPOP x3 in FIFO order", popped, nil, [][]string{{q, "t1"}, {q, "t2"}, {q, "t3"}})
	start := time.Now()
	r, err := c.Do("BRPOP", q, 1)
	s.check(part, "BRPOP on an empty list times out with nil", r, err, nil)
	s.check(part, "BRPOP waited its timeout", time.Since(start) >= 900*time.Millisecond, nil, true)
	waiter := s.connect()
	defer waiter.Close()
	result := make(chan []string, 1)
	go func() {
		p, err := redis.Strings(waiter.Do("BRPOP", q, 5))
		if err != nil {
			p = []string{err.Error()}
		}
		result <- p
	}()
	time.Sleep(200 * time.Millisecond)
	c.Do("LPUSH", q, "urgent")
	select {
	case p := <-result:
		s.check(part, "a blocked BRPOP is woken by LPUSH", p, nil, []string{q, "urgent"})
	case <-time.After(10 * time.Second):
		s.check(part, "a blocked BRPOP is woken by LPUSH", "no reply in 10s", nil, []string{q, "urgent"})
	}
}

func sorted(v []string, err error) ([]string, error) {
	sort.Strings(v)
	return v, err
}

func (s *scenario) sets(part string) {
	c, st, other := s.c, s.key("tags"), s.key("other-tags")
	n, err := redis.Int(c.Do("SADD", st, "a", "b", "c"))
	s.check(part, "SADD 3", n, err, 3)
	n, err = redis.Int(c.Do("SADD", st, "a"))
	s.check(part, "SADD an existing member", n, err, 0)
	b, err := redis.Bool(c.Do("SISMEMBER", st, "b"))
	s.check(part, "SISMEMBER", b, err, true)
	members, err := sorted(redis.Strings(c.Do("SMEMBERS", st)))
	s.check(part, "SMEMBERS", members, err, []string{"a", "b", "c"})
	n, err = redis.Int(c.Do("SREM", st, "a"))
	s.check(part, "SREM", n, err, 1)
	n, err = redis.Int(c.Do("SCARD", st))
	s.check(part, "SCARD", n, err, 2)
	c.Do("SADD", other, "c", "d")
	members, err = sorted(redis.Strings(c.Do("SINTER", st, other)))
	s.check(part, "SINTER", members, err, []string{"c"})
}

func (s *scenario) hash(part string) {
	c, h := s.c, s.key("user")
	n, err := redis.Int(c.Do("HSET", h, "name", "Ada", "lang", "Java", "visits", 1))
	s.check(part, "HSET 3 fields", n, err, 3)
	v, err := redis.String(c.Do("HGET", h, "name"))
	s.check(part, "HGET", v, err, "Ada")
	n, err = redis.Int(c.Do("HINCRBY", h, "visits", 5))
	s.check(part, "HINCRBY", n, err, 6)
	all, err := redis.StringMap(c.Do("HGETALL", h))
	s.check(part, "HGETALL", all, err, map[string]string{"name": "Ada", "lang": "Java", "visits": "6"})
	n, err = redis.Int(c.Do("HDEL", h, "lang"))
	s.check(part, "HDEL", n, err, 1)
	n, err = redis.Int(c.Do("HLEN", h))
	s.check(part, "HLEN", n, err, 2)
}

func (s *scenario) leaderboard(part string) {
	c, z := s.c, s.key("leaderboard")
	n, err := redis.Int(c.Do("ZADD", z, 100, "alice", 250, "bob", 175, "carol"))
	s.check(part, "ZADD 3", n, err, 3)
	f, err := redis.Float64(c.Do("ZINCRBY", z, 100, "alice"))
	s.check(part, "ZINCRBY", f, err, 200.0)
	pairs, err := redis.Strings(c.Do("ZRANGE", z, 0, -1, "WITHSCORES"))
	s.check(part, "ZRANGE WITHSCORES", pairs, err, []string{"carol", "175", "alice", "200", "bob", "250"})
	top, err := redis.Strings(c.Do("ZREVRANGE", z, 0, 0))
	s.check(part, "ZREVRANGE top 1", top, err, []string{"bob"})
	n, err = redis.Int(c.Do("ZRANK", z, "alice"))
	s.check(part, "ZRANK", n, err, 1)
	f, err = redis.Float64(c.Do("ZSCORE", z, "carol"))
	s.check(part, "ZSCORE", f, err, 175.0)
}

// parsed decodes a JSON reply so replies compare independent of spacing.
func parsed(text string, err error) (interface{}, error) {
	if err != nil {
		return nil, err
	}
	var v interface{}
	err = json.Unmarshal([]byte(text), &v)
	return v, err
}

func (s *scenario) jsonDocument(part string) {
	c, d := s.c, s.key("doc")
	doc := `{"name":"widget","tags":["a","b"],"price":9.5,"stock":{"count":3}}`
	v, err := redis.String(c.Do("JSON.SET", d, "$", doc))
	s.check(part, "JSON.SET $", v, err, "OK")
	got, err := parsed(redis.String(c.Do("JSON.GET", d, "$.name")))
	s.check(part, "JSON.GET $.name", got, err, []interface{}{"widget"})
	got, err = parsed(redis.String(c.Do("JSON.GET", d, "$.stock.count")))
	s.check(part, "JSON.GET $.stock.count", got, err, []interface{}{3.0})
	got, err = parsed(redis.String(c.Do("JSON.NUMINCRBY", d, "$.stock.count", 2)))
	s.check(part, "JSON.NUMINCRBY", got, err, []interface{}{5.0})
	lengths, err := redis.Ints(c.Do("JSON.ARRAPPEND", d, "$.tags", `"c"`))
	s.check(part, "JSON.ARRAPPEND", lengths, err, []int{3})
	got, err = parsed(redis.String(c.Do("JSON.GET", d, "$.tags")))
	s.check(part, "JSON.GET $.tags", got, err, []interface{}{[]interface{}{"a", "b", "c"}})
}

type streamEntry struct {
	ID     string
	Fields map[string]string
}

func streamEntries(reply interface{}, err error) ([]streamEntry, error) {
	values, err := redis.Values(reply, err)
	if err != nil {
		return nil, err
	}
	var entries []streamEntry
	for _, v := range values {
		pair, err := redis.Values(v, nil)
		if err != nil || len(pair) != 2 {
			return nil, fmt.Errorf("malformed entry %#v", v)
		}
		id, _ := redis.String(pair[0], nil)
		fields, err := redis.StringMap(pair[1], nil)
		if err != nil {
			return nil, err
		}
		entries = append(entries, streamEntry{id, fields})
	}
	return entries, nil
}

func msSeq(id string) (ms, seq int64) {
	fmt.Sscanf(id, "%d-%d", &ms, &seq)
	return
}

func (s *scenario) stream(part string) {
	c, st := s.c, s.key("events")
	first, err1 := redis.String(c.Do("XADD", st, "*", "sensor", "1", "temp", "20"))
	second, err2 := redis.String(c.Do("XADD", st, "*", "sensor", "2", "temp", "21"))
	if err1 == nil {
		err1 = err2
	}
	m1, s1 := msSeq(first)
	m2, s2 := msSeq(second)
	s.check(part, "XADD ids are ms-seq and increasing", m1 > 0 && (m1 < m2 || m1 == m2 && s1 < s2), err1, true)
	n, err := redis.Int(c.Do("XLEN", st))
	s.check(part, "XLEN", n, err, 2)
	entries, err := streamEntries(c.Do("XRANGE", st, "-", "+"))
	s.check(part, "XRANGE - +", entries, err, []streamEntry{
		{first, map[string]string{"sensor": "1", "temp": "20"}},
		{second, map[string]string{"sensor": "2", "temp": "21"}}})
	entries, err = streamEntries(c.Do("XRANGE", st, "-", "+", "COUNT", 1))
	var ids []string
	for _, e := range entries {
		ids = append(ids, e.ID)
	}
	s.check(part, "XRANGE COUNT 1", ids, err, []string{first})
}

func (s *scenario) transaction(part string) {
	c, a, b := s.c, s.key("account:a"), s.key("account:b")
	c.Do("SET", a, 100)
	c.Do("SET", b, 50)
	c.Send("MULTI")
	c.Send("DECRBY", a, 30)
	c.Send("INCRBY", b, 30)
	results, err := redis.Ints(c.Do("EXEC"))
	s.check(part, "MULTI DECRBY INCRBY EXEC", results, err, []int{70, 80})
	balances, err := redis.Strings(c.Do("MGET", a, b))
	s.check(part, "balances after the transfer", balances, err, []string{"70", "80"})

	other := s.connect()
	defer other.Close()
	c.Do("WATCH", a)
	other.Do("SET", a, 1000)
	c.Send("MULTI")
	c.Send("DECRBY", a, 30)
	c.Send("INCRBY", b, 30)
	reply, err := c.Do("EXEC")
	s.check(part, "EXEC after a watched key changed returns nil", reply, err, nil)
	balances, err = redis.Strings(c.Do("MGET", a, b))
	s.check(part, "nothing applied by the aborted EXEC", balances, err, []string{"1000", "80"})
}

func (s *scenario) pubsub(part string) {
	channel := s.key("news")
	sub := redis.PubSubConn{Conn: s.connect()}
	defer sub.Close()
	err := sub.Subscribe(channel)
	confirmation := sub.ReceiveWithTimeout(5 * time.Second)
	_, ok := confirmation.(redis.Subscription)
	s.check(part, "SUBSCRIBE confirmed", ok, err, true)
	n, err := redis.Int(s.c.Do("PUBLISH", channel, "hello"))
	s.check(part, "PUBLISH reaches 1 subscriber", n, err, 1)
	switch m := sub.ReceiveWithTimeout(5 * time.Second).(type) {
	case redis.Message:
		s.check(part, "message received", []string{m.Channel, string(m.Data)}, nil, []string{channel, "hello"})
	default:
		s.check(part, "message received", m, nil, "a message")
	}
}

func main() {
	host := os.Getenv("DISKDB_HOST")
	if host == "" {
		host = "127.0.0.1"
	}
	port := os.Getenv("DISKDB_PORT")
	if port == "" {
		port = "6380"
	}
	rand.Seed(time.Now().UnixNano())
	s := &scenario{addr: host + ":" + port, password: os.Getenv("DISKDB_PASSWORD"),
		prefix: fmt.Sprintf("it:go:%d:", rand.Int31()), keys: map[string]bool{}}
	s.c = s.connect()
	fmt.Printf("redigo against %s\n", s.addr)
	s.part("strings", []string{"set", "get", "ttl"}, s.strings)
	s.part("counter", []string{"incr", "incrby", "decr"}, s.counter)
	s.part("queue", []string{"lpush", "brpop"}, s.queue)
	s.part("sets", []string{"sadd", "sismember", "smembers", "srem", "scard", "sinter"}, s.sets)
	s.part("hash", []string{"hset", "hget", "hincrby", "hgetall", "hdel", "hlen"}, s.hash)
	s.part("leaderboard", []string{"zadd", "zincrby", "zrange", "zrevrange", "zrank", "zscore"}, s.leaderboard)
	s.part("json", []string{"json.set", "json.get", "json.numincrby", "json.arrappend"}, s.jsonDocument)
	s.part("stream", []string{"xadd", "xlen", "xrange"}, s.stream)
	s.part("transaction", []string{"multi", "exec", "watch", "mget"}, s.transaction)
	s.part("pubsub", []string{"subscribe", "publish"}, s.pubsub)
	var keys []interface{}
	for k := range s.keys {
		keys = append(keys, k)
	}
	if len(keys) > 0 {
		s.c.Do("DEL", keys...)
	}
	fmt.Printf("%d passed, %d failed, %d skipped\n", s.passed, s.failed, s.skipped)
	if s.failed > 0 {
		os.Exit(1)
	}
}

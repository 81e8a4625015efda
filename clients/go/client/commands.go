package client

import (
	"context"
	"sort"
	"time"
)

// TTL results for keys without an expiry and for missing keys, as Redis reports them (-1, -2).
const (
	TTLNoExpiry = time.Duration(-1)
	TTLNoKey    = time.Duration(-2)
)

// blockingGrace covers the server checking blocking timeouts on a timer, so a timed-out BLPOP
// may answer slightly after its timeout.
const blockingGrace = time.Second

func (c *Client) value(ctx context.Context, args ...interface{}) (Value, error) {
	v, err := c.Do(ctx, args...)
	if err == nil && v.IsNil() {
		return v, ErrNil
	}
	return v, err
}

func (c *Client) str(ctx context.Context, args ...interface{}) (string, error) {
	v, err := c.value(ctx, args...)
	return v.String(), err
}

func (c *Client) integer(ctx context.Context, args ...interface{}) (int64, error) {
	v, err := c.value(ctx, args...)
	if err != nil {
		return 0, err
	}
	return v.Int64()
}

func (c *Client) float(ctx context.Context, args ...interface{}) (float64, error) {
	v, err := c.value(ctx, args...)
	if err != nil {
		return 0, err
	}
	return v.Float64()
}

func (c *Client) strings(ctx context.Context, args ...interface{}) ([]string, error) {
	v, err := c.Do(ctx, args...)
	return v.Strings(), err
}

func (c *Client) ok(ctx context.Context, args ...interface{}) error {
	_, err := c.Do(ctx, args...)
	return err
}

func withKeys(args []interface{}, keys []string) []interface{} {
	for _, k := range keys {
		args = append(args, k)
	}
	return args
}

// sortedPairs appends a map's entries in key order, so commands are deterministic.
func sortedPairs[V any](args []interface{}, m map[string]V) []interface{} {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, k, m[k])
	}
	return args
}

// ---------------------------------------------------------------- strings and keys

// Set stores value at key without expiry.
func (c *Client) Set(ctx context.Context, key string, value interface{}) error {
	return c.ok(ctx, "SET", key, value)
}

// SetEX stores value at key with a time to live (millisecond precision).
func (c *Client) SetEX(ctx context.Context, key string, value interface{}, ttl time.Duration) error {
	return c.ok(ctx, "SET", key, value, "PX", ttl.Milliseconds())
}

// Get returns the value at key, or ErrNil.
func (c *Client) Get(ctx context.Context, key string) (string, error) { return c.str(ctx, "GET", key) }

// Incr increments the integer at key by one.
func (c *Client) Incr(ctx context.Context, key string) (int64, error) {
	return c.integer(ctx, "INCR", key)
}

// IncrBy increments the integer at key by n.
func (c *Client) IncrBy(ctx context.Context, key string, n int64) (int64, error) {
	return c.integer(ctx, "INCRBY", key, n)
}

// Del deletes keys and returns how many existed.
func (c *Client) Del(ctx context.Context, keys ...string) (int64, error) {
	return c.integer(ctx, withKeys([]interface{}{"DEL"}, keys)...)
}

// Exists returns how many of keys exist (a key named twice counts twice).
func (c *Client) Exists(ctx context.Context, keys ...string) (int64, error) {
	return c.integer(ctx, withKeys([]interface{}{"EXISTS"}, keys)...)
}

// Expire sets a time to live (millisecond precision); false if the key does not exist.
func (c *Client) Expire(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	n, err := c.integer(ctx, "PEXPIRE", key, ttl.Milliseconds())
	return n == 1, err
}

// TTL returns the remaining time to live (millisecond precision), TTLNoExpiry or TTLNoKey.
func (c *Client) TTL(ctx context.Context, key string) (time.Duration, error) {
	ms, err := c.integer(ctx, "PTTL", key)
	if err != nil || ms < 0 {
		return time.Duration(ms), err
	}
	return time.Duration(ms) * time.Millisecond, nil
}

// ---------------------------------------------------------------- lists

// LPush prepends values and returns the new length.
func (c *Client) LPush(ctx context.Context, key string, values ...interface{}) (int64, error) {
	return c.integer(ctx, append([]interface{}{"LPUSH", key}, values...)...)
}

// RPush appends values and returns the new length.
func (c *Client) RPush(ctx context.Context, key string, values ...interface{}) (int64, error) {
	return c.integer(ctx, append([]interface{}{"RPUSH", key}, values...)...)
}

// LPop removes and returns the first element, or ErrNil.
func (c *Client) LPop(ctx context.Context, key string) (string, error) {
	return c.str(ctx, "LPOP", key)
}

// RPop removes and returns the last element, or ErrNil.
func (c *Client) RPop(ctx context.Context, key string) (string, error) {
	return c.str(ctx, "RPOP", key)
}

// LRange returns the elements from start to stop (inclusive; negative counts from the end).
func (c *Client) LRange(ctx context.Context, key string, start, stop int64) ([]string, error) {
	return c.strings(ctx, "LRANGE", key, start, stop)
}

// LLen returns the length of the list.
func (c *Client) LLen(ctx context.Context, key string) (int64, error) {
	return c.integer(ctx, "LLEN", key)
}

// BLPop pops from the first non-empty list, waiting up to timeout (0: forever). It returns the
// list's key and the element, or ErrNil on timeout.
func (c *Client) BLPop(ctx context.Context, timeout time.Duration, keys ...string) (string, string, error) {
	return c.blockingPop(ctx, "BLPOP", timeout, keys)
}

// BRPop is BLPop from the tail.
func (c *Client) BRPop(ctx context.Context, timeout time.Duration, keys ...string) (string, string, error) {
	return c.blockingPop(ctx, "BRPOP", timeout, keys)
}

func (c *Client) blockingPop(ctx context.Context, cmd string, timeout time.Duration, keys []string) (string, string, error) {
	args := append(withKeys([]interface{}{cmd}, keys), timeout.Seconds())
	v, err := c.doBlocking(ctx, blockFor(timeout), args...)
	if err != nil {
		return "", "", err
	}
	if v.IsNil() || len(v.Elems) != 2 {
		return "", "", ErrNil
	}
	return v.Elems[0].String(), v.Elems[1].String(), nil
}

func blockFor(timeout time.Duration) time.Duration {
	if timeout <= 0 {
		return -1
	}
	return timeout + blockingGrace
}

// ---------------------------------------------------------------- sets

// SAdd adds members and returns how many were new.
func (c *Client) SAdd(ctx context.Context, key string, members ...interface{}) (int64, error) {
	return c.integer(ctx, append([]interface{}{"SADD", key}, members...)...)
}

// SRem removes members and returns how many were there.
func (c *Client) SRem(ctx context.Context, key string, members ...interface{}) (int64, error) {
	return c.integer(ctx, append([]interface{}{"SREM", key}, members...)...)
}

// SMembers returns the members in no particular order.
func (c *Client) SMembers(ctx context.Context, key string) ([]string, error) {
	return c.strings(ctx, "SMEMBERS", key)
}

// SIsMember reports whether member is in the set.
func (c *Client) SIsMember(ctx context.Context, key string, member interface{}) (bool, error) {
	v, err := c.Do(ctx, "SISMEMBER", key, member)
	return v.Int == 1 || v.Bool, err
}

// SCard returns the number of members.
func (c *Client) SCard(ctx context.Context, key string) (int64, error) {
	return c.integer(ctx, "SCARD", key)
}

// ---------------------------------------------------------------- hashes

// HSet sets fields and returns how many were new.
func (c *Client) HSet(ctx context.Context, key string, fields map[string]interface{}) (int64, error) {
	return c.integer(ctx, sortedPairs([]interface{}{"HSET", key}, fields)...)
}

// HGet returns a field's value, or ErrNil.
func (c *Client) HGet(ctx context.Context, key, field string) (string, error) {
	return c.str(ctx, "HGET", key, field)
}

// HGetAll returns every field (an empty map for a missing key).
func (c *Client) HGetAll(ctx context.Context, key string) (map[string]string, error) {
	v, err := c.Do(ctx, "HGETALL", key)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(v.Elems)/2)
	for i := 0; i+1 < len(v.Elems); i += 2 {
		out[v.Elems[i].String()] = v.Elems[i+1].String()
	}
	return out, nil
}

// HDel removes fields and returns how many existed.
func (c *Client) HDel(ctx context.Context, key string, fields ...string) (int64, error) {
	return c.integer(ctx, withKeys([]interface{}{"HDEL", key}, fields)...)
}

// HIncrBy increments an integer field by n.
func (c *Client) HIncrBy(ctx context.Context, key, field string, n int64) (int64, error) {
	return c.integer(ctx, "HINCRBY", key, field, n)
}

// HLen returns the number of fields.
func (c *Client) HLen(ctx context.Context, key string) (int64, error) {
	return c.integer(ctx, "HLEN", key)
}

// ---------------------------------------------------------------- sorted sets

// Z is a sorted-set member with its score.
type Z struct {
	Member string
	Score  float64
}

// ZAdd adds or updates members and returns how many were new.
func (c *Client) ZAdd(ctx context.Context, key string, members ...Z) (int64, error) {
	args := []interface{}{"ZADD", key}
	for _, m := range members {
		args = append(args, m.Score, m.Member)
	}
	return c.integer(ctx, args...)
}

// ZRange returns members by rank, lowest score first.
func (c *Client) ZRange(ctx context.Context, key string, start, stop int64) ([]string, error) {
	return c.strings(ctx, "ZRANGE", key, start, stop)
}

// ZRangeWithScores returns members with their scores by rank.
func (c *Client) ZRangeWithScores(ctx context.Context, key string, start, stop int64) ([]Z, error) {
	v, err := c.Do(ctx, "ZRANGE", key, start, stop, "WITHSCORES")
	if err != nil {
		return nil, err
	}
	return scorePairs(v)
}

// scorePairs reads RESP2's flat [m1, s1, m2, s2] and RESP3's nested [[m1, s1], ...].
func scorePairs(v Value) ([]Z, error) {
	flat := v.Elems
	if len(flat) > 0 && flat[0].Kind == KindArray {
		flat = nil
		for _, pair := range v.Elems {
			flat = append(flat, pair.Elems...)
		}
	}
	out := make([]Z, 0, len(flat)/2)
	for i := 0; i+1 < len(flat); i += 2 {
		score, err := flat[i+1].Float64()
		if err != nil {
			return nil, err
		}
		out = append(out, Z{Member: flat[i].String(), Score: score})
	}
	return out, nil
}

// ZScore returns a member's score, or ErrNil.
func (c *Client) ZScore(ctx context.Context, key, member string) (float64, error) {
	return c.float(ctx, "ZSCORE", key, member)
}

// ZRem removes members and returns how many existed.
func (c *Client) ZRem(ctx context.Context, key string, members ...string) (int64, error) {
	return c.integer(ctx, withKeys([]interface{}{"ZREM", key}, members)...)
}

// ZCard returns the number of members.
func (c *Client) ZCard(ctx context.Context, key string) (int64, error) {
	return c.integer(ctx, "ZCARD", key)
}

// ZIncrBy adds incr to a member's score and returns the new score.
func (c *Client) ZIncrBy(ctx context.Context, key string, incr float64, member string) (float64, error) {
	return c.float(ctx, "ZINCRBY", key, incr, member)
}

// ---------------------------------------------------------------- JSON (RedisJSON 2.x)

// JSONSet stores a raw JSON document (or sub-document) at path ("$" for the root).
func (c *Client) JSONSet(ctx context.Context, key, path, json string) error {
	return c.ok(ctx, "JSON.SET", key, path, json)
}

// JSONGet returns the raw JSON at paths (none: the whole document), or ErrNil.
func (c *Client) JSONGet(ctx context.Context, key string, paths ...string) (string, error) {
	return c.str(ctx, withKeys([]interface{}{"JSON.GET", key}, paths)...)
}

// ---------------------------------------------------------------- streams

// XMessage is one stream entry. Values is nil for an entry deleted while still pending.
type XMessage struct {
	ID     string
	Values map[string]string
}

// XStream is the entries read from one stream.
type XStream struct {
	Stream   string
	Messages []XMessage
}

// BlockForever makes XRead/XReadGroup wait without limit.
const BlockForever = time.Duration(-1)

// XAdd appends an entry with id ("" or "*": generated) and returns its id.
func (c *Client) XAdd(ctx context.Context, stream, id string, fields map[string]interface{}) (string, error) {
	if id == "" {
		id = "*"
	}
	return c.str(ctx, sortedPairs([]interface{}{"XADD", stream, id}, fields)...)
}

// XRange returns entries with ids between start and end ("-" and "+" for the extremes).
func (c *Client) XRange(ctx context.Context, stream, start, end string) ([]XMessage, error) {
	v, err := c.Do(ctx, "XRANGE", stream, start, end)
	if err != nil {
		return nil, err
	}
	return messages(v), nil
}

// XLen returns the number of entries.
func (c *Client) XLen(ctx context.Context, stream string) (int64, error) {
	return c.integer(ctx, "XLEN", stream)
}

func messages(v Value) []XMessage {
	out := make([]XMessage, 0, len(v.Elems))
	for _, e := range v.Elems {
		if len(e.Elems) != 2 {
			continue
		}
		m := XMessage{ID: e.Elems[0].String()}
		if !e.Elems[1].IsNil() {
			m.Values = make(map[string]string, len(e.Elems[1].Elems)/2)
			for i := 0; i+1 < len(e.Elems[1].Elems); i += 2 {
				m.Values[e.Elems[1].Elems[i].String()] = e.Elems[1].Elems[i+1].String()
			}
		}
		out = append(out, m)
	}
	return out
}

// streams reads XREAD/XREADGROUP replies: RESP2 [[name, entries], ...] or a RESP3 map.
func streams(v Value) []XStream {
	var out []XStream
	if v.Kind == KindMap {
		for i := 0; i+1 < len(v.Elems); i += 2 {
			out = append(out, XStream{Stream: v.Elems[i].String(), Messages: messages(v.Elems[i+1])})
		}
		return out
	}
	for _, s := range v.Elems {
		if len(s.Elems) == 2 {
			out = append(out, XStream{Stream: s.Elems[0].String(), Messages: messages(s.Elems[1])})
		}
	}
	return out
}

// XReadArgs select what XRead reads. Streams maps stream names to the last id seen ("$": only
// entries added from now on). Block 0 does not block; BlockForever waits without limit.
type XReadArgs struct {
	Streams map[string]string
	Count   int64
	Block   time.Duration
}

// XRead returns new entries per stream; ErrNil when Block expired without any.
func (c *Client) XRead(ctx context.Context, a XReadArgs) ([]XStream, error) {
	return c.readStreams(ctx, []interface{}{"XREAD"}, a.Count, a.Block, false, a.Streams)
}

// XReadGroupArgs are XReadArgs for a consumer of a group; the id ">" asks for entries never
// delivered to the group, another id re-reads this consumer's pending entries.
type XReadGroupArgs struct {
	Group    string
	Consumer string
	Streams  map[string]string
	Count    int64
	Block    time.Duration
	NoAck    bool
}

// XReadGroup reads as a consumer of a group; ErrNil when Block expired without entries.
func (c *Client) XReadGroup(ctx context.Context, a XReadGroupArgs) ([]XStream, error) {
	return c.readStreams(ctx, []interface{}{"XREADGROUP", "GROUP", a.Group, a.Consumer}, a.Count, a.Block, a.NoAck, a.Streams)
}

func (c *Client) readStreams(ctx context.Context, args []interface{}, count int64, block time.Duration, noack bool, ids map[string]string) ([]XStream, error) {
	if count > 0 {
		args = append(args, "COUNT", count)
	}
	wait := time.Duration(0)
	if block != 0 {
		ms := int64(0)
		wait = -1
		if block > 0 {
			ms = block.Milliseconds()
			wait = block + blockingGrace
		}
		args = append(args, "BLOCK", ms)
	}
	if noack {
		args = append(args, "NOACK")
	}
	names := make([]string, 0, len(ids))
	for name := range ids {
		names = append(names, name)
	}
	sort.Strings(names)
	args = append(withKeys(args, []string{"STREAMS"}), toArgs(names)...)
	for _, name := range names {
		args = append(args, ids[name])
	}
	v, err := c.doBlocking(ctx, wait, args...)
	if err != nil {
		return nil, err
	}
	if v.IsNil() {
		return nil, ErrNil
	}
	return streams(v), nil
}

func toArgs(s []string) []interface{} { return withKeys(nil, s) }

// XGroupCreate creates a consumer group starting after id ("$": only new entries, "0": all);
// mkstream creates the stream if it does not exist.
func (c *Client) XGroupCreate(ctx context.Context, stream, group, id string, mkstream bool) error {
	args := []interface{}{"XGROUP", "CREATE", stream, group, id}
	if mkstream {
		args = append(args, "MKSTREAM")
	}
	return c.ok(ctx, args...)
}

// XAck acknowledges entries and returns how many were pending.
func (c *Client) XAck(ctx context.Context, stream, group string, ids ...string) (int64, error) {
	return c.integer(ctx, withKeys([]interface{}{"XACK", stream, group}, ids)...)
}

// FormatFloat renders a score the way commands expect (+inf/-inf included).
func FormatFloat(f float64) string { return string(formatFloat(f)) }

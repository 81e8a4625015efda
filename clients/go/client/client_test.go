package client

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestStringsAndKeys(t *testing.T) {
	c, ctx := fresh(t)
	check(t, c.Set(ctx, "k", "v"))
	got, err := c.Get(ctx, "k")
	check(t, err)
	equal(t, "GET", got, "v")
	if _, err := c.Get(ctx, "missing"); !errors.Is(err, ErrNil) {
		t.Fatalf("GET missing: %v, want ErrNil", err)
	}
	n, err := c.Incr(ctx, "n")
	check(t, err)
	equal(t, "INCR", n, int64(1))
	n, err = c.IncrBy(ctx, "n", 41)
	check(t, err)
	equal(t, "INCRBY", n, int64(42))
	n, err = c.Exists(ctx, "k", "n", "k", "missing")
	check(t, err)
	equal(t, "EXISTS", n, int64(3))

	ttl, err := c.TTL(ctx, "k")
	check(t, err)
	equal(t, "TTL without expiry", ttl, TTLNoExpiry)
	ok, err := c.Expire(ctx, "k", 100*time.Second)
	check(t, err)
	equal(t, "EXPIRE", ok, true)
	ttl, err = c.TTL(ctx, "k")
	check(t, err)
	if ttl <= 90*time.Second || ttl > 100*time.Second {
		t.Fatalf("TTL %v", ttl)
	}
	check(t, c.SetEX(ctx, "e", "v", 50*time.Second))
	ttl, _ = c.TTL(ctx, "e")
	if ttl <= 40*time.Second || ttl > 50*time.Second {
		t.Fatalf("SETEX TTL %v", ttl)
	}
	n, err = c.Del(ctx, "k", "n", "missing")
	check(t, err)
	equal(t, "DEL", n, int64(2))
	ttl, _ = c.TTL(ctx, "k")
	equal(t, "TTL of a missing key", ttl, TTLNoKey)
}

func TestErrorReplies(t *testing.T) {
	c, ctx := fresh(t)
	check(t, c.Set(ctx, "s", "text"))
	_, err := c.Incr(ctx, "s")
	var re *RedisError
	if !errors.As(err, &re) || re.Message != "ERR value is not an integer or out of range" {
		t.Fatalf("INCR on text: %v", err)
	}
	v, err := c.Do(ctx, "GET", "missing")
	check(t, err)
	equal(t, "Do returns nil values, not ErrNil", v.IsNil(), true)
}

func TestWrongTypeError(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "sadd")
	_, err := c.SAdd(ctx, "set", "m")
	check(t, err)
	_, err = c.Get(ctx, "set")
	equal(t, "WRONGTYPE", IsWrongType(err), true)
}

func TestAuthentication(t *testing.T) {
	c, ctx := fresh(t)
	check(t, c.ok(ctx, "CONFIG", "SET", "requirepass", "s3cret"))
	defer func() {
		admin := newTestClient(t, Options{Password: "s3cret"})
		check(t, admin.ok(ctx, "CONFIG", "SET", "requirepass", ""))
	}()
	if _, err := ConnectWithOptions(serverAddr(), Options{Password: "wrong"}); !IsAuthError(err) {
		t.Fatalf("wrong password: %v", err)
	}
	good := newTestClient(t, Options{Password: "s3cret"})
	_, err := good.Do(ctx, "PING")
	check(t, err)
}

func TestLists(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "lpush", "rpush", "lrange", "blpop", "brpop")
	n, err := c.RPush(ctx, "l", "a", "b")
	check(t, err)
	equal(t, "RPUSH", n, int64(2))
	n, err = c.LPush(ctx, "l", "z")
	check(t, err)
	equal(t, "LPUSH", n, int64(3))
	all, err := c.LRange(ctx, "l", 0, -1)
	check(t, err)
	equal(t, "LRANGE", strings.Join(all, ","), "z,a,b")
	n, _ = c.LLen(ctx, "l")
	equal(t, "LLEN", n, int64(3))
	v, _ := c.LPop(ctx, "l")
	equal(t, "LPOP", v, "z")
	v, _ = c.RPop(ctx, "l")
	equal(t, "RPOP", v, "b")
	key, v, err := c.BLPop(ctx, time.Second, "empty", "l")
	check(t, err)
	equal(t, "BLPOP", key+"="+v, "l=a")
	if _, _, err := c.BRPop(ctx, 100*time.Millisecond, "l"); !errors.Is(err, ErrNil) {
		t.Fatalf("BRPOP timeout: %v", err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		c.RPush(context.Background(), "later", "x")
	}()
	key, v, err = c.BRPop(ctx, 0, "later")
	check(t, err)
	equal(t, "BRPOP woken by a push", key+"="+v, "later=x")
}

func TestSets(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "sadd", "srem", "smembers", "sismember", "scard")
	n, err := c.SAdd(ctx, "s", "a", "b", "c", "a")
	check(t, err)
	equal(t, "SADD", n, int64(3))
	n, _ = c.SRem(ctx, "s", "c", "z")
	equal(t, "SREM", n, int64(1))
	members, err := c.SMembers(ctx, "s")
	check(t, err)
	sort.Strings(members)
	equal(t, "SMEMBERS", strings.Join(members, ","), "a,b")
	in, _ := c.SIsMember(ctx, "s", "a")
	equal(t, "SISMEMBER", in, true)
	in, _ = c.SIsMember(ctx, "s", "z")
	equal(t, "SISMEMBER absent", in, false)
	n, _ = c.SCard(ctx, "s")
	equal(t, "SCARD", n, int64(2))
}

func TestHashes(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "hset", "hget", "hgetall", "hdel", "hincrby", "hlen")
	n, err := c.HSet(ctx, "h", map[string]interface{}{"a": "1", "b": 2})
	check(t, err)
	equal(t, "HSET", n, int64(2))
	v, _ := c.HGet(ctx, "h", "b")
	equal(t, "HGET", v, "2")
	if _, err := c.HGet(ctx, "h", "zz"); !errors.Is(err, ErrNil) {
		t.Fatalf("HGET missing: %v", err)
	}
	n, _ = c.HIncrBy(ctx, "h", "b", 40)
	equal(t, "HINCRBY", n, int64(42))
	all, err := c.HGetAll(ctx, "h")
	check(t, err)
	equal(t, "HGETALL", fmt.Sprint(all), "map[a:1 b:42]")
	n, _ = c.HDel(ctx, "h", "a", "zz")
	equal(t, "HDEL", n, int64(1))
	n, _ = c.HLen(ctx, "h")
	equal(t, "HLEN", n, int64(1))
}

func TestSortedSets(t *testing.T) {
	for _, protocol := range []int{2, 3} {
		t.Run(fmt.Sprintf("RESP%d", protocol), func(t *testing.T) {
			fresh(t)
			c := newTestClient(t, Options{Protocol: protocol})
			ctx := context.Background()
			requireCommands(t, c, "zadd", "zrange", "zscore", "zrem", "zcard", "zincrby")
			n, err := c.ZAdd(ctx, "z", Z{"a", 1}, Z{"b", 2.5}, Z{"c", 3})
			check(t, err)
			equal(t, "ZADD", n, int64(3))
			members, _ := c.ZRange(ctx, "z", 0, -1)
			equal(t, "ZRANGE", strings.Join(members, ","), "a,b,c")
			scored, err := c.ZRangeWithScores(ctx, "z", 0, 1)
			check(t, err)
			equal(t, "ZRANGE WITHSCORES", fmt.Sprint(scored), "[{a 1} {b 2.5}]")
			s, _ := c.ZScore(ctx, "z", "b")
			equal(t, "ZSCORE", s, 2.5)
			if _, err := c.ZScore(ctx, "z", "nope"); !errors.Is(err, ErrNil) {
				t.Fatalf("ZSCORE missing: %v", err)
			}
			s, _ = c.ZIncrBy(ctx, "z", 2, "a")
			equal(t, "ZINCRBY", s, 3.0)
			n, _ = c.ZRem(ctx, "z", "c", "nope")
			equal(t, "ZREM", n, int64(1))
			n, _ = c.ZCard(ctx, "z")
			equal(t, "ZCARD", n, int64(2))
		})
	}
}

func TestJSON(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "json.set", "json.get")
	check(t, c.JSONSet(ctx, "doc", "$", `{"a":1,"b":[true]}`))
	doc, err := c.JSONGet(ctx, "doc", "$.b")
	check(t, err)
	equal(t, "JSON.GET", doc, `[[true]]`)
	if _, err := c.JSONGet(ctx, "missing"); !errors.Is(err, ErrNil) {
		t.Fatalf("JSON.GET missing: %v", err)
	}
}

func TestStreams(t *testing.T) {
	for _, protocol := range []int{2, 3} {
		t.Run(fmt.Sprintf("RESP%d", protocol), func(t *testing.T) {
			fresh(t)
			c := newTestClient(t, Options{Protocol: protocol})
			ctx := context.Background()
			requireCommands(t, c, "xadd", "xrange", "xlen", "xread")
			id, err := c.XAdd(ctx, "s", "1-1", map[string]interface{}{"f": "v", "n": 1})
			check(t, err)
			equal(t, "XADD", id, "1-1")
			_, err = c.XAdd(ctx, "s", "", map[string]interface{}{"g": "w"})
			check(t, err)
			n, _ := c.XLen(ctx, "s")
			equal(t, "XLEN", n, int64(2))
			msgs, err := c.XRange(ctx, "s", "-", "+")
			check(t, err)
			equal(t, "XRANGE", fmt.Sprint(msgs[0]), "{1-1 map[f:v n:1]}")
			read, err := c.XRead(ctx, XReadArgs{Streams: map[string]string{"s": "0"}, Count: 1})
			check(t, err)
			equal(t, "XREAD", fmt.Sprint(read), "[{s [{1-1 map[f:v n:1]}]}]")
			if _, err := c.XRead(ctx, XReadArgs{Streams: map[string]string{"s": "$"}, Block: 50 * time.Millisecond}); !errors.Is(err, ErrNil) {
				t.Fatalf("XREAD BLOCK timeout: %v", err)
			}
		})
	}
}

func TestConsumerGroups(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "xadd", "xgroup", "xreadgroup", "xack")
	check(t, c.XGroupCreate(ctx, "s", "g", "0", true))
	c.XAdd(ctx, "s", "1-0", map[string]interface{}{"n": 1})
	got, err := c.XReadGroup(ctx, XReadGroupArgs{Group: "g", Consumer: "alice", Streams: map[string]string{"s": ">"}})
	check(t, err)
	equal(t, "XREADGROUP", fmt.Sprint(got), "[{s [{1-0 map[n:1]}]}]")
	n, err := c.XAck(ctx, "s", "g", "1-0")
	check(t, err)
	equal(t, "XACK", n, int64(1))
	if _, err := c.XReadGroup(ctx, XReadGroupArgs{Group: "g", Consumer: "alice", Streams: map[string]string{"s": ">"}, Block: 50 * time.Millisecond}); !errors.Is(err, ErrNil) {
		t.Fatalf("XREADGROUP with nothing new: %v", err)
	}
}

func TestPipelineIsOneWrite(t *testing.T) {
	_, ctx := fresh(t)
	c2 := newTestClient(t, Options{PoolSize: 1})
	p := c2.Pipeline()
	for i := 0; i < 1000; i++ {
		p.Queue("INCR", "counter")
	}
	p.Queue("NOSUCHCOMMAND")
	p.Queue("GET", "counter")
	cn, err := c2.pool.get(ctx)
	check(t, err)
	writesBefore := cn.writes
	c2.pool.put(cn, false)
	results, err := p.Exec(ctx)
	check(t, err)
	cn, _ = c2.pool.get(ctx)
	equal(t, "writes for 1002 pipelined commands", cn.writes-writesBefore, 1)
	c2.pool.put(cn, false)
	equal(t, "results", len(results), 1002)
	equal(t, "last INCR", results[999].Value.Int, int64(1000))
	var re *RedisError
	if !errors.As(results[1000].Err, &re) {
		t.Fatalf("unknown command in a pipeline: %v", results[1000].Err)
	}
	equal(t, "GET after", results[1001].Value.String(), "1000")
	equal(t, "queue emptied", p.Len(), 0)
}

func TestConcurrentUse(t *testing.T) {
	c, ctx := fresh(t)
	shared := newTestClient(t, Options{PoolSize: 4})
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for g := 0; g < 20; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 100; i++ {
				if _, err := shared.Incr(ctx, "counter"); err != nil {
					errs <- err
					return
				}
				key := fmt.Sprintf("g%d", g)
				if err := shared.Set(ctx, key, i); err != nil {
					errs <- err
					return
				}
				if v, err := shared.Get(ctx, key); err != nil || v != fmt.Sprint(i) {
					errs <- fmt.Errorf("goroutine %d read %q, %v; want %d", g, v, err, i)
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	total, err := c.Get(ctx, "counter")
	check(t, err)
	equal(t, "counter after 20x100 INCR", total, "2000")
}

func TestBrokenConnectionIsReplaced(t *testing.T) {
	c, ctx := fresh(t)
	requireCommands(t, c, "client")
	victim := newTestClient(t, Options{PoolSize: 1})
	id, err := victim.Do(ctx, "CLIENT", "ID")
	check(t, err)
	killed, err := c.Do(ctx, "CLIENT", "KILL", "ID", id.Int)
	check(t, err)
	equal(t, "CLIENT KILL", killed.Int, int64(1))
	// the kill may land a moment after its reply: wait until the socket is really closed
	deadline := time.Now().Add(5 * time.Second)
	for {
		cn, err := victim.pool.get(ctx)
		check(t, err)
		closed := cn.writes == 0 // a freshly dialled connection replaced the killed one
		victim.pool.put(cn, false)
		if closed || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	v, err := victim.Do(ctx, "PING")
	check(t, err)
	equal(t, "PING after the kill", v.String(), "PONG")
}

func TestContextCancellation(t *testing.T) {
	c, _ := fresh(t)
	requireCommands(t, c, "blpop")
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, _, err := c.BLPop(ctx, 0, "never")
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("BLPOP past the context deadline: %v", err)
	}
	v, err := c.Do(context.Background(), "PING")
	check(t, err)
	equal(t, "client usable afterwards", v.String(), "PONG")
}

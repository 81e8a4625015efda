// Package client is a DiskDB (and Redis) client using only the standard library: RESP2/RESP3,
// typed helpers, pipelines and a small connection pool that makes a Client safe for concurrent
// use.
package client

import (
	"context"
	"crypto/tls"
	"time"
)

// Options configure a Client. Zero values mean: no auth, database 0, plain TCP, 5 s dial
// timeout, no read/write timeouts, a pool of 10 connections, RESP2.
type Options struct {
	Password     string
	Username     string
	DB           int
	TLS          *tls.Config
	DialTimeout  time.Duration
	ReadTimeout  time.Duration
	WriteTimeout time.Duration
	PoolSize     int
	// Protocol is 2 (default) or 3 (HELLO 3: maps, doubles, ... in Do's replies). Typed helpers
	// return the same Go types under both.
	Protocol int
}

// Client is safe for concurrent use by multiple goroutines.
type Client struct {
	addr string
	opts Options
	pool *pool
}

// Connect connects to addr ("host:port") with default options.
func Connect(addr string) (*Client, error) {
	return ConnectWithOptions(addr, Options{})
}

// ConnectWithOptions connects to addr, checking the server (and credentials) right away.
func ConnectWithOptions(addr string, opts Options) (*Client, error) {
	if opts.DialTimeout == 0 {
		opts.DialTimeout = 5 * time.Second
	}
	if opts.PoolSize <= 0 {
		opts.PoolSize = 10
	}
	c := &Client{addr: addr, opts: opts}
	c.pool = newPool(opts.PoolSize, func(ctx context.Context) (*conn, error) {
		return dial(ctx, addr, &c.opts)
	})
	ctx, cancel := context.WithTimeout(context.Background(), opts.DialTimeout)
	defer cancel()
	cn, err := c.pool.get(ctx)
	if err != nil {
		return nil, err
	}
	c.pool.put(cn, false)
	return c, nil
}

// Close closes the idle connections; connections in use close when they are returned.
func (c *Client) Close() error { return c.pool.close() }

// Do sends any command and returns its reply. An error reply is returned as a *RedisError;
// a nil reply is a Value of KindNil (not ErrNil).
func (c *Client) Do(ctx context.Context, args ...interface{}) (Value, error) {
	return c.doBlocking(ctx, 0, args...)
}

// doBlocking runs a command that may wait up to block on the server (-1: without limit), so
// the read deadline is stretched accordingly.
func (c *Client) doBlocking(ctx context.Context, block time.Duration, args ...interface{}) (Value, error) {
	replies, err := c.run(ctx, [][]interface{}{args}, block)
	if err != nil {
		return Value{}, err
	}
	return replies[0], replies[0].asError()
}

// run executes commands on one pooled connection, one write and then the replies.
func (c *Client) run(ctx context.Context, cmds [][]interface{}, block time.Duration) ([]Value, error) {
	cn, err := c.pool.get(ctx)
	if err != nil {
		return nil, err
	}
	replies, err := cn.roundTrip(ctx, cmds, block)
	c.pool.put(cn, err != nil)
	return replies, err
}

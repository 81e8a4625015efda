package client

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"net"
	"os"
	"time"
)

// conn is one connection; it is used by one goroutine at a time (the pool guarantees it).
type conn struct {
	netConn net.Conn
	reader  *bufio.Reader
	opts    *Options
	writes  int // number of writes issued, so tests can check that a pipeline is one write
}

func dial(ctx context.Context, addr string, opts *Options) (*conn, error) {
	dialer := &net.Dialer{Timeout: opts.DialTimeout}
	var nc net.Conn
	var err error
	if opts.TLS != nil {
		nc, err = (&tls.Dialer{NetDialer: dialer, Config: opts.TLS}).DialContext(ctx, "tcp", addr)
	} else {
		nc, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, err
	}
	c := &conn{netConn: nc, reader: bufio.NewReaderSize(nc, 32*1024), opts: opts}
	if err := c.handshake(ctx); err != nil {
		nc.Close()
		return nil, err
	}
	return c, nil
}

// handshake authenticates, switches protocol and selects the database, in one round trip.
func (c *conn) handshake(ctx context.Context) error {
	var cmds [][]interface{}
	if c.opts.Protocol == 3 {
		hello := []interface{}{"HELLO", 3}
		if c.opts.Password != "" {
			user := c.opts.Username
			if user == "" {
				user = "default"
			}
			hello = append(hello, "AUTH", user, c.opts.Password)
		}
		cmds = append(cmds, hello)
	} else if c.opts.Password != "" {
		if c.opts.Username != "" {
			cmds = append(cmds, []interface{}{"AUTH", c.opts.Username, c.opts.Password})
		} else {
			cmds = append(cmds, []interface{}{"AUTH", c.opts.Password})
		}
	}
	if c.opts.DB != 0 {
		cmds = append(cmds, []interface{}{"SELECT", c.opts.DB})
	}
	if len(cmds) == 0 {
		return nil
	}
	replies, err := c.roundTrip(ctx, cmds, 0)
	if err != nil {
		return err
	}
	for _, r := range replies {
		if err := r.asError(); err != nil {
			return err
		}
	}
	return nil
}

// roundTrip writes every command in one write, then reads one reply per command (skipping
// RESP3 pushes). extra stretches the read deadline for commands that block on the server.
// Any error other than an error reply leaves the connection unusable.
func (c *conn) roundTrip(ctx context.Context, cmds [][]interface{}, extra time.Duration) ([]Value, error) {
	var buf []byte
	for _, args := range cmds {
		var err error
		if buf, err = appendCommand(buf, args); err != nil {
			return nil, err
		}
	}
	stop := c.watchContext(ctx)
	defer stop()
	if err := c.setDeadline(ctx, c.opts.WriteTimeout, 0, c.netConn.SetWriteDeadline); err != nil {
		return nil, err
	}
	c.writes++
	if _, err := c.netConn.Write(buf); err != nil {
		return nil, contextError(ctx, err)
	}
	if err := c.setDeadline(ctx, c.opts.ReadTimeout, extra, c.netConn.SetReadDeadline); err != nil {
		return nil, err
	}
	replies := make([]Value, 0, len(cmds))
	for len(replies) < len(cmds) {
		v, err := readValue(c.reader)
		if err != nil {
			return nil, contextError(ctx, err)
		}
		if v.Kind != KindPush {
			replies = append(replies, v)
		}
	}
	return replies, nil
}

// setDeadline applies the earlier of the context deadline and the configured timeout.
func (c *conn) setDeadline(ctx context.Context, timeout, extra time.Duration, set func(time.Time) error) error {
	var deadline time.Time
	if timeout > 0 && extra >= 0 {
		deadline = time.Now().Add(timeout + extra)
	}
	if d, ok := ctx.Deadline(); ok && (deadline.IsZero() || d.Before(deadline)) {
		deadline = d
	}
	return set(deadline)
}

// watchContext interrupts blocked I/O when ctx is cancelled (deadlines are handled directly).
func (c *conn) watchContext(ctx context.Context) func() {
	if ctx.Done() == nil {
		return func() {}
	}
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			c.netConn.SetDeadline(time.Unix(1, 0))
		case <-done:
		}
	}()
	return func() { close(done) }
}

// contextError reports a timeout caused by the context as the context's error. The socket
// deadline can fire a hair before the context's own timer, hence the clock check.
func contextError(ctx context.Context, err error) error {
	if !errors.Is(err, os.ErrDeadlineExceeded) && !isTimeout(err) {
		return err
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return ctxErr
	}
	if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
		return context.DeadlineExceeded
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// alive reports whether an idle connection is still usable: not closed by the server (restart,
// CLIENT KILL, idle timeout) and with no stray bytes waiting. See peerClosed.
func (c *conn) alive() bool {
	return c.reader.Buffered() == 0 && !peerClosed(c.netConn)
}

func (c *conn) close() error { return c.netConn.Close() }

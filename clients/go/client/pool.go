package client

import (
	"context"
	"errors"
	"sync"
)

// pool hands out at most size connections; idle ones are kept for reuse.
type pool struct {
	dial  func(ctx context.Context) (*conn, error)
	slots chan struct{} // one token per connection that may exist
	mu    sync.Mutex
	idle  []*conn
	shut  bool
}

var errClosed = errors.New("diskdb: client is closed")

func newPool(size int, dial func(ctx context.Context) (*conn, error)) *pool {
	p := &pool{dial: dial, slots: make(chan struct{}, size)}
	for i := 0; i < size; i++ {
		p.slots <- struct{}{}
	}
	return p
}

// get waits for a free slot, then reuses an idle live connection or dials a new one.
func (p *pool) get(ctx context.Context) (*conn, error) {
	select {
	case <-p.slots:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	for {
		p.mu.Lock()
		if p.shut {
			p.mu.Unlock()
			p.slots <- struct{}{}
			return nil, errClosed
		}
		if len(p.idle) == 0 {
			p.mu.Unlock()
			break
		}
		c := p.idle[len(p.idle)-1]
		p.idle = p.idle[:len(p.idle)-1]
		p.mu.Unlock()
		if c.alive() {
			return c, nil
		}
		c.close() // closed by the server (restart, CLIENT KILL, timeout): replace it
	}
	c, err := p.dial(ctx)
	if err != nil {
		p.slots <- struct{}{}
		return nil, err
	}
	return c, nil
}

// put returns a connection; a broken one is closed and its slot freed for a new dial.
func (p *pool) put(c *conn, broken bool) {
	p.mu.Lock()
	if broken || p.shut {
		p.mu.Unlock()
		c.close()
	} else {
		p.idle = append(p.idle, c)
		p.mu.Unlock()
	}
	p.slots <- struct{}{}
}

func (p *pool) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.shut = true
	for _, c := range p.idle {
		c.close()
	}
	p.idle = nil
	return nil
}

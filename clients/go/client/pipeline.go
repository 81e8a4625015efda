package client

import "context"

// Pipeline queues commands and sends them all in one write, then reads every reply.
// It is not safe for concurrent use; the Client behind it is.
type Pipeline struct {
	client *Client
	cmds   [][]interface{}
}

// Result is one pipelined command's reply; Err is a *RedisError for an error reply.
type Result struct {
	Value Value
	Err   error
}

// Pipeline starts an empty pipeline.
func (c *Client) Pipeline() *Pipeline { return &Pipeline{client: c} }

// Queue adds a command; it runs at Exec.
func (p *Pipeline) Queue(args ...interface{}) *Pipeline {
	p.cmds = append(p.cmds, args)
	return p
}

// Len returns the number of queued commands.
func (p *Pipeline) Len() int { return len(p.cmds) }

// Exec runs the queued commands on one connection and returns their results in order. The
// error is for the connection as a whole; error replies are in each Result. The queue is
// emptied either way.
func (p *Pipeline) Exec(ctx context.Context) ([]Result, error) {
	cmds := p.cmds
	p.cmds = nil
	if len(cmds) == 0 {
		return nil, nil
	}
	replies, err := p.client.run(ctx, cmds, 0)
	if err != nil {
		return nil, err
	}
	results := make([]Result, len(replies))
	for i, v := range replies {
		results[i] = Result{Value: v, Err: v.asError()}
	}
	return results, nil
}

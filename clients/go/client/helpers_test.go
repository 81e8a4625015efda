package client

import (
	"context"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests run against the server at DISKDB_ADDR (default localhost:6380) and FLUSH its data.

func serverAddr() string {
	if a := os.Getenv("DISKDB_ADDR"); a != "" {
		return a
	}
	return "localhost:6380"
}

var (
	supportedMu sync.Mutex
	supported   = map[string]bool{}
)

// requireCommands skips the test when the server's COMMAND INFO does not know a command, so
// the test turns on by itself once the server gains it.
func requireCommands(t *testing.T, c *Client, names ...string) {
	t.Helper()
	supportedMu.Lock()
	defer supportedMu.Unlock()
	var missing []string
	for _, name := range names {
		name = strings.ToLower(name)
		has, known := supported[name]
		if !known {
			v, err := c.Do(context.Background(), "COMMAND", "INFO", name)
			if err != nil {
				t.Fatalf("COMMAND INFO %s: %v", name, err)
			}
			has = len(v.Elems) == 1 && !v.Elems[0].IsNil()
			supported[name] = has
		}
		if !has {
			missing = append(missing, strings.ToUpper(name))
		}
	}
	if len(missing) > 0 {
		t.Skipf("server has no %s", strings.Join(missing, ", "))
	}
}

func newTestClient(t *testing.T, opts Options) *Client {
	t.Helper()
	if opts.ReadTimeout == 0 {
		opts.ReadTimeout = 10 * time.Second
	}
	c, err := ConnectWithOptions(serverAddr(), opts)
	if err != nil {
		t.Fatalf("connect to %s: %v", serverAddr(), err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// fresh returns a client on an emptied server.
func fresh(t *testing.T) (*Client, context.Context) {
	t.Helper()
	c := newTestClient(t, Options{})
	ctx := context.Background()
	if _, err := c.Do(ctx, "FLUSHALL"); err != nil {
		t.Fatal(err)
	}
	return c, ctx
}

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Fatalf("%s: got %v, want %v", what, got, want)
	}
}

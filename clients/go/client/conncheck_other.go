//go:build !unix

package client

import "net"

// peerClosed cannot peek portably here; a dead connection is noticed at its next use.
func peerClosed(net.Conn) bool { return false }

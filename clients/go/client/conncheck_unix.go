//go:build unix

package client

import (
	"crypto/tls"
	"errors"
	"net"
	"syscall"
)

// peerClosed peeks at the socket without blocking: EOF or an error means the server closed
// it; unread bytes on an idle plain connection mean the protocol is out of step. (Through TLS
// the bytes may be a session ticket, so only EOF counts there.)
func peerClosed(nc net.Conn) bool {
	tlsConn, isTLS := nc.(*tls.Conn)
	if isTLS {
		nc = tlsConn.NetConn()
	}
	sc, ok := nc.(syscall.Conn)
	if !ok {
		return false
	}
	raw, err := sc.SyscallConn()
	if err != nil {
		return true
	}
	var n int
	var peekErr error
	buf := make([]byte, 1)
	err = raw.Read(func(fd uintptr) bool {
		n, _, peekErr = syscall.Recvfrom(int(fd), buf, syscall.MSG_PEEK|syscall.MSG_DONTWAIT)
		return true // never wait for readiness: this is a poll
	})
	switch {
	case err != nil:
		return true
	case errors.Is(peekErr, syscall.EAGAIN) || errors.Is(peekErr, syscall.EWOULDBLOCK):
		return false // nothing to read: healthy
	case peekErr != nil:
		return true
	case n == 0:
		return true // orderly shutdown by the server
	}
	return !isTLS
}

package io.diskdb.server;

import io.diskdb.testing.RawConnection;
import io.diskdb.testing.TestServer;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Protected mode as Redis 7.0: bound to every interface with no password, a client reaching the
 * server through a non-loopback address of this machine gets DENIED and is closed. The decision
 * itself is also tested directly, for machines without such an address.
 */
class ProtectedModeTest {
    private static final String DENIED_REPLY = "-" + ProtectedMode.DENIED + "\r\n";

    /** An IPv4 address of this machine that is not loopback (e.g. eth0's), or null. */
    private static InetAddress externalAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }

    @Test
    void deniedTextIsRedis70s() {
        assertTrue(ProtectedMode.DENIED.startsWith("DENIED Redis is running in protected mode because protected mode "
                + "is enabled and no password is set for the default user."));
        assertTrue(ProtectedMode.DENIED.endsWith("NOTE: You only need to do one of the above things in order for the "
                + "server to start accepting connections from the outside."));
    }

    @Test
    void decision() throws Exception {
        try (TestServer server = TestServer.start()) {
            var nopass = server.server().acl().defaultUser();
            var outside = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 5000);
            var loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 5000);
            var loopback6 = new InetSocketAddress(InetAddress.getByName("::1"), 5000);
            assertTrue(ProtectedMode.refuses(true, nopass, outside));
            assertFalse(ProtectedMode.refuses(true, nopass, loopback));
            assertFalse(ProtectedMode.refuses(true, nopass, loopback6));
            assertFalse(ProtectedMode.refuses(false, nopass, outside));
            server.server().acl().applyRequirepass("pw");
            assertFalse(ProtectedMode.refuses(true, server.server().acl().defaultUser(), outside));
        }
    }

    @Test
    void clientFromANonLoopbackAddressIsDeniedAndClosed() throws Exception {
        InetAddress external = externalAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
        try (TestServer server = TestServer.start(s -> s.setBind("0.0.0.0"))) {
            try (RawConnection outside = new RawConnection(external.getHostAddress(), server.port())) {
                assertEquals(DENIED_REPLY, outside.readReply());
                assertTrue(outside.isClosedByServer());
            }
            try (RawConnection local = server.raw()) {
                assertEquals("+PONG\r\n", local.call("PING"), "loopback clients are served");
                assertEquals("+OK\r\n", local.call("CONFIG", "SET", "protected-mode", "no"));
            }
            try (RawConnection outside = new RawConnection(external.getHostAddress(), server.port())) {
                assertEquals("+PONG\r\n", outside.call("PING"), "protected-mode no serves everyone");
            }
        }
    }

    @Test
    void aPasswordForTheDefaultUserLiftsTheRestriction() throws Exception {
        InetAddress external = externalAddress();
        assumeTrue(external != null, "this machine has no non-loopback IPv4 address");
        try (TestServer server = TestServer.start(s -> {
            s.setBind("0.0.0.0");
            s.setRequirepass("pw");
        }); RawConnection outside = new RawConnection(external.getHostAddress(), server.port())) {
            assertEquals("-NOAUTH Authentication required.\r\n", outside.call("PING"));
            assertEquals("+OK\r\n", outside.call("AUTH", "pw"));
        }
    }
}

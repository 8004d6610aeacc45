package dev.kappa.http;

import dev.kappa.ConfigException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Holds the HTTP port from the first moment of start-up until the real listener takes it over, so that a port in
 * use stops the start before any database is created and before the one-time admin password is printed (a failed
 * start used to do both, and the password was then easy to lose). Port 0 (any free port) needs no reservation.
 */
public final class PortReservation implements AutoCloseable {
    private final ServerSocket socket;

    private PortReservation(ServerSocket socket) {
        this.socket = socket;
    }

    /** Binds host:port now, or throws a {@link ConfigException} naming them. */
    public static PortReservation take(String host, int port) {
        if (port == 0) {
            return new PortReservation(null);
        }
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            // As Netty binds: a port left in TIME_WAIT by a previous run is free to take.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return new PortReservation(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw inUse(host, port, e);
        }
    }

    /** The message a start that cannot bind host:port fails with. */
    public static ConfigException inUse(String host, int port, Throwable cause) {
        return new ConfigException("KAPPA_HTTP_PORT " + port + ": cannot listen on " + host + ":" + port + " ("
                + cause.getMessage() + "); stop what uses it or set KAPPA_HTTP_PORT to another port");
    }

    /** Lets the port go, for the real listener to bind it right after; idempotent. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing listens on it any more either way
            }
        }
    }
}

package dev.promobot.sandbox;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;

/** The JDK HTTP server the stand-ins are built on, set up to answer as fast as the services they play. */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    static HttpServer create(InetSocketAddress address) throws IOException {
        // Without TCP_NODELAY, a response written as headers then body waits for the client's delayed ACK:
        // about 40 ms per call that real AWS and Telegram do not add. The JDK reads this property once.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        return HttpServer.create(address, 0);
    }
}

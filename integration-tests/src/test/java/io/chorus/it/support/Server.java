package io.chorus.it.support;

import java.net.URI;

/** Where the server under test listens (the Arquillian-managed WildFly unless told otherwise). */
public final class Server {
    private Server() {
    }

    public static URI baseUri() {
        return URI.create(System.getProperty("chorus.it.base-url", "http://127.0.0.1:8080/"));
    }

    public static URI wsUri(URI base, String path) {
        return URI.create(base.toString().replaceFirst("^http", "ws")).resolve(path);
    }
}

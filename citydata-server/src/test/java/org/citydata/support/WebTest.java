package org.citydata.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.json.JsonMapper;

/**
 * A test against the whole platform over real HTTP: the application on a random port, its own embedded
 * PostgreSQL, the demo city seeded. Every subclass shares one running platform (Spring caches the context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class WebTest {

    public static final String DEMO_PASSWORD = "Demo@2026";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JsonMapper json;

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A client with no credentials. */
    protected Http anonymous() {
        return new Http(baseUrl(), json);
    }

    /** A client signed in through the console login form, carrying its session cookie and CSRF token. */
    protected Http signedIn(String username) {
        return signedIn(username, DEMO_PASSWORD);
    }

    protected Http signedIn(String username, String password) {
        return new Http(baseUrl(), json).login(username, password);
    }

    /** A client presenting an API token, as a department application does. */
    protected Http withToken(String token) {
        return new Http(baseUrl(), json).bearer(token);
    }

    /** Unique text for names, so tests never trip over each other's data in the shared database. */
    protected static String unique(String prefix) {
        return prefix + Long.toString(System.nanoTime() % 100_000_000L, 36).toUpperCase();
    }
}

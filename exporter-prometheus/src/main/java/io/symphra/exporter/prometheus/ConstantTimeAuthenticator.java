package io.symphra.exporter.prometheus;

import com.sun.net.httpserver.BasicAuthenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HTTP basic authentication against one user name and password. Both are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, whose time does not depend on where the texts differ, and both are always compared,
 * so the answer time tells an attacker neither which part was wrong nor how much of it matched.
 */
final class ConstantTimeAuthenticator extends BasicAuthenticator {

    private final byte[] usernameDigest;
    private final byte[] passwordDigest;

    ConstantTimeAuthenticator(String realm, EndpointSettings.Credentials credentials) {
        super(realm, StandardCharsets.UTF_8);
        this.usernameDigest = digest(credentials.username());
        this.passwordDigest = digest(credentials.password().reveal());
    }

    @Override
    public boolean checkCredentials(String username, String password) {
        boolean userMatches = MessageDigest.isEqual(digest(username), usernameDigest);
        boolean passwordMatches = MessageDigest.isEqual(digest(password), passwordDigest);
        return userMatches & passwordMatches;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}

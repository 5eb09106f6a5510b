package io.symphra.exporter.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server and a client key pair made in the test with the JDK's keytool, each self-signed, and the PEM files an
 * OTLP client is configured with: the server's certificate to trust, the client's PKCS#8 key and its certificate.
 * No key is checked in.
 *
 * @param dir               where the files are
 * @param serverCertificate the PEM file of the server's certificate, for {@code OTEL_EXPORTER_OTLP_CERTIFICATE}
 * @param clientKey         the PEM PKCS#8 file of the client's key, for {@code OTEL_EXPORTER_OTLP_CLIENT_KEY}
 * @param clientCertificate the PEM file of the client's certificate, for
 *                          {@code OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE}
 */
record TestCertificates(Path dir, Path serverCertificate, Path clientKey, Path clientCertificate) {

    private static final String PASSWORD = "changeit-otlp";

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        KeyStore server = keyPair(dir, "server", "CN=127.0.0.1", "san=ip:127.0.0.1,dns:localhost");
        KeyStore client = keyPair(dir, "client", "CN=symphra-test-client", null);
        Path serverCertificate = dir.resolve("server-cert.pem");
        Path clientKey = dir.resolve("client-key.pem");
        Path clientCertificate = dir.resolve("client-cert.pem");
        try {
            Files.writeString(
                    serverCertificate,
                    pem("CERTIFICATE", server.getCertificate("server").getEncoded()));
            Files.writeString(
                    clientCertificate,
                    pem("CERTIFICATE", client.getCertificate("client").getEncoded()));
            PrivateKey key = (PrivateKey) client.getKey("client", PASSWORD.toCharArray());
            // getEncoded() of a private key is PKCS#8, the form the SDK reads.
            Files.writeString(clientKey, pem("PRIVATE KEY", key.getEncoded()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        return new TestCertificates(dir, serverCertificate, clientKey, clientCertificate);
    }

    /**
     * The server's TLS context: its own key, and trust in the client's certificate only, so that with client
     * authentication required a client without that certificate is refused.
     */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(dir.resolve("server.p12")), PASSWORD.toCharArray());
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        Certificate clientCert = load(dir.resolve("client.p12")).getCertificate("client");
        trusted.setCertificateEntry("client", clientCert);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static KeyStore keyPair(Path dir, String alias, String dname, String san)
            throws IOException, InterruptedException {
        Path file = dir.resolve(alias + ".p12");
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dname,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                file.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
        if (san != null) {
            command.addAll(java.util.List.of("-ext", san));
        }
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        try {
            return load(file);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}

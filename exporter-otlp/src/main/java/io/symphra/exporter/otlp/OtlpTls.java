package io.symphra.exporter.otlp;

import java.util.Optional;

/**
 * The PEM files the connection to the receiver uses, read when the scheduler is built: certificates to trust instead
 * of the JVM's default ones, and a client key with its certificate for mutual TLS. Empty parts keep the JVM's
 * defaults. {@link #toString()} says which parts are set, never their content.
 *
 * @param trustedCertificates the PEM certificates to trust
 * @param clientKey           the PEM PKCS#8 private key of the client (a secret), with {@code clientCertificate}
 * @param clientCertificate   the PEM certificate chain of the client, with {@code clientKey}
 */
record OtlpTls(Optional<byte[]> trustedCertificates, Optional<byte[]> clientKey, Optional<byte[]> clientCertificate) {

    static final OtlpTls DEFAULT = new OtlpTls(Optional.empty(), Optional.empty(), Optional.empty());

    /** Whether any part is set, so that the connection needs a TLS context of its own. */
    boolean isCustom() {
        return trustedCertificates.isPresent() || clientKey.isPresent();
    }

    @Override
    public String toString() {
        return "OtlpTls[trusted=" + (trustedCertificates.isPresent() ? "file" : "default") + ", client="
                + (clientKey.isPresent() ? "key and certificate" : "none") + "]";
    }
}

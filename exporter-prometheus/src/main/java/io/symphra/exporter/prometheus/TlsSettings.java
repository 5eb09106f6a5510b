package io.symphra.exporter.prometheus;

import io.symphra.metrics.config.ExporterConfig;
import io.symphra.metrics.config.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.util.Collections;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS key material: a key store holding the server's private key and certificate chain. The store is
 * opened while the configuration is read, so a missing file, a wrong password or a store without a private key
 * fails the scheduler's build rather than its start.
 *
 * @param keystore the key store file
 * @param password its password (also used for the key)
 * @param type     its type, such as {@code PKCS12} or {@code JKS}
 * @param store    the loaded store
 */
record TlsSettings(Path keystore, Secret password, String type, KeyStore store) {

    static final String DEFAULT_TYPE = "PKCS12";

    static Optional<TlsSettings> from(ExporterConfig config) {
        Optional<String> file = config.string("tls.keystore");
        Optional<Secret> password = config.secret("tls.keystore-password");
        if (file.isEmpty()) {
            if (password.isPresent() || config.string("tls.keystore-type").isPresent()) {
                throw config.invalid("tls.keystore", "required when the other tls.* keys are set");
            }
            return Optional.empty();
        }
        Path path;
        try {
            path = Path.of(file.get());
        } catch (RuntimeException e) {
            throw config.invalid("tls.keystore", "not a valid file path");
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw config.invalid("tls.keystore", "no readable file at " + path.toAbsolutePath());
        }
        if (password.isEmpty()) {
            throw config.invalid("tls.keystore-password", "required when " + config.key("tls.keystore") + " is set");
        }
        String type = config.string("tls.keystore-type", DEFAULT_TYPE);
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            // the value is shown here because ExporterConfig masks every key containing "key"
            throw config.invalid(
                    "tls.keystore-type",
                    "'" + type + "' is not a key store type this JVM knows;" + " expected PKCS12 or JKS");
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password.get().reveal().toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw config.invalid(
                    "tls.keystore",
                    "cannot open " + path.toAbsolutePath() + " as a " + type
                            + " key store with the configured password ("
                            + e.getClass().getSimpleName() + ")");
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw config.invalid("tls.keystore", path.toAbsolutePath() + " holds no private key");
            }
        } catch (KeyStoreException e) {
            throw config.invalid("tls.keystore", "cannot read its entries");
        }
        return Optional.of(new TlsSettings(path, password.get(), type, store));
    }

    /** A server-side TLS context over the key store. */
    SSLContext sslContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.reveal().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", type=" + type + "]";
    }
}

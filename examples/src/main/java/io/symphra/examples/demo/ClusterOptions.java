package io.symphra.examples.demo;

import java.time.Duration;

/**
 * The demo's cluster mode: the database its replicas share ({@code --cluster-url}), the credentials
 * ({@code --cluster-user}, and the password from {@code SYMPHRA_CLUSTER_PASSWORD}, never from the command line, where
 * every user of the machine could read it), this replica's name ({@code --instance}, default host name and pid) and,
 * to try clock skew between replicas, an offset of this replica's clock ({@code --clock-offset}, in milliseconds).
 */
record ClusterOptions(String url, String user, String password, String instance, Duration clockOffset) {

    @Override
    public String toString() {
        return "ClusterOptions[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****")
                + ", instance=" + instance + ", clockOffset=" + clockOffset + "]";
    }
}

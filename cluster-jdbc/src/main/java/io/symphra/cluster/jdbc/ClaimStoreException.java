package io.symphra.cluster.jdbc;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * A store operation failed: its message names the operation, the table and the database product, and the driver's
 * reason with any {@code password=} value masked. The driver's exception is the cause.
 */
public final class ClaimStoreException extends RuntimeException {
    private static final Pattern SECRET = Pattern.compile("(?i)(password|pwd)(\\s*[=:]\\s*)[^&;,)\\s]+");

    private final String operation;
    private final String table;
    private final String product;

    ClaimStoreException(String operation, String table, String product, SQLException cause) {
        this(operation, table, product, reason(cause), cause);
    }

    ClaimStoreException(String operation, String table, String product, String reason, Throwable cause) {
        super(operation + " on table " + table + " (" + product + ") failed: " + reason, cause);
        this.operation = operation;
        this.table = table;
        this.product = product;
    }

    /** The store operation that failed, such as {@code claim} or {@code renew}. */
    public String operation() {
        return operation;
    }

    /** The fire table's name. */
    public String table() {
        return table;
    }

    /** The database product, or {@code "database not reached"} when no connection was made. */
    public String product() {
        return product;
    }

    /** The SQLState of the driver's exception, or null when the failure did not come from the driver. */
    public String sqlState() {
        return getCause() instanceof SQLException sql ? sql.getSQLState() : null;
    }

    static String reason(SQLException cause) {
        String text = cause.getMessage() == null ? cause.getClass().getName() : cause.getMessage();
        return mask(text) + (cause.getSQLState() == null ? "" : " [SQLState " + cause.getSQLState() + "]");
    }

    static String mask(String text) {
        return SECRET.matcher(text).replaceAll("$1$2****");
    }
}

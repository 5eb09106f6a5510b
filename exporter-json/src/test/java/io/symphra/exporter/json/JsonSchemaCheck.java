package io.symphra.exporter.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The shipped JSON Schema, loaded from the jar's resource and ready to validate documents. */
final class JsonSchemaCheck {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JsonNode SCHEMA_NODE = load();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA_NODE);

    private JsonSchemaCheck() {}

    static JsonNode schemaNode() {
        return SCHEMA_NODE;
    }

    /** The validator's complaints about the document; empty when it is valid. */
    static List<String> errors(JsonNode document) {
        return SCHEMA.validate(document).stream().map(Error::toString).toList();
    }

    private static JsonNode load() {
        try (InputStream in = JsonMetricsFormat.class.getResourceAsStream(JsonMetricsFormat.SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + JsonMetricsFormat.SCHEMA_RESOURCE);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.hvdiag.audit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

/**
 * The schemas in the repository's schema/ folder, found by walking up from the working directory:
 * Tycho runs tests in the bundle folder, an IDE may run them from the repository root.
 */
final class RepoSchemas {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private RepoSchemas() {
    }

    static Path file(String name) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schema").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no schema/" + name + " above " + Paths.get("").toAbsolutePath());
    }

    /** Validates with format assertions on, so that URIs and timestamps are checked too. */
    static Set<ValidationMessage> validate(String schemaName, JsonNode document) throws IOException {
        JsonNode schemaNode = MAPPER.readTree(file(schemaName).toFile());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        JsonSchema schema = factory.getSchema(schemaNode, config);
        return schema.validate(document);
    }
}

package org.hvdiag.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

import org.hvdiag.audit.BuiltInRules;
import org.hvdiag.esxi.VsphereConnector;
import org.hvdiag.vmx.VmxConnector;

/**
 * The repository's lab fleet and a CLI wired the way the product wires it, with the real .vmx and
 * vSphere connectors and every built-in rule.
 */
final class Lab {
    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) { }

    private Lab() {
    }

    /** The repository root: Tycho runs tests in the bundle folder, an IDE may run them elsewhere. */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("examples").resolve("lab"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no examples/lab above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    static Path folder() {
        return repo().resolve("examples").resolve("lab");
    }

    static Run hvdiag(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Catalog catalog = new Catalog(List.of(new VmxConnector(), new VsphereConnector()), BuiltInRules.all());
        int code = new Cli(catalog, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the repository's schema/NAME says is wrong with {@code document}, format assertions (date-time) included. */
    static Set<ValidationMessage> schemaProblems(String name, JsonNode document) throws IOException {
        JsonNode schemaNode = new ObjectMapper().readTree(Files.readAllBytes(repo().resolve("schema").resolve(name)));
        return JsonSchemaFactory.getInstance(SpecVersionDetector.detect(schemaNode))
                .getSchema(schemaNode, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                .validate(document);
    }

    /** Copies the lab, lock folders included, so a test can change it. */
    static Path copyTo(Path target) throws IOException {
        Path source = folder();
        try (Stream<Path> all = Files.walk(source)) {
            all.forEach(p -> {
                Path dest = target.resolve(source.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }

    /** Every regular file below {@code root}, by relative path, with its bytes. */
    static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                files.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }
}

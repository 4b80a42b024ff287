// Conformance harness of the Java runner: every vector of both profiles, in draft-07 and in draft 2020-12.
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Usage: java Conformance REPOSITORY_ROOT (run.sh passes the root found from its own path).
 * Prints one line per (profile, dialect): "IMPLEMENTATION VERSION PROFILE: N/N agree", each preceded by
 * a DISAGREE line per disagreeing test. Exit status: 0 all agree, 1 a disagreement, 2 a setup error.
 */
public final class Conformance {
    static final String IMPLEMENTATION = "com.networknt:json-schema-validator";
    static final String ID_BASE = "https://batch-job-schema.invalid/schemas/";

    public static void main(String[] args) {
        int status;
        try {
            status = run(Path.of(args[0]).toAbsolutePath().normalize());
        } catch (Exception e) {
            System.out.println("setup error: " + e);
            status = 2;
        }
        System.out.flush();
        System.exit(status);
    }

    static int run(Path root) throws Exception {
        String version = version();
        Path bundles = root.resolve("schemas/bundles");
        for (String name : List.of("default", "strict", "default.2020-12", "strict.2020-12")) {
            if (!Files.isRegularFile(bundles.resolve(name + ".schema.json"))) {
                throw new IllegalStateException("missing bundle " + bundles.resolve(name + ".schema.json"));
            }
        }
        SchemaRegistry draft7 = BatchJobSchemas.registry(bundles, SpecificationVersion.DRAFT_7);
        SchemaRegistry draft2020 = BatchJobSchemas.registry(bundles, SpecificationVersion.DRAFT_2020_12);
        boolean agreeAll = true;
        for (String dialect : List.of("", "/2020-12")) {
            for (String profile : List.of("default", "strict")) {
                List<Path> files = vectorFiles(root.resolve("test/vectors").resolve(profile));
                String label = profile + dialect;
                int agree = 0;
                int total = 0;
                for (Path file : files) {
                    for (JsonNode group : JsonMapper.shared().readTree(file)) {
                        String ref = group.get("schema").get("$ref").asString();
                        if (!dialect.isEmpty()) {
                            ref = ref.replace(ID_BASE, ID_BASE + "2020-12/");
                        }
                        SchemaRegistry registry = dialect.isEmpty() ? draft7 : draft2020;
                        for (JsonNode test : group.get("tests")) {
                            total++;
                            boolean expected = test.get("valid").asBoolean();
                            String says;
                            try {
                                String data = test.get("data").toString();
                                boolean valid = BatchJobSchemas.validate(registry, ref, data).isEmpty();
                                if (valid == expected) {
                                    agree++;
                                    continue;
                                }
                                says = valid ? "valid" : "invalid";
                            } catch (RuntimeException e) {
                                says = "error (" + e + ")";
                            }
                            System.out.println("DISAGREE " + label + " " + file.getFileName() + ": "
                                    + group.get("description").asString() + ": " + test.get("description").asString()
                                    + ": " + IMPLEMENTATION + " says " + says);
                        }
                    }
                }
                agreeAll &= agree == total;
                System.out.println(IMPLEMENTATION + " " + version + " " + label + ": "
                        + agree + "/" + total + " agree");
            }
        }
        return agreeAll ? 0 : 1;
    }

    static List<Path> vectorFiles(Path dir) throws Exception {
        try (Stream<Path> listing = Files.list(dir)) {
            List<Path> files = new ArrayList<>(listing.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            if (files.isEmpty()) {
                throw new IllegalStateException("no vector file in " + dir);
            }
            return files;
        }
    }

    /** The validator's version, from the jar on the class path (it equals the version pinned in pom.xml). */
    static String version() throws Exception {
        try (InputStream in = SchemaRegistry.class.getResourceAsStream(
                "/META-INF/maven/com.networknt/json-schema-validator/pom.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }
}

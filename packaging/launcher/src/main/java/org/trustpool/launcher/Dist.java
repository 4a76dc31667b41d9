package org.trustpool.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The built artifacts the launcher runs (WildFly, the EAR, the attestation WAR, the driver, the simulator) (packaging/launcher/target/dist, filled at `mvn package`). */
record Dist(Path dir, Path wildflyZip, Path ear, Path attestationWar, Path postgresqlJar, Path hostAgentJar) {

    static final String HINT = "run `mvn install -DskipTests` first";

    /** @param needHostAgent the simulator jar is only required when hosts are simulated */
    static Dist locate(Path dir, boolean needHostAgent) {
        if (!Files.isDirectory(dir)) {
            throw new LaunchException("no build output at " + dir + ": " + HINT);
        }
        List<String> missing = new ArrayList<>();
        Path zip = find(dir, missing, "wildfly-dist.zip");
        // the EAR keeps its artifactId when the pom copies it with stripVersion only
        Path ear = find(dir, missing, "trustpool.ear", "trustpool-ear.ear");
        Path attestation = find(dir, missing, "AttestationService.war");
        Path driver = find(dir, missing, "postgresql.jar");
        Path agent = needHostAgent ? find(dir, missing, "trustpool-hostagent-all.jar") : dir.resolve("trustpool-hostagent-all.jar");
        if (!missing.isEmpty()) {
            throw new LaunchException(String.join(", ", missing) + " missing in " + dir + ": " + HINT);
        }
        return new Dist(dir, zip, ear, attestation, driver, agent);
    }

    private static Path find(Path dir, List<String> missing, String... names) {
        for (String name : names) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        missing.add(names[0]);
        return null;
    }
}

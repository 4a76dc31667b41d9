package org.trustpool.arquillian;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ArchivePaths;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What the in-container tests deploy: the engine's real EAR, as the launcher deploys it (same name, so
 * the same JNDI names and context roots), plus one web module holding the test classes. The test module
 * sees the EAR's libraries and its EJB module as the REST module does; Arquillian's servlet protocol is
 * added to it (Testable.archiveToTest), and the EAR's other web modules are left alone.
 */
final class EngineArchive {
    static final String TEST_MODULE = "arquillian-it.war";
    private static final ArchivePath APPLICATION_XML = ArchivePaths.create("META-INF/application.xml");

    private EngineArchive() {
    }

    static EnterpriseArchive with(Class<?>... testClasses) {
        Path ear = Path.of(System.getProperty("trustpool.dist"), "trustpool.ear");
        EnterpriseArchive archive = ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear.toFile());
        WebArchive tests = ShrinkWrap.create(WebArchive.class, TEST_MODULE)
                .addClasses(testClasses)
                .addClasses(EngineArchive.class, EngineFixture.class, AgentStandIn.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")
                // the stand-ins serve real HTTP with the JDK's own server (module jdk.httpserver); the trust
                // cache test reads WildFly's Infinispan cache as the engine does
                .setManifest(new StringAsset("Manifest-Version: 1.0\nDependencies: jdk.httpserver, org.infinispan.core, org.infinispan.commons\n"));
        archive.addAsModule(Testable.archiveToTest(tests));
        String applicationXml = read(archive, APPLICATION_XML);
        if (!applicationXml.contains("<library-directory>")) {
            throw new IllegalStateException("the EAR's application.xml has no library-directory: " + applicationXml);
        }
        archive.delete(APPLICATION_XML);
        archive.add(new StringAsset(applicationXml.replace("<library-directory>",
                "<module><web><web-uri>" + TEST_MODULE + "</web-uri><context-root>/arquillian-it</context-root></web></module>\n  <library-directory>")),
                APPLICATION_XML);
        return archive;
    }

    private static String read(EnterpriseArchive archive, ArchivePath path) {
        try (InputStream in = archive.get(path).getAsset().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.trustpool.launcher;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliTemplateTest {

    @Test
    void valuesAreInsertedAsQuotedStrings() {
        String out = new CliTemplate("/x=y:add(url=@URL@, user=@USER@)").render(Map.of("URL", "jdbc:postgresql://h:1/db", "USER", "u"));
        assertEquals("/x=y:add(url=\"jdbc:postgresql://h:1/db\", user=\"u\")", out);
    }

    @Test
    void quotesAndBackslashesCannotBreakOut() {
        assertEquals("\"a\\\"b\\\\c, d)\"", CliTemplate.quote("P", "a\"b\\c, d)"));
    }

    @Test
    void somethingThatLooksLikeAnExpressionStaysLiteral() {
        assertEquals("\"$${env.HOME}x$$\"", CliTemplate.quote("P", "${env.HOME}x$"));
        assertEquals("\"pa$$word\"", CliTemplate.quote("P", "pa$$word"), "no expression: left alone");
    }

    @Test
    void controlCharactersAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CliTemplate.quote("DB_PASSWORD", "a\nb"));
        assertTrue(e.getMessage().contains("DB_PASSWORD"));
    }

    @Test
    void aMissingValueIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CliTemplate("a=@A@ b=@B@ c=@C@").render(Map.of("B", "1")));
        assertEquals("no value for A, C in the cli template", e.getMessage());
    }

    @Test
    void conditionalLinesAndComments() {
        CliTemplate t = new CliTemplate("# about @NOT_A_TOKEN@\nfirst\n?PW write(@PW@)\nlast");
        assertEquals("first\nlast", t.render(Map.of()));
        assertEquals("first\nlast", t.render(Map.of("PW", "")));
        assertEquals("first\nwrite(\"x\")\nlast", t.render(Map.of("PW", "x")));
    }

    @Test
    void theServerScriptRendersCompletely() {
        Map<String, String> values = new HashMap<>();
        values.put("POSTGRESQL_JAR", "/dist/postgresql.jar");
        values.put("DB_URL", "jdbc:postgresql://127.0.0.1:15432/engine");
        values.put("DB_USER", "engine");
        values.put("ATTESTATION_DB_USER", "attestation");
        values.put("LOCAL", "yes");
        String script = CliTemplate.load(CliTemplate.CONFIGURE_SERVER).render(values);
        assertTrue(script.strip().startsWith("embed-server --server-config=standalone.xml --std-out=echo"), script);
        // one engine: a local verdict cache and nothing of the clustered profile
        assertTrue(script.contains("cache-container=trustpool/local-cache=trust:add()"), script);
        assertFalse(script.contains("standalone-ha.xml") || script.contains("jgroups") || script.contains("replicated-cache"), script);
        assertTrue(script.strip().endsWith("stop-embedded-server"));
        assertTrue(script.contains("module add --name=org.postgresql --resources=\"/dist/postgresql.jar\""));
        assertTrue(script.contains("jndi-name=java:jboss/datasources/TrustpoolDS"));
        assertTrue(script.contains("connection-url=\"jdbc:postgresql://127.0.0.1:15432/engine\""));
        assertTrue(script.contains("PostgreSQLValidConnectionChecker"));
        assertTrue(script.contains("rewrite('/ovirt-engine/api$${1}')"));
        assertTrue(script.contains("filter-ref=api-alias:add()"));
        assertTrue(script.contains("logger=org.trustpool:add(level=INFO"));
        assertFalse(script.matches("(?s).*@[A-Z_]+@.*"), "no token left");
        // the service's own datasource and role; both passwords from the server's environment, none in the script
        assertTrue(script.contains("data-source=AttestationDS:add(jndi-name=java:jboss/datasources/AttestationDS"), script);
        assertTrue(script.contains("user-name=\"attestation\""), script);
        assertTrue(script.contains("password=\"${env.TRUSTPOOL_ATTESTATION_DS_PASSWORD:}\""), script);
        assertTrue(script.contains("write-attribute(name=password, value=\"${env.TRUSTPOOL_ENGINE_DS_PASSWORD:}\")"), script);
    }

    @Test
    void theClusteredProfileFindsNodesThroughTheDatabaseAndReplicatesVerdicts() {
        Map<String, String> values = new HashMap<>();
        values.put("POSTGRESQL_JAR", "/dist/postgresql.jar");
        values.put("DB_URL", "jdbc:postgresql://127.0.0.1:15432/engine");
        values.put("DB_USER", "engine");
        values.put("ATTESTATION_DB_USER", "attestation");
        values.put("CLUSTERED", "yes");
        String script = CliTemplate.load(CliTemplate.CONFIGURE_SERVER).render(values);
        assertTrue(script.strip().startsWith("embed-server --server-config=standalone-ha.xml --std-out=echo"), script);
        assertEquals(1, script.split("embed-server", -1).length - 1, "one server, one profile");
        assertFalse(script.contains("local-cache"), script);
        // same container and cache name as the local one: the same JNDI name for the engine
        assertTrue(script.contains("cache-container=trustpool/transport=jgroups:add(channel=ee"), script);
        assertTrue(script.contains("cache-container=trustpool/replicated-cache=trust:add("), script);
        // discovery through TrustpoolDS, which must exist before JGroups names it
        int datasource = script.indexOf("data-source=TrustpoolDS:add(");
        int ping = script.indexOf("protocol=JDBC_PING:add(add-index=1, data-source=TrustpoolDS, properties={initialize_sql=\"\"");
        assertTrue(datasource >= 0 && ping > datasource, script);
        assertTrue(script.contains("protocol=MPING:remove()"), script);
        assertTrue(script.contains("value=\"${trustpool.jgroups.port:7600}\""), script);
        assertTrue(script.contains("port=\"${trustpool.jgroups.fd.port:7700}\""), script);
        assertTrue(script.contains("protocol=FD_SOCK2:add(add-index=3, socket-binding=jgroups-tcp-fd)"), script);
        assertTrue(script.contains("properties, value={timeout=\"6000\", interval=\"1500\"}"), script);
        assertTrue(script.contains("channel=ee:write-attribute(name=stack, value=tcp)"), script);
        assertTrue(script.contains("/subsystem=modcluster:remove()"), script);
        assertTrue(script.contains("ajp-listener=ajp:remove()"), script);
        assertEquals(1, script.split("run-batch", -1).length - 1, "one batch: the cache container");
        assertFalse(script.matches("(?s).*\\?[A-Z]+ .*"), "no condition left");
    }
}

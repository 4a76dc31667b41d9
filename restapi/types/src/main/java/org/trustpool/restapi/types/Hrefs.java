package org.trustpool.restapi.types;

import java.util.List;

import org.trustpool.api.model.Actions;
import org.trustpool.api.model.Link;

/**
 * The hrefs we write into documents. They are oVirt's paths, because clients (the oVirt SDK among
 * them) follow hrefs and match link rels rather than build URLs of their own.
 */
public final class Hrefs {

    /** Where the API is served; /api is only an alias. */
    public static final String BASE = "/ovirt-engine/api";

    // Collection path segments as oVirt spells them (note "datacenters", not "data_centers").
    public static final String CLUSTERS = "clusters";
    public static final String DATA_CENTERS = "datacenters";
    public static final String HOSTS = "hosts";
    public static final String VMS = "vms";
    public static final String TEMPLATES = "templates";
    public static final String EVENTS = "events";
    public static final String JOBS = "jobs";

    /** The collections the api root links to, in the order it lists them. */
    public static final String USERS = "users";
    public static final List<String> COLLECTIONS = List.of(CLUSTERS, DATA_CENTERS, EVENTS, HOSTS, TEMPLATES, USERS, VMS);

    public static final List<String> HOST_ACTIONS = List.of("activate", "deactivate", "attest");
    public static final List<String> VM_ACTIONS = List.of("start", "stop", "migrate");

    private Hrefs() {
    }

    /** /ovirt-engine/api/clusters */
    public static String collection(String collection) {
        return BASE + "/" + collection;
    }

    /** /ovirt-engine/api/clusters/{id} */
    public static String of(String collection, Object id) {
        return collection(collection) + "/" + id;
    }

    public static Link link(String href, String rel) {
        Link link = new Link();
        link.setHref(href);
        link.setRel(rel);
        return link;
    }

    /** The api root's links: one per collection, rel being the collection's name. */
    public static List<Link> collectionLinks() {
        return COLLECTIONS.stream().map(c -> link(collection(c), c)).toList();
    }

    /** {@code <actions>} with one link per action, at {resourceHref}/{action} as oVirt posts them. */
    public static Actions actions(String resourceHref, List<String> rels) {
        Actions actions = new Actions();
        for (String rel : rels) {
            actions.getLink().add(link(resourceHref + "/" + rel, rel));
        }
        return actions;
    }
}

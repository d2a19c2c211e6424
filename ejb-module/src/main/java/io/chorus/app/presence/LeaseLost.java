package io.chorus.app.presence;

/**
 * This node found its lease taken: the other nodes cleared its sockets' rows. A local CDI event (not
 * a cluster event): the web layer closes the node's sockets so that their clients reconnect.
 */
public record LeaseLost(String nodeId) {
}

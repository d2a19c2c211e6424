/**
 * The cluster's nodes as the database knows them: one lease row per node ({@code cluster_node}),
 * renewed by its heartbeat and carrying its cumulative figures for the admin console. A node whose
 * lease ran out is dead; the survivor that takes its lease clears the sockets it recorded.
 */
package io.chorus.domain.cluster;

/**
 * The edges of the two client dialects, one package each: {@code a}, the JSON text frames of
 * {@code /ws}, and {@code b}, the JIM packets of {@code /jim}. An edge authenticates its sockets its
 * own way, turns frames into service calls and answers, and puts the cluster's events on the wire
 * through its {@link io.chorus.web.socket.Dialect}; the codecs are in {@code io.chorus.web.protocol},
 * everything both dialects share in {@code io.chorus.web.socket} and {@code io.chorus.web.delivery}.
 */
package io.chorus.web.dialect;

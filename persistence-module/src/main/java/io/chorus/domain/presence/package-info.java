/**
 * The sockets every node records ({@code device_connection}, one row per open socket), from which
 * presence and the "connected devices" of a user are read on any node. Whether a user is online is
 * decided in the application layer ({@code app.presence}) under the user's row lock.
 */
package io.chorus.domain.presence;

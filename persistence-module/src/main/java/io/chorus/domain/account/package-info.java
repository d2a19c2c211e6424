/**
 * Users and their devices ({@code app_user}, {@code device}), with the login throttle's counters.
 * A device row is what a token names; removing it cascades to its deliveries and socket rows.
 */
package io.chorus.domain.account;

/**
 * Stored server notices ({@code S2C}, and a group's {@code S2G}): messages of their own
 * conversations, stored in the transaction of the change they announce and delivered, resent,
 * backlogged and acknowledged like chat messages.
 */
package io.chorus.app.notice;

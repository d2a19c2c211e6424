/**
 * Messaging use cases. {@link io.chorus.app.message.MessageService} stores one-to-one, group and
 * multi-recipient sends and revokes (the rules: {@link io.chorus.app.message.DirectBatch} for
 * one-to-one sends, a single send being a batch of one, and {@link io.chorus.app.message.RevokeWindow});
 * {@link io.chorus.app.message.DirectSends} group-commits the sends from sockets;
 * {@link io.chorus.app.message.ConversationService} reads history, the recent list and read cursors,
 * moves them ({@link io.chorus.app.message.ReadReceipts} tells the reader's devices and the peer) and
 * counts a group's reads on request; {@link io.chorus.app.message.TypingService} tells who is typing.
 * What happens to a stored message on its way to each device is {@code io.chorus.app.delivery}'s.
 */
package io.chorus.app.message;

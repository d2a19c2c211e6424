/**
 * Messaging use cases. {@link io.chorus.app.message.MessageService} stores one-to-one, group and
 * multi-recipient sends and revokes (the rules: {@link io.chorus.app.message.DirectBatch} for
 * one-to-one sends, a single send being a batch of one, and {@link io.chorus.app.message.RevokeWindow});
 * {@link io.chorus.app.message.DirectSends} group-commits the sends from sockets.
 * {@link io.chorus.app.message.DeliveryService} is a device's side of delivery (backlog, gap fills,
 * settling its copies), {@link io.chorus.app.message.Acknowledgements} group-commits acks of copies
 * in flight, {@link io.chorus.app.message.BacklogJanitor} bounds the backlogs, and
 * {@link io.chorus.app.message.ConversationService} reads history, the recent list and read cursors.
 */
package io.chorus.app.message;

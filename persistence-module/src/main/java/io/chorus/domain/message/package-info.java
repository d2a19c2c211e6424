/**
 * Messaging storage: {@link io.chorus.domain.message.Conversation} and
 * {@link io.chorus.domain.message.Message} entities and one repository per table and concern.
 * {@link io.chorus.domain.message.ConversationRepository} finds, creates and locks conversations
 * (the lock that makes seqs gap-free) and reads the recent list;
 * {@link io.chorus.domain.message.MessageRepository} stores each message once and finds it by id,
 * by seq or by its sender's idempotency key; {@link io.chorus.domain.message.DeliveryRepository}
 * holds the per-device delivery rows (adding, backlogs, settling, bounds, figures);
 * {@link io.chorus.domain.message.ReadCursorRepository} the users' read cursors. Stored notices
 * ({@code S2C}, {@code S2G}) are messages of their own conversations and use the same tables.
 */
package io.chorus.domain.message;

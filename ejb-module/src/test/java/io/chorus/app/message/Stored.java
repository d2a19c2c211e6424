package io.chorus.app.message;

import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationKind;
import io.chorus.domain.message.Message;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/**
 * Entities as the database hands them out, for tests without one: their ids (and a conversation's
 * columns) are set the way JPA sets them, by field.
 */
final class Stored {
    private Stored() {
    }

    /** A direct conversation of users {@code lo} and {@code hi} whose last message has seq {@code lastSeq}. */
    static Conversation conversation(long id, long lo, long hi, long lastSeq) {
        try {
            Constructor<Conversation> constructor = Conversation.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            Conversation conversation = constructor.newInstance();
            set(conversation, Conversation.class, "id", id);
            set(conversation, Conversation.class, "kind", ConversationKind.DIRECT);
            set(conversation, Conversation.class, "userLo", Math.min(lo, hi));
            set(conversation, Conversation.class, "userHi", Math.max(lo, hi));
            set(conversation, Conversation.class, "lastSeq", lastSeq);
            return conversation;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message with the id the database gave it. */
    static Message withId(Message message, long id) {
        set(message, Message.class, "id", id);
        return message;
    }

    /** A message stored earlier: {@code senderId}'s {@code wireId} with seq {@code seq} of conversation {@code conversationId}. */
    static Message message(long id, long conversationId, long seq, long senderId, String wireId, long serverTs) {
        return withId(new Message(conversationId, seq, senderId, 100 + senderId, wireId, "{}", serverTs, serverTs), id);
    }

    private static void set(Object target, Class<?> type, String field, Object value) {
        try {
            Field f = type.getDeclaredField(field);
            f.setAccessible(true);
            f.set(target, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}

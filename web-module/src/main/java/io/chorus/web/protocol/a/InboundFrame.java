package io.chorus.web.protocol.a;

/**
 * A client frame that passed {@link FrameDecoder}: the closed set of what a dialect A client may say.
 *
 * <p>Java 17 has no pattern matching over sealed types in {@code switch}, so the closed set is
 * dispatched through {@link Handler}: adding a frame kind adds a method every handler must implement,
 * which the compiler enforces just as an exhaustive switch would.
 */
public sealed interface InboundFrame permits ChatFrame, RevokeFrame, EditFrame, ClientAck, ReadFrame, TypingFrame {

    /**
     * The id an error about this frame names ({@code ref}), so the client can match it to what it
     * sent; null for a frame without one.
     */
    default String ref() {
        return null;
    }

    /** Calls the handler method for this frame's kind. */
    <C> void dispatchTo(Handler<C> handler, C context);

    /** One method per frame kind; {@code C} is whatever the caller needs alongside the frame. */
    interface Handler<C> {
        void onChat(ChatFrame frame, C context);

        void onRevoke(RevokeFrame frame, C context);

        void onEdit(EditFrame frame, C context);

        void onClientAck(ClientAck ack, C context);

        void onRead(ReadFrame frame, C context);

        void onTyping(TypingFrame frame, C context);
    }
}

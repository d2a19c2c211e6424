package io.chorus.web.dialect.a;

import io.chorus.app.delivery.Acknowledgements;
import io.chorus.app.delivery.Acknowledgements.DeliveredCopy;
import io.chorus.app.delivery.DeliveryService;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.message.ConversationService;
import io.chorus.app.message.DirectSends;
import io.chorus.app.message.MessageEdits;
import io.chorus.app.message.MessageService;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.EditReceipt;
import io.chorus.app.message.MessageViews.RevokeReceipt;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.message.TypingService;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.domain.message.ConversationKind;
import io.chorus.web.delivery.DeviceFeed;
import io.chorus.web.delivery.LiveDelivery;
import io.chorus.web.protocol.a.ChatFrame;
import io.chorus.web.protocol.a.ChatType;
import io.chorus.web.protocol.a.ClientAck;
import io.chorus.web.protocol.a.EditFrame;
import io.chorus.web.protocol.a.FrameEncoder;
import io.chorus.web.protocol.a.InboundFrame;
import io.chorus.web.protocol.a.ReadFrame;
import io.chorus.web.protocol.a.RevokeFrame;
import io.chorus.web.protocol.a.TypingFrame;
import io.chorus.web.socket.AnswerOrder;
import io.chorus.web.socket.ClientConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Routes each decoded frame to the use case for its kind, one method per kind of the closed set
 * {@link InboundFrame}: each arm calls a service and answers through the connection. Acks and
 * one-to-one sends pipeline into group commits; the connection's {@link AnswerOrder} keeps the answers
 * in the order of the frames, given what each kind is to it ({@link #turnOf}).
 */
@ApplicationScoped
class FrameDispatcher implements InboundFrame.Handler<ClientConnection> {
    private static final Logger LOG = Logger.getLogger(FrameDispatcher.class.getName());

    /** What a device acknowledges: messages and stored notices. */
    private static final Set<String> ACKNOWLEDGED_KINDS = Set.of(ConversationKind.DIRECT.code(), ConversationKind.GROUP.code(),
            ConversationKind.NOTICES.code());

    @Inject
    DatabaseReach reach;

    @Inject
    FrameEncoder encoder;

    @Inject
    MessageService messages;

    @Inject
    MessageEdits edits;

    @Inject
    DeliveryService deliveries;

    @Inject
    Acknowledgements acknowledgements;

    @Inject
    DirectSends directSends;

    @Inject
    LiveDelivery liveDelivery;

    @Inject
    NodeMetrics metrics;

    @Inject
    ConversationService conversations;

    @Inject
    TypingService typing;

    @Inject
    TypingThrottle typingThrottle;

    /** Handles a decoded frame once the frames before it that it must not overtake are settled and answered. */
    void dispatch(ClientConnection connection, InboundFrame frame) {
        connection.answerOrder().awaitTurn(turnOf(frame));
        reach.check();
        frame.dispatchTo(this, connection);
    }

    /** Acks and one-to-one sends pipeline; every other kind (a new one too) waits for them. */
    static AnswerOrder.Turn turnOf(InboundFrame frame) {
        if (frame instanceof ClientAck) {
            return AnswerOrder.Turn.ACK;
        }
        boolean directSend = frame instanceof ChatFrame chat && chat.type() == ChatType.C2C;
        return directSend ? AnswerOrder.Turn.PIPELINED_SEND : AnswerOrder.Turn.OTHER;
    }

    /**
     * C2C and C2G: stored, then acknowledged after the commit. A one-to-one send joins the node's
     * next group commit ({@link DirectSends}) and is answered when that committed, without holding
     * this thread; a group send (its fan-out makes it a batch of its own) commits here.
     */
    @Override
    public void onChat(ChatFrame frame, ClientConnection connection) {
        try {
            if (!connection.maySend()) {
                throw new ChorusException(ErrorCode.RATE_LIMITED);
            }
            ChatSend send = new ChatSend(frame.id(), frame.to(), frame.payloadJson(), frame.createdAt());
            if (frame.type() == ChatType.C2G) {
                serverAck(frame, messages.sendGroup(connection.caller(), send), connection);
                return;
            }
            connection.answerOrder().sending(directSends.submit(connection.caller(), send), (receipt, failure) -> {
                if (failure == null) {
                    serverAck(frame, receipt, connection);
                } else if (failure instanceof ChorusException refused) {
                    connection.send(refusal(refused, frame.id(), connection));
                } else {
                    ErrorCode code = reach.codeOf(failure);
                    LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                            "Storing a message of " + connection + " failed", failure);
                    connection.send(encoder.error(code, frame.id()));
                }
            });
        } catch (ChorusException refused) {
            connection.answerOrder().answerAfterSends(refusal(refused, frame.id(), connection));
        }
    }

    private void serverAck(ChatFrame frame, SendReceipt receipt, ClientConnection connection) {
        connection.send(encoder.serverAck(frame.type(), receipt.wireId(), receipt.serverTs(), receipt.seq()));
    }

    /** A revoke by the message's author: {@code C2C_REVOKE_ACK} / {@code C2G_REVOKE_ACK} after the commit. */
    @Override
    public void onRevoke(RevokeFrame frame, ClientConnection connection) {
        try {
            RevokeReceipt receipt = frame.type() == ChatType.C2G
                    ? messages.revokeGroup(connection.caller(), frame.id(), frame.to())
                    : messages.revokeDirect(connection.caller(), frame.id(), frame.to());
            connection.send(encoder.revokeAck(frame.type(), receipt.wireId(), receipt.serverTs()));
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), frame.id(), refused.getMessage()));
        }
    }

    /**
     * An edit by the message's author: {@code C2C_EDIT_ACK} / {@code C2G_EDIT_ACK} after the commit;
     * the other devices get the stored {@code message_edited} notice.
     */
    @Override
    public void onEdit(EditFrame frame, ClientConnection connection) {
        try {
            EditReceipt receipt = edits.edit(connection.caller(), frame.type().messageType(), frame.id(), frame.to(), frame.text());
            connection.send(encoder.editAck(frame.type(), receipt.wireId(), receipt.seq(), receipt.editedAt()));
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), frame.id(), refused.getMessage()));
        }
    }

    /**
     * The friendship gate answers as the Erlang server does, with an {@code S2C} notice
     * ({@code not_a_friend}, {@code in_denylist}) that names the refused message by its id and has an
     * empty {@code from}; every other refusal is an error frame.
     */
    private String refusal(ChorusException refused, String ref, ClientConnection connection) {
        if (refused.code() == ErrorCode.NOT_A_FRIEND || refused.code() == ErrorCode.IN_DENYLIST) {
            return encoder.refusalNotice(ref, connection.caller().uid(), refused.code().reason());
        }
        return encoder.error(refused.code(), ref, refused.getMessage());
    }

    /**
     * {@code CLIENT_ACK,C2C|C2G|S2C,...} settles this device's copy of a message or stored notice; an
     * unknown id is an error frame. A copy this connection sent is settled by its message id, in a
     * group commit with other acks (the connection's next frame waits for it); any other goes by its
     * wire id, and a copy this connection settled a moment ago is unknown without asking the database.
     */
    @Override
    public void onClientAck(ClientAck ack, ClientConnection connection) {
        try {
            if (!ACKNOWLEDGED_KINDS.contains(ack.type())) {
                throw new ChorusException(ErrorCode.UNKNOWN_MESSAGE);
            }
            // No feed once the connection has closed: then nothing is in flight on it.
            DeviceFeed feed = liveDelivery.feedOf(connection);
            Long inFlight = feed == null ? null : feed.settling(ack.type(), ack.msgId());
            if (inFlight == null && feed != null && feed.settledRecently(ack.type(), ack.msgId())) {
                throw new ChorusException(ErrorCode.UNKNOWN_MESSAGE); // an ack of a resent copy: nothing left to settle
            }
            if (inFlight == null) {
                deliveries.acknowledge(connection.caller(), ConversationKind.ofCode(ack.type()), ack.msgId());
                metrics.acked();
                return;
            }
            DeliveredCopy delivered = feed.deliveredCopy(ack.type(), ack.msgId());
            connection.answerOrder().acknowledging(acknowledgements.settle(connection.caller().deviceId(), inFlight, delivered),
                    (settled, failed) -> {
                        if (failed == null) {
                            metrics.acked();
                            feed.acknowledged(ack.type(), ack.msgId());
                        } else {
                            feed.settleFailed(ack.type(), ack.msgId());
                            ErrorCode code = reach.codeOf(failed);
                            LOG.log(code == ErrorCode.INTERNAL ? Level.WARNING : Level.FINE,
                                    "Settling an acknowledgement of " + connection + " failed", failed);
                            connection.send(encoder.error(code, ack.msgId()));
                        }
                    });
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), ack.msgId(), refused.getMessage()));
        }
    }

    /**
     * {@code C2C_READ} / {@code C2G_READ}: the caller's cursor moves forward to {@code seq} (the REST
     * read's rules and effects); no answer when done, an error frame when refused (nothing changed).
     */
    @Override
    public void onRead(ReadFrame frame, ClientConnection connection) {
        try {
            conversations.markRead(connection.caller(), frame.type().messageType(), frame.to(), frame.seq());
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), null, refused.getMessage()));
        }
    }

    /**
     * {@code C2C_TYPING} / {@code C2G_TYPING}: fire and forget. A frame within the device's throttle
     * interval for that conversation is dropped without an answer; a refused one is an error frame.
     */
    @Override
    public void onTyping(TypingFrame frame, ClientConnection connection) {
        if (!typingThrottle.mayType(connection.caller().deviceId(), frame.type(), frame.to())) {
            return;
        }
        try {
            typing.typing(connection.caller(), ConversationKind.ofCode(frame.type().messageType()), frame.to());
        } catch (ChorusException refused) {
            connection.send(encoder.error(refused.code(), null, refused.getMessage()));
        }
    }
}

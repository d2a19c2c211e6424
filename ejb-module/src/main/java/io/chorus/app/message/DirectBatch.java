package io.chorus.app.message;

import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileViews.FileUse;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.message.Conversation;
import io.chorus.domain.message.ConversationRepository.UserPair;
import io.chorus.domain.message.Message;
import io.chorus.domain.message.MessageRepository.SenderWireId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The rules of one batch of one-to-one sends, without the database: {@link MessageService} asks
 * the database what a step needs (which recipients exist, which ids are stored already, who may not
 * send to whom), hands the answers in and stores what comes out. A single send is a batch of one.
 * Sends are decided in batch order, each exactly as if it had come alone after the ones before it:
 * <ol>
 * <li>a recipient that is no user's id is refused ({@code not_a_friend} with the friendship gate
 * on, like any stranger, so the gate does not reveal which ids exist; {@code not_found} without);
 * <li>an id ({@code (sender, wire id)}) stored already is a retry: the original's receipt, nothing
 * stored, whatever the gate says now; the same id again later in the batch is a retry of the first;
 * <li>the friendship gate refuses ({@code not_a_friend}, {@code in_denylist});
 * <li>a payload naming a file the sender did not upload to this conversation is refused
 * ({@code attachment_refused}, docs/FILES.md); so is one whose {@code reply_to} is no live message of
 * the conversation ({@code reply_refused}) or that has {@code mentions} ({@code mention_refused}:
 * they are for groups);
 * <li>everything else is stored with its conversation's next seq, in batch order, so each
 * conversation's seqs stay gap-free: refusals and retries take none.
 * </ol>
 * A refusal is an outcome, not an exception, so it costs the other sends of the batch nothing.
 * Not thread-safe: one batch, one transaction, one thread.
 */
final class DirectBatch {
    private final List<DirectSend> sends;
    private final Supplier<ChorusException> noSuchRecipient;
    private final SendOutcome[] outcomes;
    private final long[] recipients;
    // Sends to an existing user, not decided yet, in batch order.
    private final List<Integer> accepted = new ArrayList<>();
    private final List<Integer> toStore = new ArrayList<>();
    // A send repeating the id of one stored earlier in this batch, and that one.
    private final Map<Integer, Integer> retryOf = new HashMap<>();
    private final List<NewMessage> fresh = new ArrayList<>();

    /** A message this batch stores, with the send that made it and its recipient's user id. */
    record NewMessage(DirectSend send, long recipientId, Message message) {
    }

    DirectBatch(List<DirectSend> sends, Supplier<ChorusException> noSuchRecipient) {
        this.sends = sends;
        this.noSuchRecipient = noSuchRecipient;
        this.outcomes = new SendOutcome[sends.size()];
        this.recipients = new long[sends.size()];
    }

    /**
     * Rule 1. {@code decode} turns a public id into a user id (a {@link ChorusException} for what is
     * not one); {@code existing} answers which of the user ids exist, once for the batch.
     */
    void address(ToLongFunction<String> decode, Function<List<Long>, Set<Long>> existing) {
        List<Integer> decoded = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            try {
                recipients[i] = decode.applyAsLong(sends.get(i).send().to());
                decoded.add(i);
            } catch (ChorusException notAnId) {
                outcomes[i] = SendOutcome.refused(noSuchRecipient.get());
            }
        }
        Set<Long> users = existing.apply(decoded.stream().map(i -> recipients[i]).distinct().toList());
        for (int i : decoded) {
            if (users.contains(recipients[i])) {
                accepted.add(i);
            } else {
                outcomes[i] = SendOutcome.refused(noSuchRecipient.get());
            }
        }
    }

    boolean anyAccepted() {
        return !accepted.isEmpty();
    }

    /** The conversations of the accepted sends: locked before their ids are looked up. */
    Set<UserPair> pairs() {
        return accepted.stream().map(this::pair).collect(Collectors.toSet());
    }

    /** The ids of the accepted sends, to find what was stored under them already. */
    List<SenderWireId> keys() {
        return accepted.stream().map(this::key).toList();
    }

    /** Recipient to sender for each accepted send: what the friendship gate is asked. */
    List<Edge> gateEdges() {
        return accepted.stream().map(this::gateEdge).distinct().toList();
    }

    /** The files the accepted sends name, to ask which of them their sender may not attach. */
    List<FileUse> fileUses() {
        List<FileUse> uses = new ArrayList<>();
        for (int i : accepted) {
            fileUse(i).ifPresent(uses::add);
        }
        return uses;
    }

    private java.util.Optional<FileUse> fileUse(int i) {
        DirectSend item = sends.get(i);
        return FileReferences.fileId(item.send().payloadJson())
                .map(fileId -> new FileUse(fileId, item.sender().userId(), false, recipients[i]));
    }

    void decide(Map<SenderWireId, Message> originals, Map<Edge, ErrorCode> refusals) {
        decide(originals, refusals, Set.of());
    }

    void decide(Map<SenderWireId, Message> originals, Map<Edge, ErrorCode> refusals, Set<FileUse> refusedFiles) {
        decide(originals, refusals, refusedFiles, (send, pair) -> null);
    }

    /**
     * Rules 2 to 5 for the accepted sends: {@code originals} are the messages already stored under
     * their ids, {@code refusals} the gate's answer per edge (empty with the gate off),
     * {@code refusedFiles} the {@link #fileUses} the sender may not make, {@code references} the
     * refusal of a send's reply or mentions in its conversation (null: fine), asked only of sends
     * that would otherwise be stored.
     */
    void decide(Map<SenderWireId, Message> originals, Map<Edge, ErrorCode> refusals, Set<FileUse> refusedFiles,
                BiFunction<DirectSend, UserPair, ChorusException> references) {
        ChorusException referenceRefusal;
        Map<SenderWireId, Integer> storedHere = new HashMap<>();
        for (int i : accepted) {
            SenderWireId key = key(i);
            Message original = originals.get(key);
            ErrorCode refusal = refusals.get(gateEdge(i));
            if (storedHere.containsKey(key)) {
                retryOf.put(i, storedHere.get(key));
            } else if (original != null) {
                outcomes[i] = SendOutcome.stored(MessageService.receipt(original));
            } else if (refusal != null) {
                outcomes[i] = SendOutcome.refused(new ChorusException(refusal));
            } else if (!refusedFiles.isEmpty() && fileUse(i).filter(refusedFiles::contains).isPresent()) {
                outcomes[i] = SendOutcome.refused(new ChorusException(ErrorCode.ATTACHMENT_REFUSED));
            } else if ((referenceRefusal = references.apply(sends.get(i), pair(i))) != null) {
                outcomes[i] = SendOutcome.refused(referenceRefusal);
            } else {
                toStore.add(i);
                storedHere.put(key, i);
            }
        }
    }

    boolean anyToStore() {
        return !toStore.isEmpty();
    }

    /**
     * The conversations the sends to store need that {@code existing} (the locked ones) lacks: first
     * messages, whose conversation is created only now that a send is known to be stored, so a
     * refused send leaves nothing behind.
     */
    Set<UserPair> firstMessages(Set<UserPair> existing) {
        return toStore.stream().map(this::pair).filter(pair -> !existing.contains(pair)).collect(Collectors.toSet());
    }

    /**
     * The ids of the sends to store in these new conversations. Their originals were looked up
     * before any lock covered them: a concurrent send of the same id (a retry racing its original)
     * may have committed since, so they are looked up once more under the new lock.
     */
    List<SenderWireId> keysIn(Set<UserPair> conversations) {
        return toStore.stream().filter(i -> conversations.contains(pair(i))).map(this::key).toList();
    }

    /** Rule 2 again for sends whose original turned up under the lock (see {@link #keysIn}). */
    void originalsFound(Map<SenderWireId, Message> originals) {
        toStore.removeIf(i -> {
            Message original = originals.get(key(i));
            if (original != null) {
                outcomes[i] = SendOutcome.stored(MessageService.receipt(original));
            }
            return original != null;
        });
    }

    /**
     * The messages to store, each with its conversation's next seq, in batch order. Save them, then
     * take the {@link #outcomes()}.
     */
    List<NewMessage> newMessages(Map<UserPair, Conversation> conversations, long serverTs) {
        for (int i : toStore) {
            DirectSend item = sends.get(i);
            Conversation conversation = conversations.get(pair(i));
            fresh.add(new NewMessage(item, recipients[i], new Message(conversation.getId(), conversation.nextSeq(),
                    item.sender().userId(), item.sender().deviceId(), item.send().wireId(), item.send().payloadJson(),
                    item.send().createdAt(), serverTs)));
        }
        return List.copyOf(fresh);
    }

    /** What each send became, in batch order; call once the new messages are saved (their ids are in the receipts). */
    List<SendOutcome> outcomes() {
        for (int m = 0; m < fresh.size(); m++) {
            outcomes[toStore.get(m)] = SendOutcome.stored(MessageService.receipt(fresh.get(m).message()));
        }
        retryOf.forEach((retry, first) -> outcomes[retry] = outcomes[first]);
        return Arrays.asList(outcomes.clone());
    }

    private SenderWireId key(int i) {
        return new SenderWireId(sends.get(i).sender().userId(), sends.get(i).send().wireId());
    }

    private UserPair pair(int i) {
        return UserPair.of(sends.get(i).sender().userId(), recipients[i]);
    }

    private Edge gateEdge(int i) {
        return new Edge(recipients[i], sends.get(i).sender().userId());
    }
}

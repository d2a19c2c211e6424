package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.Typing;
import io.chorus.app.friend.FriendService;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.group.GroupMember;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.ConversationKind;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * "Someone is typing": told once to the connected devices of the peer or of the group's other
 * members, never stored, never resent, expiring on the clients by itself. Whoever may not send to
 * the conversation may not type in it either (the friendship gate, membership, mute), so typing
 * reveals nothing a send would not. Reads only; the edge throttles a device's typing before it gets
 * here, so a flood costs no query.
 */
@Stateless
public class TypingService {
    @Inject
    PublicIds ids;

    @Inject
    FriendService friends;

    @Inject
    AccountRepository accounts;

    @Inject
    GroupRepository groups;

    @Inject
    EventPublisher events;

    @Inject
    @ConfigProperty(name = "chorus.c2c.requireFriendship")
    boolean requireFriendship;

    /** {@code kind} the conversation's, {@code to} the peer's uid or the group's gid. */
    public void typing(Caller caller, ConversationKind kind, String to) {
        List<Long> audience = kind == ConversationKind.GROUP ? groupAudience(caller, to) : List.of(peer(caller, to));
        if (!audience.isEmpty()) {
            events.publish(new Typing(caller.uid(), kind, to, System.currentTimeMillis(), audience));
        }
    }

    private List<Long> groupAudience(Caller caller, String gid) {
        long groupId = ids.decodeGroupOr(gid, () -> new ChorusException(ErrorCode.NOT_A_MEMBER));
        GroupMember member = groups.member(groupId, caller.userId()).orElseThrow(() -> new ChorusException(ErrorCode.NOT_A_MEMBER));
        if (member.isMuted()) {
            throw new ChorusException(ErrorCode.MUTED);
        }
        return groups.memberIds(groupId).stream().filter(id -> id != caller.userId()).toList();
    }

    /** As a send's gate decides: with it on, an unknown user is any stranger ({@code not_a_friend}). */
    private long peer(Caller caller, String uid) {
        ErrorCode unknown = requireFriendship ? ErrorCode.NOT_A_FRIEND : ErrorCode.NOT_FOUND;
        long peer = ids.decodeOr(uid, () -> new ChorusException(unknown));
        if (requireFriendship) {
            Edge edge = new Edge(peer, caller.userId());
            ErrorCode refusal = friends.refusals(List.of(edge)).get(edge);
            if (refusal != null) {
                throw new ChorusException(refusal);
            }
        } else if (accounts.findUser(peer).isEmpty()) {
            throw new ChorusException(unknown);
        }
        return peer;
    }
}

package io.chorus.app.friend;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import io.chorus.app.friend.FriendRequestRules.Decision;
import io.chorus.app.friend.FriendViews.AcceptCommand;
import io.chorus.app.friend.FriendViews.DeniedView;
import io.chorus.app.friend.FriendViews.FriendPatch;
import io.chorus.app.friend.FriendViews.FriendView;
import io.chorus.app.friend.FriendViews.RequestCommand;
import io.chorus.app.friend.FriendViews.RequestOutcome;
import io.chorus.app.friend.FriendViews.RequestView;
import io.chorus.app.friend.FriendViews.RosterChangeView;
import io.chorus.app.friend.FriendViews.UserRef;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.notice.NoticeService;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.friend.FriendRepository.Edge;
import io.chorus.domain.friend.FriendRepository.RequestRow;
import io.chorus.domain.friend.FriendRepository;
import io.chorus.domain.friend.FriendRequest.Status;
import io.chorus.domain.friend.FriendRequest;
import io.chorus.domain.friend.FriendSettings;
import io.chorus.domain.friend.RosterChange;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The friend workflow (SPEC §7), each step one transaction: request → {@code apply_friend} to the
 * target; accept → both friendship rows and {@code apply_friend_confirm} to the applicant; reject;
 * ignore; one-sided delete; remarks and flags; the deny-list; and the gate in front of one-to-one
 * sends. Another user's request is as unknown as a missing one. Every change of a friend list is
 * logged ({@link RosterChange}, for JIM's {@code Cmd_GetRosterChanged}) and told to the owner's other
 * devices ({@code friend_changed}) in the same transaction.
 */
@Stateless
public class FriendService {
    private static final Logger LOG = Logger.getLogger(FriendService.class.getName());
    private static final int REQUEST_PAGE = 200;
    /** {@link RosterChange} types by number, as views and notices name them. */
    private static final String[] CHANGE_NAMES = {null, "added", "updated", "removed"};

    @Inject
    FriendRepository friendships;

    @Inject
    AccountRepository accounts;

    @Inject
    NoticeService notices;

    @Inject
    PublicIds ids;

    @Inject
    @ConfigProperty(name = "chorus.changes.retention-days")
    int changeRetentionDays;

    @Inject
    @ConfigProperty(name = "chorus.friend.requests-per-day")
    int requestsPerDay;

    @Inject
    @ConfigProperty(name = "chorus.friend.max-open-sent")
    int maxOpenSent;

    @Inject
    @ConfigProperty(name = "chorus.friend.max-open-received")
    int maxOpenReceived;

    /** Opens a request, or answers the caller's own open request to the same user again. */
    public RequestOutcome request(Caller caller, RequestCommand command) {
        InputRules.required("body", command);
        UserAccount target = user(InputRules.required("to", command.to()));
        if (target.getId() == caller.userId()) {
            throw ChorusException.invalid("to must be another user");
        }
        String msg = InputRules.printable("msg", command.msg(), 256);
        String source = InputRules.printable("source", command.source(), 64);
        FriendSettings settings = settings(command.remark(), command.role(), command.donotlookhim(), command.donotlethimlook());
        FriendRequestRules.checkMayAsk(() -> friendships.isFriend(caller.userId(), target.getId()),
                () -> friendships.isFriend(target.getId(), caller.userId()), () -> friendships.isDenied(target.getId(), caller.userId()));
        long now = Instant.now().toEpochMilli();
        Optional<FriendRequest> open = friendships.findOpen(caller.userId(), target.getId());
        boolean created = false;
        if (open.isEmpty()) {
            new FriendRequestRules.Limits(requestsPerDay, maxOpenSent, maxOpenReceived).check(
                    () -> friendships.sentSince(caller.userId(), now - Duration.ofDays(1).toMillis()),
                    () -> friendships.openSent(caller.userId()), () -> friendships.openReceived(target.getId()));
            created = friendships.openRequest(caller.userId(), target.getId(), msg, source, settings, now);
            // Made here, or by a concurrent request that won the open-pair constraint.
            open = friendships.findOpen(caller.userId(), target.getId());
        }
        FriendRequest request = open.orElseThrow();
        FriendRequestRules.checkOpenRequestIsCallers(request.getFromUserId(), caller.userId());
        if (created) {
            String rid = ids.encode(request.getId());
            String fromUid = caller.uid();
            String toUid = ids.encode(target.getId());
            notices.store(target.getId(), toUid, caller.userId(), fromUid, "af_" + fromUid + "_" + toUid + "_" + rid,
                    applyFriendPayload(request, "apply_friend", rid));
            LOG.fine(() -> "Friend request " + request.getId() + " from " + caller.userId() + " to " + target.getId());
        }
        return new RequestOutcome(view(request, caller.userId(), ref(target)), created);
    }

    /** {@code box} is {@code in} (waiting for my decision) or {@code out} (mine, still open). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RequestView> requests(Caller caller, String box) {
        List<RequestRow> rows = switch (box == null ? "in" : box) {
            case "in" -> friendships.incoming(caller.userId(), REQUEST_PAGE);
            case "out" -> friendships.outgoing(caller.userId(), REQUEST_PAGE);
            default -> throw ChorusException.invalid("box must be in or out");
        };
        return rows.stream().map(row -> new RequestView(ids.encode(row.id()), ids.encode(row.fromUserId()),
                ids.encode(row.toUserId()), "pending", row.msg(), row.source(), row.createdAt(),
                new UserRef(ids.encode(row.fromUserId() == caller.userId() ? row.toUserId() : row.fromUserId()),
                        row.otherAccount(), row.otherNickname()))).toList();
    }

    /**
     * The target accepts: both friendship rows and the applicant's {@code apply_friend_confirm}, in
     * this one transaction. Accepting an accepted request again changes nothing.
     */
    public RequestView accept(Caller caller, String requestId, AcceptCommand command) {
        AcceptCommand accept = command == null ? new AcceptCommand(null, null, null, null) : command;
        FriendSettings mine = settings(accept.remark(), accept.role(), accept.donotlookhim(), accept.donotlethimlook());
        FriendRequest request = addressedTo(caller, requestId);
        if (Decision.ACCEPT.changes(request.getStatus())) {
            long now = Instant.now().toEpochMilli();
            long applicant = request.getFromUserId();
            friendships.befriend(caller.userId(), applicant, mine, now);
            friendships.befriend(applicant, caller.userId(), new FriendSettings(request.getRemark(), request.getRole(),
                    request.isDonotlookhim(), request.isDonotlethimlook()), now);
            request.close(Status.ACCEPTED, now);
            friendships.recordChange(applicant, caller.userId(), RosterChange.ADDED, now);
            rosterChanged(caller, applicant, RosterChange.ADDED, mine, now);
            String rid = ids.encode(request.getId());
            String applicantUid = ids.encode(applicant);
            notices.store(applicant, applicantUid, caller.userId(), caller.uid(),
                    "afc_" + caller.uid() + "_" + applicantUid + "_" + rid, applyFriendPayload(request, "apply_friend_confirm", rid));
            LOG.fine(() -> "Friend request " + request.getId() + " accepted");
        }
        return view(request, caller.userId(), null);
    }

    /** The target declines; the applicant may ask again later. Rejecting twice changes nothing. */
    public RequestView reject(Caller caller, String requestId) {
        FriendRequest request = addressedTo(caller, requestId);
        if (Decision.REJECT.changes(request.getStatus())) {
            request.close(Status.REJECTED, Instant.now().toEpochMilli());
        }
        return view(request, caller.userId(), null);
    }

    /**
     * The target sets the request aside without telling: it leaves the inbox, still looks pending to
     * the applicant (who therefore cannot ask again) and can still be accepted or rejected.
     */
    public RequestView ignore(Caller caller, String requestId) {
        FriendRequest request = addressedTo(caller, requestId);
        if (Decision.IGNORE.changes(request.getStatus())) {
            request.ignore(Instant.now().toEpochMilli());
        }
        return view(request, caller.userId(), null);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<FriendView> friends(Caller caller) {
        return friendships.friends(caller.userId()).stream().map(row -> new FriendView(ids.encode(row.friendId()), row.account(),
                row.nickname(), row.settings().remark(), row.settings().role(), row.settings().donotlookhim(),
                row.settings().donotlethimlook(), row.online() ? "online" : "offline", row.since())).toList();
    }

    public void update(Caller caller, String friendUid, FriendPatch patch) {
        InputRules.required("body", patch);
        long friendId = decode(friendUid);
        var friendship = friendships.findFriendship(caller.userId(), friendId)
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "Not in your friend list."));
        FriendSettings before = friendship.settings();
        FriendSettings after = settings(patch.remark() == null ? before.remark() : patch.remark(),
                patch.role() == null ? before.role() : patch.role(),
                patch.donotlookhim() == null ? before.donotlookhim() : patch.donotlookhim(),
                patch.donotlethimlook() == null ? before.donotlethimlook() : patch.donotlethimlook());
        friendship.apply(after);
        rosterChanged(caller, friendId, RosterChange.UPDATED, after, Instant.now().toEpochMilli());
    }

    /** One-sided, as in the Erlang server: the former friend can no longer send to the caller. */
    public void delete(Caller caller, String friendUid) {
        long friendId = decode(friendUid);
        if (!friendships.unfriend(caller.userId(), friendId)) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "Not in your friend list.");
        }
        rosterChanged(caller, friendId, RosterChange.REMOVED, null, Instant.now().toEpochMilli());
    }

    /**
     * The caller's friend-list changes stamped after {@code after} (ms), oldest first, at most
     * {@code limit}; changes older than the retention are forgotten (docs/ARCHITECTURE.md).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<RosterChangeView> rosterChanges(Caller caller, long after, int limit) {
        return friendships.changesSince(caller.userId(), after, limit).stream()
                .map(change -> new RosterChangeView(ids.encode(change.friendId()), CHANGE_NAMES[change.type()], change.stamp()))
                .toList();
    }

    /** The retention of the roster change log; every node purges, the delete is idempotent. */
    @Schedule(hour = "*", minute = "23", persistent = false)
    void purgeRosterChanges() {
        int purged = friendships.purgeChangesBefore(Instant.now().minus(Duration.ofDays(changeRetentionDays)).toEpochMilli());
        if (purged > 0) {
            LOG.fine(() -> "Purged " + purged + " roster changes");
        }
    }

    /**
     * Logs that the caller's entry for {@code friendId} changed and tells the caller's other devices
     * ({@code friend_changed}; on JIM {@code Cmd_RosterChangedNotification}); the acting device knows.
     */
    private void rosterChanged(Caller caller, long friendId, int type, FriendSettings settings, long now) {
        friendships.recordChange(caller.userId(), friendId, type, now);
        var payload = Jsonp.object().add("msg_type", "friend_changed").add("uid", ids.encode(friendId))
                .add("change", CHANGE_NAMES[type]);
        if (settings != null) {
            add(payload, "remark", settings.remark());
            add(payload, "role", settings.role());
        }
        notices.storeForOtherDevices(caller.userId(), caller.uid(), caller.deviceId(), payload.build(), now);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<DeniedView> denylist(Caller caller) {
        return friendships.denylist(caller.userId()).stream()
                .map(row -> new DeniedView(ids.encode(row.deniedId()), row.account(), row.nickname(), row.since())).toList();
    }

    /** Idempotent: denying a user twice is one entry. */
    public void deny(Caller caller, String uid) {
        UserAccount denied = user(uid);
        if (denied.getId() == caller.userId()) {
            throw ChorusException.invalid("you cannot deny yourself");
        }
        friendships.deny(caller.userId(), denied.getId(), Instant.now().toEpochMilli());
    }

    /** Idempotent: removing a user who is not on the list changes nothing. */
    public void undeny(Caller caller, String uid) {
        friendships.undeny(caller.userId(), decode(uid));
    }

    /**
     * The gate in front of one-to-one sends ({@link FriendGate}), for a batch of sends in one query
     * (a single send is a batch of one). Each edge goes from a recipient
     * ({@code ownerId}) to a sender ({@code otherId}); the answer holds the refusal of each edge
     * whose sender may not send, and nothing for the others.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Map<Edge, ErrorCode> refusals(List<Edge> recipientToSender) {
        Map<Edge, Boolean> denials = friendships.friendshipsWithDenial(recipientToSender);
        Map<Edge, ErrorCode> refusals = new HashMap<>();
        for (Edge edge : recipientToSender) {
            Boolean denied = denials.get(edge);
            FriendGate.refusal(denied != null, () -> denied).ifPresent(refusal -> refusals.put(edge, refusal));
        }
        return refusals;
    }

    private FriendRequest addressedTo(Caller caller, String requestId) {
        return friendships.lockRequest(decode(requestId))
                .filter(r -> FriendRequestRules.decides(r.getToUserId(), caller.userId()))
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such friend request."));
    }

    /**
     * The seed's {@code apply_friend} payload: the applicant's own fields under {@code from}, plus
     * {@code request_id} so the target can answer through {@code /api/friends/requests/{id}}.
     */
    private static JsonObject applyFriendPayload(FriendRequest request, String customType, String requestId) {
        var from = Jsonp.object();
        add(from, "source", request.getSource());
        add(from, "msg", request.getMsg());
        add(from, "remark", request.getRemark());
        add(from, "role", request.getRole());
        from.add("donotlookhim", request.isDonotlookhim());
        from.add("donotlethimlook", request.isDonotlethimlook());
        return Jsonp.object()
                .add("from", from)
                .add("to", Jsonp.object())
                .add("msg_type", "custom")
                .add("custom_type", customType)
                .add("request_id", requestId)
                .build();
    }

    private static void add(jakarta.json.JsonObjectBuilder builder, String name, String value) {
        if (value != null) {
            builder.add(name, value);
        }
    }

    private static FriendSettings settings(String remark, String role, Boolean donotlookhim, Boolean donotlethimlook) {
        return new FriendSettings(InputRules.printable("remark", remark, 64), InputRules.printable("role", role, 32),
                Boolean.TRUE.equals(donotlookhim), Boolean.TRUE.equals(donotlethimlook));
    }

    private RequestView view(FriendRequest request, long viewer, UserRef other) {
        String shown = FriendRequestRules.shownStatus(request.getStatus(), viewer == request.getFromUserId());
        return new RequestView(ids.encode(request.getId()), ids.encode(request.getFromUserId()), ids.encode(request.getToUserId()),
                shown, request.getMsg(), request.getSource(), request.getCreatedAt(), other);
    }

    private UserRef ref(UserAccount user) {
        return new UserRef(ids.encode(user.getId()), user.getAccount(), user.getNickname());
    }

    private UserAccount user(String uid) {
        return accounts.findUser(decode(uid)).orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
    }

    private long decode(String publicId) {
        return ids.decode(publicId);
    }
}

package io.chorus.app.admin;

import io.chorus.app.account.Caller;
import io.chorus.app.admin.AdminViews.AdminUserDetail;
import io.chorus.app.admin.AdminViews.AdminUserView;
import io.chorus.app.admin.AdminViews.BacklogView;
import io.chorus.app.admin.AdminViews.BroadcastCommand;
import io.chorus.app.admin.AdminViews.BroadcastResult;
import io.chorus.app.admin.AdminViews.Figures;
import io.chorus.app.admin.AdminViews.NodeView;
import io.chorus.app.admin.AdminViews.PushView;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.error.InputRules;
import io.chorus.app.event.EventPublisher;
import io.chorus.app.event.SocketsClosed;
import io.chorus.app.identity.PublicIds;
import io.chorus.app.json.Jsonp;
import io.chorus.app.message.Xids;
import io.chorus.app.notice.NoticeService;
import io.chorus.app.presence.DeviceService;
import io.chorus.app.presence.PresenceService;
import io.chorus.app.push.PushMetrics;
import io.chorus.app.push.PushSettings;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.cluster.NodeLeaseRepository.NodeRow;
import io.chorus.domain.cluster.NodeLeaseRepository.PushFigures;
import io.chorus.domain.cluster.NodeLeaseRepository;
import io.chorus.domain.message.DeliveryRepository.BacklogFigures;
import io.chorus.domain.message.DeliveryRepository;
import io.chorus.domain.message.MessageRepository;
import io.chorus.domain.presence.ConnectionRepository;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The operator's use cases (SPEC §9). Who may call them is the container's business: the admin API
 * is constrained to the {@code admin} role in web.xml, so nothing here checks roles by hand.
 */
@Stateless
public class AdminService {
    private static final Logger LOG = Logger.getLogger(AdminService.class.getName());
    private static final int SEARCH_LIMIT = 50;

    @Inject
    AccountRepository accounts;

    @Inject
    ConnectionRepository connections;

    @Inject
    NodeLeaseRepository leases;

    @Inject
    MessageRepository messages;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    PublicIds ids;

    @Inject
    EventPublisher events;

    @Inject
    NoticeService notices;

    @Inject
    PushSettings pushSettings;

    @EJB
    DeviceService devices;

    @EJB
    PresenceService presence;

    @Inject
    @ConfigProperty(name = "chorus.node.lease-seconds")
    int leaseSeconds;

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Figures figures() {
        long now = System.currentTimeMillis();
        long since = now - TimeUnit.SECONDS.toMillis(leaseSeconds);
        List<NodeView> nodes = leases.liveNodes(since).stream().map(AdminService::node).toList();
        BacklogFigures backlog = deliveries.backlogFigures();
        return new Figures(now, nodes,
                nodes.stream().mapToInt(NodeView::connections).sum(),
                connections.onlineUsers(),
                nodes.stream().mapToLong(NodeView::sends).sum(),
                nodes.stream().mapToLong(NodeView::deliveries).sum(),
                nodes.stream().mapToLong(NodeView::acks).sum(),
                nodes.stream().mapToLong(NodeView::resends).sum(),
                messages.messagesSince(now - TimeUnit.MINUTES.toMillis(1)),
                new BacklogView(backlog.pending(), backlog.devices(), backlog.largest()),
                push(leases.livePushFigures(since)));
    }

    /** Every provider this server knows, configured or not, with the live nodes' attempts (zeros for none). */
    private List<PushView> push(List<PushFigures> live) {
        Map<String, PushFigures> byProvider = live.stream().collect(Collectors.toMap(PushFigures::provider, f -> f));
        return PushMetrics.PROVIDERS.stream().map(provider -> {
            PushFigures f = byProvider.getOrDefault(provider, new PushFigures(provider, 0, 0, 0, 0));
            return new PushView(provider, pushSettings.enabled(provider), f.sent(), f.failed(), f.dead(), f.retry());
        }).toList();
    }

    /** Users whose account starts with {@code query} (case-insensitive), disabled ones too; no query: the newest. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<AdminUserView> searchUsers(String query) {
        String prefix = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (prefix.length() > 64) {
            throw ChorusException.invalid("q must be at most 64 characters");
        }
        return accounts.searchAll(prefix, SEARCH_LIMIT).stream().map(this::view).toList();
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public AdminUserDetail user(String uid) {
        UserAccount user = user(uid, false);
        return new AdminUserDetail(view(user), devices.listOf(user.getId(), -1));
    }

    /**
     * Disabling closes the user's sockets on every node (as for a revoked token) and makes logins and
     * tokens fail until the user is enabled again; nothing the user stored is touched.
     */
    public AdminUserView setEnabled(Caller admin, String uid, boolean enabled) {
        UserAccount user = user(uid, true);
        if (!enabled && user.getId() == admin.userId()) {
            throw new ChorusException(ErrorCode.FORBIDDEN, "An administrator cannot disable their own account.");
        }
        if (user.isEnabled() != enabled) {
            user.setEnabled(enabled);
            if (!enabled) {
                events.publish(new SocketsClosed(user.getId(), null, true));
            }
            LOG.info(() -> "Administrator " + admin.userId() + (enabled ? " enabled" : " disabled") + " user " + user.getId());
        }
        return view(user);
    }

    /** Closes the sockets of one device ({@code did}) or of all the user's devices; they may reconnect. */
    public void kick(Caller admin, String uid, String did) {
        UserAccount user = user(uid, false);
        Long deviceId = null;
        if (did != null) {
            deviceId = accounts.findDevice(user.getId(), did).map(Device::getId)
                    .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such device."));
        }
        events.publish(new SocketsClosed(user.getId(), deviceId, false));
        LOG.info(() -> "Administrator " + admin.userId() + " kicked user " + user.getId() + (did == null ? "" : " device " + did));
    }

    /**
     * A {@code system_notice}, stored and delivered like any S2C notice (acked, resent, backlogged),
     * to the given users or to every enabled user, from the administrator; one transaction. Its id
     * is {@code sn_<xid>_<recipient uid>}.
     */
    public BroadcastResult broadcast(Caller admin, BroadcastCommand command) {
        InputRules.required("body", command);
        String text = InputRules.printable("text", InputRules.required("text", command.text()), 2000);
        if (text.isBlank()) {
            throw ChorusException.invalid("text must not be blank");
        }
        String title = command.title() == null ? null : InputRules.printable("title", command.title(), 120);
        List<Long> recipients;
        if (command.uids() == null) {
            recipients = accounts.enabledUserIds();
        } else {
            if (command.uids().isEmpty() || command.uids().size() > 1000) {
                throw ChorusException.invalid("uids must name 1-1000 users, or be left out for everyone");
            }
            recipients = new LinkedHashSet<>(command.uids()).stream().map(uid -> user(uid, false).getId()).toList();
        }
        // One id per broadcast, made unique per recipient: a sender's ids are unique (the idempotency key).
        String id = "sn_" + Xids.next();
        JsonObjectBuilder payload = Jsonp.object().add("msg_type", "system_notice").add("text", text);
        if (title != null) {
            payload.add("title", title);
        }
        var built = payload.build();
        for (long userId : recipients) {
            String uid = ids.encode(userId);
            notices.store(userId, uid, admin.userId(), admin.uid(), id + "_" + uid, built);
        }
        LOG.info(() -> "Administrator " + admin.userId() + " sent notice " + id + " to " + recipients.size() + " users");
        return new BroadcastResult(id, recipients.size());
    }

    private UserAccount user(String uid, boolean lock) {
        long id = ids.decodeOr(uid, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
        return (lock ? accounts.lockUser(id) : accounts.findUser(id))
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
    }

    private AdminUserView view(UserAccount user) {
        return new AdminUserView(ids.encode(user.getId()), user.getAccount(), user.getNickname(), user.getRole(), user.isEnabled(),
                user.getCreatedAt().toEpochMilli());
    }

    private static NodeView node(NodeRow row) {
        return new NodeView(row.nodeId(), row.startedAt(), row.heartbeatAt(), row.figures().connections(), row.figures().sends(),
                row.figures().deliveries(), row.figures().acks(), row.figures().resends());
    }
}

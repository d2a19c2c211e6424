package io.chorus.app.admin;

import io.chorus.app.presence.DeviceService.DeviceView;
import java.util.List;

/** What the admin API takes and returns (SPEC §9). */
public final class AdminViews {
    private AdminViews() {
    }

    /**
     * The cluster at a glance: per live node its sockets and cumulative counters (a console turns
     * two samples into rates), their sums, online users, chat messages stored in the last minute,
     * the backlogs, and push attempts per provider summed over the live nodes.
     */
    public record Figures(long at, List<NodeView> nodes, int connections, long online_users, long sends, long deliveries,
                          long acks, long resends, long sends_last_minute, BacklogView backlog, List<PushView> push) {
    }

    /**
     * One push provider: whether this node has it configured, and the attempts of the live nodes by
     * outcome, as {@code chorus_push_attempts_total} counts them (docs/PUSH.md).
     */
    public record PushView(String provider, boolean configured, long sent, long failed, long dead, long retry) {
    }

    public record NodeView(String node, long started_at, long heartbeat_at, int connections, long sends, long deliveries,
                           long acks, long resends) {
    }

    public record BacklogView(long pending, long devices, long largest) {
    }

    public record AdminUserView(String uid, String account, String nickname, String role, boolean enabled, long created_at) {
    }

    public record AdminUserDetail(AdminUserView user, List<DeviceView> devices) {
    }

    /** {@code POST /api/admin/notices}: {@code uids} absent or null for everyone. */
    public record BroadcastCommand(String title, String text, List<String> uids) {
    }

    public record BroadcastResult(String id, long recipients) {
    }
}

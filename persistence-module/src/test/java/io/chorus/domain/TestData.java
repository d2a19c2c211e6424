package io.chorus.domain;

import io.chorus.domain.account.Device;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.group.ChatGroup;
import io.chorus.domain.group.GroupMember;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;

/**
 * Rows a repository test makes for itself, through the entities (not the repositories under test).
 * Every name is fresh and every id comes from a sequence, so tests never share a row.
 */
public final class TestData {
    public static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private final EntityManager em;

    public TestData(EntityManager em) {
        this.em = em;
    }

    /** A name no other test uses, at most 64 characters, that sorts after {@code prefix}. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "");
    }

    public UserAccount user() {
        return user(unique("u"));
    }

    public UserAccount user(String account) {
        UserAccount user = new UserAccount(account, "nick-" + account, "hash", NOW);
        em.persist(user);
        em.flush();
        return user;
    }

    public Device device(UserAccount user) {
        return device(user, null);
    }

    public Device device(UserAccount user, String cos) {
        Device device = new Device(user, unique("d"), NOW);
        if (cos != null) {
            device.loggedIn(cos, "name", "1.0", NOW);
        }
        em.persist(device);
        em.flush();
        return device;
    }

    public ChatGroup group(UserAccount owner) {
        ChatGroup group = new ChatGroup(unique("g"), "a group", true, owner.getId(), NOW.toEpochMilli());
        em.persist(group);
        em.flush();
        return group;
    }

    public GroupMember member(ChatGroup group, UserAccount user, GroupMember.Role role, long joinedSeq) {
        GroupMember member = new GroupMember(group.getId(), user.getId(), role, joinedSeq, NOW.toEpochMilli());
        em.persist(member);
        em.flush();
        return member;
    }

    /** A live socket of the device on {@code nodeId}, as the presence code records it; its connection id. */
    public String connect(Device device, String nodeId) {
        String connectionId = unique("c");
        em.createNativeQuery("INSERT INTO device_connection (connection_id, device_id, user_id, node_id, connected_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, connectionId).setParameter(2, device.getId()).setParameter(3, device.getUser().getId())
                .setParameter(4, nodeId).setParameter(5, NOW.toEpochMilli()).executeUpdate();
        return connectionId;
    }

    /** The one number a query returns (a count, a column): checks of what a statement wrote or deleted. */
    public long number(String sql, Object... parameters) {
        var query = em.createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return ((Number) query.getSingleResult()).longValue();
    }
}

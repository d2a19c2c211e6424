package io.chorus.domain.group;

import io.chorus.domain.RowValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;

/** Groups and memberships. Lists come back with profiles in one query, no N+1. */
@ApplicationScoped
public class GroupRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    public ChatGroup save(ChatGroup group) {
        em.persist(group);
        em.flush();
        return group;
    }

    public void save(GroupMember member) {
        em.persist(member);
    }

    /** A live (not dissolved) group. */
    public Optional<ChatGroup> find(long groupId) {
        return Optional.ofNullable(em.find(ChatGroup.class, groupId)).filter(g -> !g.isDissolved());
    }

    /** A live group, its row locked: membership and settings change one at a time per group. */
    public Optional<ChatGroup> lock(long groupId) {
        return Optional.ofNullable(em.find(ChatGroup.class, groupId, LockModeType.PESSIMISTIC_WRITE)).filter(g -> !g.isDissolved());
    }

    public Optional<GroupMember> member(long groupId, long userId) {
        return Optional.ofNullable(em.find(GroupMember.class, new GroupMember.Key(groupId, userId)));
    }

    public void flush() {
        em.flush();
    }

    public void remove(GroupMember member) {
        em.remove(member);
    }

    public int removeAllMembers(long groupId) {
        return em.createQuery("delete from GroupMember m where m.groupId = :g").setParameter("g", groupId).executeUpdate();
    }

    public long memberCount(long groupId) {
        return em.createQuery("select count(m) from GroupMember m where m.groupId = :g", Long.class)
                .setParameter("g", groupId).getSingleResult();
    }

    public List<Long> memberIds(long groupId) {
        return em.createQuery("select m.userId from GroupMember m where m.groupId = :g", Long.class)
                .setParameter("g", groupId).getResultList();
    }

    /** The members with their profiles, owner first, then admins, then by account. */
    @SuppressWarnings("unchecked")
    public List<MemberRow> members(long groupId) {
        List<Object[]> rows = em.createNativeQuery("SELECT m.user_id, u.account, u.nickname, m.role, m.muted, m.joined_at "
                        + "FROM group_member m JOIN app_user u ON u.id = m.user_id WHERE m.group_id = ?1 "
                        + "ORDER BY CASE m.role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 ELSE 2 END, u.account")
                .setParameter(1, groupId).getResultList();
        return rows.stream().map(row -> new MemberRow(((Number) row[0]).longValue(), (String) row[1], (String) row[2],
                GroupMember.Role.valueOf((String) row[3]), (Boolean) row[4], ((Number) row[5]).longValue())).toList();
    }

    /** The user's live groups with its own membership and the member count, by title: one query. */
    public List<MyGroupRow> groupsOf(long userId) {
        return em.createQuery("select g, m.role, m.muted, (select count(c) from GroupMember c where c.groupId = g.id) "
                        + "from GroupMember m, ChatGroup g where g.id = m.groupId and m.userId = :u and g.dissolvedAt is null "
                        + "order by g.title, g.id", Object[].class)
                .setParameter("u", userId).getResultList().stream()
                .map(row -> new MyGroupRow((ChatGroup) row[0], (GroupMember.Role) row[1], (Boolean) row[2],
                        ((Number) row[3]).longValue()))
                .toList();
    }

    /** Logs a change of the group ({@code userId} 0) or of its member {@code userId} ({@link GroupChange}). */
    public void recordChange(long groupId, long userId, int type, long stamp) {
        em.createNativeQuery("INSERT INTO group_change (id, group_id, user_id, change_type, stamp) "
                        + "VALUES (nextval('group_change_seq'), ?1, ?2, ?3, ?4)")
                .setParameter(1, groupId).setParameter(2, userId).setParameter(3, type).setParameter(4, stamp)
                .executeUpdate();
    }

    /** Logs the removal of every current member (a dissolve), in one statement. */
    public int recordRemovalOfEveryMember(long groupId, long stamp) {
        return em.createNativeQuery("INSERT INTO group_change (id, group_id, user_id, change_type, stamp) "
                        + "SELECT nextval('group_change_seq'), group_id, user_id, ?2, ?3 FROM group_member WHERE group_id = ?1")
                .setParameter(1, groupId).setParameter(2, GroupChange.REMOVED).setParameter(3, stamp)
                .executeUpdate();
    }

    /**
     * The group changes stamped after {@code after} that {@code userId} may read, oldest first, at most
     * {@code limit}: those about itself (its own removal included, when it is no longer a member), and
     * those of the groups it is a member of made since it joined. {@code groupIds} empty: all its groups.
     */
    @SuppressWarnings("unchecked")
    public List<GroupChange> changesSince(long userId, long after, List<Long> groupIds, int limit) {
        String inGroups = groupIds.isEmpty() ? "" : " AND c.group_id IN (" + RowValues.placeholders(groupIds.size(), 1, 3) + ")";
        Query query = em.createNativeQuery("SELECT c.group_id, c.user_id, c.change_type, c.stamp FROM group_change c "
                        + "WHERE c.stamp > ?2" + inGroups + " AND (c.user_id = ?1 OR EXISTS (SELECT 1 FROM group_member m "
                        + "WHERE m.group_id = c.group_id AND m.user_id = ?1 AND m.joined_at <= c.stamp)) ORDER BY c.stamp, c.id")
                .setParameter(1, userId).setParameter(2, after).setMaxResults(limit);
        if (!groupIds.isEmpty()) {
            RowValues.bind(query, groupIds, 3, id -> new Object[] {id});
        }
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new GroupChange(((Number) row[0]).longValue(), ((Number) row[1]).longValue(),
                ((Number) row[2]).intValue(), ((Number) row[3]).longValue())).toList();
    }

    /** Forgets group changes stamped before {@code cutoff} (epoch ms): the log's retention. */
    public int purgeChangesBefore(long cutoff) {
        return em.createNativeQuery("DELETE FROM group_change WHERE stamp < ?1").setParameter(1, cutoff).executeUpdate();
    }

    public record MemberRow(long userId, String account, String nickname, GroupMember.Role role, boolean muted, long joinedAt) {
    }

    public record MyGroupRow(ChatGroup group, GroupMember.Role role, boolean muted, long memberCount) {
    }
}

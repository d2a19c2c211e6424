package io.chorus.domain.group;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
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

    public record MemberRow(long userId, String account, String nickname, GroupMember.Role role, boolean muted, long joinedAt) {
    }

    public record MyGroupRow(ChatGroup group, GroupMember.Role role, boolean muted, long memberCount) {
    }
}

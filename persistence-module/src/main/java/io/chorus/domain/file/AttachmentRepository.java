package io.chorus.domain.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code attachment} table: file metadata by id, and what a user has stored. */
@ApplicationScoped
public class AttachmentRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    public Attachment save(Attachment attachment) {
        em.persist(attachment);
        return attachment;
    }

    public Optional<Attachment> find(String id) {
        return Optional.ofNullable(em.find(Attachment.class, id));
    }

    public List<Attachment> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select a from Attachment a where a.id in :ids", Attachment.class)
                .setParameter("ids", ids).getResultList();
    }

    /** Bytes a user's uploads take, counting each upload (deduplicated bytes still count against the uploader). */
    public long bytesOf(long ownerId) {
        return em.createQuery("select coalesce(sum(a.size), 0L) from Attachment a where a.ownerId = :o", Long.class)
                .setParameter("o", ownerId).getSingleResult();
    }

    public long countBySha256(String sha256) {
        return em.createQuery("select count(a) from Attachment a where a.sha256 = :s", Long.class)
                .setParameter("s", sha256).getSingleResult();
    }

    /** Marks the files a just-stored message names as used (the first time only). */
    public void markReferenced(Collection<String> ids, long now) {
        if (ids.isEmpty()) {
            return;
        }
        em.createQuery("update Attachment a set a.referencedAt = :now where a.id in :ids and a.referencedAt is null")
                .setParameter("now", now).setParameter("ids", ids).executeUpdate();
    }

    /**
     * Files to delete, at most {@code limit}: never named by a message and older than
     * {@code unreferencedBefore}, revoked before {@code revokedBefore}, or (retention) created before
     * {@code retainedAfter}.
     */
    public List<Attachment> expired(long unreferencedBefore, long revokedBefore, long retainedAfter, int limit) {
        return em.createQuery("select a from Attachment a where (a.referencedAt is null and a.createdAt < :u) "
                        + "or a.revokedAt < :r or a.createdAt < :k order by a.createdAt", Attachment.class)
                .setParameter("u", unreferencedBefore).setParameter("r", revokedBefore).setParameter("k", retainedAfter)
                .setMaxResults(limit).getResultList();
    }

    public void remove(Attachment attachment) {
        em.remove(attachment);
    }

    /** Storage used, in bytes and files, per uploader, largest first. */
    public List<Object[]> largestUploaders(int limit) {
        return em.createQuery("select a.ownerId, sum(a.size), count(a) from Attachment a group by a.ownerId order by sum(a.size) desc",
                Object[].class).setMaxResults(limit).getResultList();
    }

    /** Every file's bytes and the count of files (deduplicated bytes count once per upload). */
    public Object[] totals() {
        return em.createQuery("select coalesce(sum(a.size), 0L), count(a) from Attachment a", Object[].class).getSingleResult();
    }
}

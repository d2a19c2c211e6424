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
        return em.createQuery("select coalesce(sum(a.size), 0) from Attachment a where a.ownerId = :o", Long.class)
                .setParameter("o", ownerId).getSingleResult();
    }

    public long countBySha256(String sha256) {
        return em.createQuery("select count(a) from Attachment a where a.sha256 = :s", Long.class)
                .setParameter("s", sha256).getSingleResult();
    }
}

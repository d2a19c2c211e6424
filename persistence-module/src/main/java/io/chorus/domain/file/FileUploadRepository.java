package io.chorus.domain.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Resumable uploads and their parts ({@code file_upload}, {@code file_upload_part}). */
@ApplicationScoped
public class FileUploadRepository {
    @PersistenceContext(unitName = "chorus")
    EntityManager em;

    /** A part: {@code size} bytes from {@code start} of the upload, stored under {@code key}. */
    public record Part(long start, long size, String key) {
    }

    public FileUpload save(FileUpload upload) {
        em.persist(upload);
        return upload;
    }

    public Optional<FileUpload> find(String id) {
        return Optional.ofNullable(em.find(FileUpload.class, id));
    }

    /** The upload, its row locked: parts are added one at a time, in offset order. */
    public Optional<FileUpload> lock(String id) {
        return Optional.ofNullable(em.find(FileUpload.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public void addPart(String uploadId, Part part) {
        em.createNativeQuery("INSERT INTO file_upload_part (upload_id, start_offset, size_bytes, storage_key) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, uploadId).setParameter(2, part.start()).setParameter(3, part.size()).setParameter(4, part.key())
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public List<Part> parts(String uploadId) {
        List<Object[]> rows = em.createNativeQuery("SELECT start_offset, size_bytes, storage_key FROM file_upload_part "
                + "WHERE upload_id = ?1 ORDER BY start_offset").setParameter(1, uploadId).getResultList();
        return rows.stream().map(r -> new Part(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2])).toList();
    }

    public void removeParts(String uploadId) {
        em.createNativeQuery("DELETE FROM file_upload_part WHERE upload_id = ?1").setParameter(1, uploadId).executeUpdate();
    }

    public void remove(FileUpload upload) {
        removeParts(upload.getId());
        em.remove(upload);
    }

    /** Uploads created before {@code before}: abandoned ones and finished ones, at most {@code limit}. */
    public List<FileUpload> olderThan(long before, int limit) {
        return em.createQuery("select u from FileUpload u where u.createdAt < :b order by u.createdAt", FileUpload.class)
                .setParameter("b", before).setMaxResults(limit).getResultList();
    }
}

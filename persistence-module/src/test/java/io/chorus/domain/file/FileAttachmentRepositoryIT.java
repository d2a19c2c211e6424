package io.chorus.domain.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chorus.domain.RepositoryDatabase;
import io.chorus.domain.TestData;
import io.chorus.domain.account.UserAccount;
import io.chorus.domain.file.FileUploadRepository.Part;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The file tables' queries on PostgreSQL: quota sums, deduplication counts, the clean-up's selection, upload parts. */
@ExtendWith(RepositoryDatabase.class)
class FileAttachmentRepositoryIT {
    private final AttachmentRepository attachments = new AttachmentRepository();
    private final FileUploadRepository uploads = new FileUploadRepository();
    private EntityManager em;
    private TestData data;

    @BeforeEach
    void setUp(EntityManager em) {
        this.em = em;
        attachments.em = em;
        uploads.em = em;
        data = new TestData(em);
    }

    private static String id() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
    }

    private Attachment file(UserAccount owner, UserAccount peer, String sha256, long size, long createdAt) {
        return attachments.save(Attachment.direct(id(), owner.getId(), owner.getId(), peer.getId(),
                new Attachment.Content("a.bin", "application/octet-stream", size, sha256, "sha256/" + sha256.substring(0, 2) + "/" + sha256,
                        null, null), createdAt));
    }

    private static String sha() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }

    @Test
    void bytesOf_sumsTheOwnersUploads_andCountBySha256_seesSharedBytes() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        String shared = sha();
        file(alice, bob, shared, 100, 1);
        file(alice, bob, sha(), 50, 2);
        file(bob, alice, shared, 100, 3);
        em.flush();

        assertEquals(150, attachments.bytesOf(alice.getId()));
        assertEquals(0, attachments.bytesOf(data.user().getId()));
        assertEquals(2, attachments.countBySha256(shared));
    }

    @Test
    void expired_picksUnreferencedOldRevokedOldAndPastRetention_only() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        Attachment oldUnreferenced = file(alice, bob, sha(), 1, 1_000);
        Attachment oldReferenced = file(alice, bob, sha(), 1, 1_000);
        Attachment newUnreferenced = file(alice, bob, sha(), 1, 9_000);
        Attachment revoked = file(alice, bob, sha(), 1, 9_000);
        em.flush();
        attachments.markReferenced(List.of(oldReferenced.getId(), revoked.getId()), 1_500);
        em.createQuery("update Attachment a set a.revokedAt = 2000 where a.id = :id").setParameter("id", revoked.getId()).executeUpdate();
        em.clear();

        Set<String> picked = Set.copyOf(attachments.expired(5_000, 5_000, Long.MIN_VALUE, 100).stream().map(Attachment::getId).toList());
        assertTrue(picked.contains(oldUnreferenced.getId()) && picked.contains(revoked.getId()), picked::toString);
        assertTrue(!picked.contains(oldReferenced.getId()) && !picked.contains(newUnreferenced.getId()), picked::toString);
        assertTrue(attachments.expired(0, 0, 1_001, 100).stream().anyMatch(a -> a.getId().equals(oldReferenced.getId())),
                "retention takes referenced files too");
    }

    @Test
    void uploadParts_comeBackInOffsetOrder_andGoWithTheirUpload() {
        UserAccount alice = data.user();
        UserAccount bob = data.user();
        FileUpload upload = uploads.save(new FileUpload(id(), alice.getId(), false, bob.getId(), "v.mp4", 300, 1));
        em.flush();
        uploads.addPart(upload.getId(), new Part(200, 100, "k3"));
        uploads.addPart(upload.getId(), new Part(0, 200, "k1"));

        assertEquals(List.of(new Part(0, 200, "k1"), new Part(200, 100, "k3")), uploads.parts(upload.getId()));
        assertEquals(1, uploads.olderThan(2, 10).stream().filter(u -> u.getId().equals(upload.getId())).count());
        uploads.remove(upload);
        em.flush();
        assertEquals(List.of(), uploads.parts(upload.getId()));
    }
}

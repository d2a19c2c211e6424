package io.chorus.app.file;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileViews.FileUse;
import io.chorus.app.file.FileViews.FileView;
import io.chorus.app.file.FileViews.StorageView;
import io.chorus.app.file.FileViews.UploaderView;
import io.chorus.app.identity.PublicIds;
import io.chorus.domain.account.AccountRepository;
import io.chorus.domain.file.Attachment;
import io.chorus.domain.file.AttachmentRepository;
import io.chorus.domain.file.FileUpload;
import io.chorus.domain.file.FileUploadRepository;
import io.chorus.domain.group.GroupRepository;
import io.chorus.domain.message.ConversationKind;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The file metadata use cases, each its own short transaction: who may upload to or read from a
 * conversation, recording an upload, finding a file for a reader. {@link FileService} calls them
 * around the long parts (reading the body, writing the store) that must not hold a transaction.
 */
@Stateless
public class FileCatalog {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AttachmentRepository attachments;

    @Inject
    AccountRepository accounts;

    @Inject
    FileUploadRepository uploads;

    @Inject
    GroupRepository groups;

    @Inject
    PublicIds ids;

    @Inject
    FileSettings settings;

    /** A conversation a file is uploaded for: a pair of users, or a group. */
    public record Scope(boolean group, long groupId, long peerId) {
    }

    /**
     * The conversation {@code type} ({@code C2C}: id is the peer's uid; {@code C2G}: a group id),
     * if the caller may put a file in it: any existing user for a one-to-one conversation (sending
     * a message there is still subject to the friendship gate), a group only as a current member.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Scope scope(Caller caller, String type, String id) {
        if (ConversationKind.DIRECT.code().equalsIgnoreCase(type)) {
            long peer = ids.decodeOr(id, () -> new ChorusException(ErrorCode.NOT_FOUND, "No such user."));
            if (accounts.findUser(peer).isEmpty()) {
                throw new ChorusException(ErrorCode.NOT_FOUND, "No such user.");
            }
            return new Scope(false, 0, peer);
        }
        if (ConversationKind.GROUP.code().equalsIgnoreCase(type)) {
            long groupId = ids.decodeGroupOr(id, () -> new ChorusException(ErrorCode.NOT_A_MEMBER));
            if (groups.find(groupId).isEmpty() || groups.member(groupId, caller.userId()).isEmpty()) {
                throw new ChorusException(ErrorCode.NOT_A_MEMBER);
            }
            return new Scope(true, groupId, 0);
        }
        throw ChorusException.invalid("type must be C2C or C2G");
    }

    /**
     * Records an upload whose bytes are stored. Membership is checked again (the upload may have
     * taken minutes), and the uploader's quota counts this file.
     */
    public FileView record(Caller caller, Scope scope, Attachment.Content content) {
        if (scope.group() && groups.member(scope.groupId(), caller.userId()).isEmpty()) {
            throw new ChorusException(ErrorCode.NOT_A_MEMBER);
        }
        if (settings.userQuotaBytes() > 0 && attachments.bytesOf(caller.userId()) + content.size() > settings.userQuotaBytes()) {
            throw new ChorusException(ErrorCode.QUOTA_EXCEEDED, "Your files may take at most " + settings.userQuotaBytes() + " bytes.");
        }
        String id = newId();
        long now = Instant.now().toEpochMilli();
        Attachment attachment = scope.group()
                ? Attachment.group(id, caller.userId(), scope.groupId(), content, now)
                : Attachment.direct(id, caller.userId(), caller.userId(), scope.peerId(), content, now);
        return view(attachments.save(attachment));
    }

    /** Whether any file still names these bytes (the store object may then not be deleted). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean referenced(String sha256) {
        return attachments.countBySha256(sha256) > 0;
    }

    /** The uses that name a file the sender may not attach there (see {@link FileUse}); one query for all. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Set<FileUse> refusedUses(Collection<FileUse> uses) {
        Map<String, Attachment> found = attachments.findAll(uses.stream().map(FileUse::fileId).filter(FileCatalog::plausibleId)
                        .collect(Collectors.toSet())).stream()
                .collect(Collectors.toMap(Attachment::getId, Function.identity()));
        Set<FileUse> refused = new HashSet<>();
        for (FileUse use : uses) {
            Attachment a = found.get(use.fileId());
            if (a == null || !a.attachableBy(use.senderId(), use.group(), use.target())) {
                refused.add(use);
            }
        }
        return refused;
    }

    /** A message naming the file was revoked: the file stops being served (to everyone). */
    public void revoke(String id, long now) {
        find(id).ifPresent(a -> a.revoke(now));
    }

    /** Storage used (each upload counted, even where bytes are shared) and the {@code limit} largest uploaders. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public StorageView storage(int limit, String store) {
        Object[] totals = attachments.totals();
        List<UploaderView> largest = attachments.largestUploaders(limit).stream().map(row -> {
            long ownerId = ((Number) row[0]).longValue();
            String account = accounts.findUser(ownerId).map(u -> u.getAccount()).orElse("");
            return new UploaderView(ids.encode(ownerId), account, ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
        }).toList();
        return new StorageView(((Number) totals[0]).longValue(), ((Number) totals[1]).longValue(), store, largest);
    }

    /** Files just named by stored messages are in use: the clean-up keeps them. */
    public void markReferenced(Collection<String> ids, long now) {
        attachments.markReferenced(ids.stream().filter(FileCatalog::plausibleId).collect(Collectors.toSet()), now);
    }

    /** An object the clean-up deletes after its transaction committed; {@code sha256} set for a file's bytes. */
    public record Doomed(String key, String sha256) {
    }

    /**
     * One round of the clean-up: removes the rows of files no message named within the grace
     * period, of files revoked longer ago than that, of files past retention ({@code retainedAfter},
     * {@code Long.MIN_VALUE} for none), and of resumable uploads older than the grace period; answers
     * the store objects no row needs any more.
     */
    public List<Doomed> sweep(long graceBefore, long retainedAfter, int limit) {
        List<Doomed> doomed = new ArrayList<>();
        List<Attachment> expired = attachments.expired(graceBefore, graceBefore, retainedAfter, limit);
        expired.forEach(attachments::remove);
        Set<String> checked = new HashSet<>();
        for (Attachment a : expired) {
            if (checked.add(a.getSha256()) && attachments.countBySha256(a.getSha256()) == 0) {
                doomed.add(new Doomed(a.getStorageKey(), a.getSha256()));
                if (a.getThumbnailKey() != null) {
                    doomed.add(new Doomed(a.getThumbnailKey(), null));
                }
            }
        }
        for (FileUpload upload : uploads.olderThan(graceBefore, limit)) {
            uploads.parts(upload.getId()).forEach(part -> doomed.add(new Doomed(part.key(), null)));
            uploads.remove(upload);
        }
        return doomed;
    }

    public void thumbnailStored(String id, String key) {
        attachments.find(id).ifPresent(a -> a.thumbnailStored(key));
    }

    /**
     * A file the caller may read: one of the pair of its one-to-one conversation, or a current
     * member of its group. Anyone else gets the same "not found" as for a file that does not exist.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Readable readable(Caller caller, String id) {
        return readable(caller.userId(), id);
    }

    /** As {@link #readable(Caller, String)}, for the user a signed link was made for. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Readable readable(long userId, String id) {
        Attachment a = find(id).filter(found -> mayRead(userId, found))
                .orElseThrow(() -> new ChorusException(ErrorCode.NOT_FOUND, "No such file."));
        return new Readable(view(a), a.getStorageKey(), a.getThumbnailKey());
    }

    /** What a reader gets, with the store keys only this package uses. */
    public record Readable(FileView view, String storageKey, String thumbnailKey) {
    }

    private Optional<Attachment> find(String id) {
        return plausibleId(id) ? attachments.find(id) : Optional.empty();
    }

    private static boolean plausibleId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 32;
    }

    private boolean mayRead(long userId, Attachment a) {
        if (a.isRevoked()) {
            return false;
        }
        if (a.isGroup()) {
            return groups.find(a.getGroupId()).isPresent() && groups.member(a.getGroupId(), userId).isPresent();
        }
        return a.isBetween(userId);
    }

    FileView view(Attachment a) {
        return new FileView(a.getId(), a.getName(), a.getMediaType(), a.getSize(), a.getSha256(), a.getWidth(), a.getHeight(),
                a.getThumbnailKey() != null, ids.encode(a.getOwnerId()), a.getCreatedAt());
    }

    /** 128 random bits, URL-safe: a file id cannot be guessed or enumerated. */
    static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.chorus.app.file;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.file.FileCatalog.Scope;
import io.chorus.app.file.FileViews.UploadView;
import io.chorus.domain.file.FileUpload;
import io.chorus.domain.file.FileUploadRepository;
import io.chorus.domain.file.FileUploadRepository.Part;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** The resumable uploads' short transactions (see {@link ResumableUploads}). */
@Stateless
public class UploadCatalog {
    @Inject
    FileUploadRepository uploads;

    public UploadView create(Caller caller, Scope scope, String name, long length) {
        FileUpload upload = new FileUpload(FileCatalog.newId(), caller.userId(), scope.group(),
                scope.group() ? scope.groupId() : scope.peerId(), name, length, Instant.now().toEpochMilli());
        return view(uploads.save(upload));
    }

    /** The caller's own upload; anyone else's is as unknown as one that does not exist. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public UploadView state(Caller caller, String id) {
        return view(own(caller, uploads.find(id == null || id.length() > 32 ? "" : id).orElse(null)));
    }

    /** What {@link ResumableUploads} needs to finish the upload: its conversation and name. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Finishing finishing(Caller caller, String id) {
        FileUpload upload = own(caller, uploads.find(id).orElse(null));
        return new Finishing(new Scope(upload.isGroup(), upload.isGroup() ? upload.getTarget() : 0,
                upload.isGroup() ? 0 : upload.getTarget()), upload.getName(), uploads.parts(id));
    }

    public record Finishing(Scope scope, String name, List<Part> parts) {
    }

    /**
     * Adds the bytes from {@code offset}, stored as {@code part}, if the upload still stands at
     * {@code offset} (a concurrent request may have moved it): under the upload's row lock.
     */
    public UploadView addPart(Caller caller, String id, long offset, Part part) {
        FileUpload upload = own(caller, uploads.lock(id).orElse(null));
        if (upload.getReceived() != offset || upload.getFileId() != null) {
            throw new ChorusException(ErrorCode.UPLOAD_OFFSET_MISMATCH, "The upload stands at " + upload.getReceived() + ".");
        }
        if (offset + part.size() > upload.getLength()) {
            throw new ChorusException(ErrorCode.PAYLOAD_TOO_LARGE, "The upload was announced with " + upload.getLength() + " bytes.");
        }
        uploads.addPart(id, part);
        upload.received(part.size());
        return view(upload);
    }

    public void completed(String id, String fileId) {
        uploads.lock(id).ifPresent(upload -> {
            upload.completedAs(fileId);
            uploads.removeParts(id);
        });
    }

    /** A refused upload leaves nothing: the row and its parts' rows go (the caller deletes the objects). */
    public void abandon(String id) {
        uploads.lock(id).ifPresent(uploads::remove);
    }

    private static FileUpload own(Caller caller, FileUpload upload) {
        if (upload == null || upload.getOwnerId() != caller.userId()) {
            throw new ChorusException(ErrorCode.NOT_FOUND, "No such upload.");
        }
        return upload;
    }

    private static UploadView view(FileUpload upload) {
        return new UploadView(upload.getId(), upload.getLength(), upload.getReceived(), upload.getFileId());
    }
}

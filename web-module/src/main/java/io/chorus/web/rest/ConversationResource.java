package io.chorus.web.rest;

import io.chorus.app.account.Caller;
import io.chorus.app.file.FileService;
import io.chorus.app.file.FileViews.FileView;
import io.chorus.app.file.FileViews.UploadView;
import io.chorus.app.file.ResumableUploads;
import io.chorus.app.message.ConversationService;
import io.chorus.app.message.ConversationViews.HistoryPage;
import io.chorus.app.message.ConversationViews.ReadCommand;
import io.chorus.app.message.ConversationViews.ReadCountView;
import io.chorus.app.message.ConversationViews.RecentView;
import io.chorus.app.message.ConversationViews.SearchPage;
import io.chorus.app.message.MessageEdits;
import io.chorus.app.message.MessageViews.EditReceipt;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

/**
 * Recent conversations, history by seq cursor, read cursors (SPEC §12), edits and search (issue 25)
 * and file uploads (docs/FILES.md).
 */
@Path("conversations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {
    @Inject
    ConversationService conversations;

    @Inject
    FileService files;

    @Inject
    MessageEdits edits;

    @Inject
    ResumableUploads uploads;

    @Inject
    Caller caller;

    @GET
    public List<RecentView> recent() {
        return conversations.recent(caller);
    }

    @GET
    @Path("{type}/{id}/messages")
    public HistoryPage messages(@PathParam("type") String type, @PathParam("id") String id,
                                @QueryParam("before") String before, @QueryParam("after") String after,
                                @QueryParam("limit") String limit) {
        return conversations.history(caller, type, id, QueryParams.optionalLong("before", before),
                QueryParams.optionalLong("after", after), QueryParams.optionalInt("limit", limit));
    }

    /**
     * The author edits its message {@code msgId} (the client's id) of this conversation: the body
     * is {@code {"text": "..."}}; the answer is the edited message's {@code id}, {@code seq} and
     * {@code edited_at}. The same rules and notices as the {@code C2C_EDIT} frame.
     */
    @PATCH
    @Path("{type}/{id}/messages/{msgId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public EditView edit(@PathParam("type") String type, @PathParam("id") String id, @PathParam("msgId") String msgId,
                         EditCommand command) {
        EditReceipt receipt = edits.edit(caller, type, msgId, id, command == null ? null : command.text());
        return new EditView(receipt.wireId(), receipt.seq(), receipt.editedAt());
    }

    /** An edit's body. */
    public record EditCommand(String text) {
    }

    /** An edit's answer. */
    public record EditView(String id, long seq, long edited_at) {
    }

    /**
     * Full-text search over the caller's conversations (docs/REST.md "Search"): {@code q} the
     * terms, {@code before} the {@code next} cursor of the page before, {@code limit} 1-100 (20).
     */
    @GET
    @Path("search")
    public SearchPage search(@QueryParam("q") String q, @QueryParam("before") String before, @QueryParam("limit") String limit) {
        return conversations.search(caller, q, before, QueryParams.optionalInt("limit", limit));
    }

    @POST
    @Path("{type}/{id}/read")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("type") String type, @PathParam("id") String id, ReadCommand command) {
        conversations.markRead(caller, type, id, command == null ? null : command.seq());
        return Response.noContent().build();
    }

    /** Per-message read counts, on request: {@code seqs} is a comma-separated list of the messages' seqs. */
    @GET
    @Path("{type}/{id}/read-counts")
    public ReadCounts readCounts(@PathParam("type") String type, @PathParam("id") String id, @QueryParam("seqs") String seqs) {
        return new ReadCounts(conversations.readCounts(caller, type, id, QueryParams.longList("seqs", seqs)));
    }

    /** {@code {"counts": [{seq, read, of}]}}: an object, so that fields can be added later. */
    public record ReadCounts(List<ReadCountView> counts) {
    }

    /**
     * Uploads a file for this conversation: the body is the file's bytes (any Content-Type; the
     * server detects the type from the content), {@code name} its file name. The body is streamed,
     * never held in memory.
     */
    @POST
    @Path("{type}/{id}/files")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@PathParam("type") String type, @PathParam("id") String id, @QueryParam("name") String name,
                           InputStream body) {
        FileView file = files.upload(caller, type, id, name, body);
        return Response.created(URI.create("/api/files/" + file.id())).entity(file).build();
    }

    /**
     * Announces a resumable upload (tus 1.0 creation, docs/FILES.md): {@code Upload-Length} bytes,
     * the file name in {@code Upload-Metadata} ({@code filename <base64>}); the bytes follow as
     * {@code PATCH /api/uploads/{id}}.
     */
    @POST
    @Path("{type}/{id}/uploads")
    @Consumes(MediaType.WILDCARD)
    public Response createUpload(@PathParam("type") String type, @PathParam("id") String id,
                                 @HeaderParam("Upload-Length") String length, @HeaderParam("Upload-Metadata") String metadata) {
        UploadView upload = uploads.create(caller, type, id, TusHeaders.fileName(metadata), TusHeaders.number("Upload-Length", length));
        return TusHeaders.tus(Response.created(URI.create("/api/uploads/" + upload.id())), upload).build();
    }
}

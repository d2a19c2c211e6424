package io.chorus.web.rest;

import io.chorus.app.file.ByteRange;
import io.chorus.app.file.FileViews.FileBody;
import io.chorus.app.file.FileViews.FileMeta;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A file download as HTTP (docs/FILES.md): single byte ranges, {@code ETag}/{@code If-None-Match},
 * and headers that keep a browser from running anything: only raster images, audio and video are
 * {@code inline}; everything else is an {@code attachment}, never sniffed, and sandboxed.
 */
final class FileResponses {
    private FileResponses() {
    }

    /** Opens {@code length} bytes (-1: to the end) from an offset. */
    interface Opener {
        FileBody open(long offset, long length);
    }

    static Response serve(FileMeta meta, String rangeHeader, String ifNoneMatch, Opener opener) {
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(meta.etag()))) {
            return headers(Response.notModified(), meta).build();
        }
        Optional<ByteRange> range = ByteRange.parse(rangeHeader, meta.size());
        FileBody body = range.map(r -> opener.open(r.first(), r.length())).orElseGet(() -> opener.open(0, -1));
        StreamingOutput output = out -> {
            try (InputStream in = body.bytes()) {
                in.transferTo(out);
            }
        };
        Response.ResponseBuilder response = range
                .map(r -> Response.status(Response.Status.PARTIAL_CONTENT).entity(output)
                        .header("Content-Range", r.contentRange(meta.size()))
                        .header(HttpHeaders.CONTENT_LENGTH, r.length()))
                .orElseGet(() -> Response.ok(output).header(HttpHeaders.CONTENT_LENGTH, meta.size()));
        return headers(response, meta).type(meta.inline() ? meta.type() : "application/octet-stream").build();
    }

    private static Response.ResponseBuilder headers(Response.ResponseBuilder response, FileMeta meta) {
        return response.header(HttpHeaders.ETAG, meta.etag())
                .header("Accept-Ranges", "bytes")
                .header("Cache-Control", "private, max-age=86400")
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .header("X-Chorus-Media-Type", meta.type())
                .header("Content-Disposition", (meta.inline() ? "inline" : "attachment") + "; filename*=UTF-8''"
                        + URLEncoder.encode(meta.name(), StandardCharsets.UTF_8).replace("+", "%20"));
    }
}

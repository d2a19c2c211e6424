package io.chorus.web.rest;

import io.chorus.app.error.ChorusException;
import io.chorus.app.file.FileViews.UploadView;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The tus 1.0 headers of resumable uploads (docs/FILES.md). */
final class TusHeaders {
    static final String VERSION = "1.0.0";

    private TusHeaders() {
    }

    static Response.ResponseBuilder tus(Response.ResponseBuilder response, UploadView upload) {
        response.header("Tus-Resumable", VERSION)
                .header("Upload-Offset", upload.offset())
                .header("Upload-Length", upload.length())
                .header("Cache-Control", "no-store");
        if (upload.file() != null) {
            response.header("X-Chorus-File", upload.file()).header("Link", "</api/files/" + upload.file() + ">; rel=\"item\"");
        }
        return response;
    }

    static Long number(String header, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw ChorusException.invalid(header + " must be a whole number");
        }
    }

    /** {@code filename} of {@code Upload-Metadata} ({@code key base64,key base64,...}); null when absent. */
    static String fileName(String metadata) {
        if (metadata == null) {
            return null;
        }
        for (String pair : metadata.split(",")) {
            String[] keyValue = pair.trim().split(" ", 2);
            if (keyValue[0].equals("filename") && keyValue.length == 2) {
                try {
                    return new String(Base64.getDecoder().decode(keyValue[1].trim()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw ChorusException.invalid("Upload-Metadata filename must be base64");
                }
            }
        }
        return null;
    }
}

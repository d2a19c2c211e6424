/**
 * Files and media: {@link io.chorus.domain.file.Attachment}, the metadata of one uploaded file, and
 * its repository. The bytes are the business of the stores in {@code io.chorus.app.file}.
 */
package io.chorus.domain.file;

/**
 * APNs and FCM as strict as Apple's and Google's, on 127.0.0.1 (docs/PUSH.md, Testing): each
 * verifies what the real service verifies (the provider token or the service account's assertion,
 * the headers, the message) and answers as it does, or as a test scripts it. Used by ejb-module's
 * provider tests and by integration-tests' PushIT, which points the real server at them.
 */
package io.chorus.standin.push;

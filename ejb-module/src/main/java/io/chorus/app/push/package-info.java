/**
 * Offline push notifications (docs/PUSH.md): devices' registrations and foreground state, mutes and
 * preview policies ({@link io.chorus.app.push.PushService}); after a message or notice committed, a
 * delayed candidate on the persistent push queue ({@link io.chorus.app.push.PushScheduler}); the
 * worker that decides who gets a push and sends it through its provider with retries
 * ({@link io.chorus.app.push.PushWorker}); the providers ({@link io.chorus.app.push.WebPushProvider}).
 */
package io.chorus.app.push;

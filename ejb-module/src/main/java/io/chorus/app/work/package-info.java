/**
 * Background work off the request threads: {@link io.chorus.app.work.QueueWorker}, a bounded queue
 * worked in arrival order in short turns on a managed executor, in batches (the group commits of
 * sends and acks) or one item at a time with retries (the cluster event lanes). Nothing here knows
 * a feature: the features own their queues.
 */
package io.chorus.app.work;

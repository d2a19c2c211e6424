package io.chorus.app.message;

import io.chorus.app.account.Caller;
import io.chorus.app.error.ChorusException;
import io.chorus.app.error.DatabaseReach;
import io.chorus.app.error.ErrorCode;
import io.chorus.app.message.MessageViews.ChatSend;
import io.chorus.app.message.MessageViews.DirectSend;
import io.chorus.app.message.MessageViews.SendOutcome;
import io.chorus.app.message.MessageViews.SendReceipt;
import io.chorus.app.metrics.NodeMetrics;
import io.chorus.app.work.QueueWorker;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Group commit of one-to-one sends from sockets: the sends that arrive while one batch commits are
 * stored together in the next ({@link MessageService#sendDirectBatch}: one transaction, one query per
 * check, one insert for the messages and one for their delivery rows). One transaction per send made
 * the send the largest cost of a message (docs/PERFORMANCE.md).
 *
 * <p>A caller gets a future that completes after its batch committed, with the receipt or the
 * refusal it would have got alone; its connection answers then, so no worker thread waits. Batches
 * are taken in arrival order, one at a time ({@link QueueWorker}), so a device's sends are stored
 * in the order it made them. If a batch fails as a whole (a deadlock with another node's batch, a lost database
 * connection), its sends are tried once more one by one, each in its own transaction, so one bad
 * send cannot take the others with it; nothing is acknowledged that was not committed. A batch that
 * lost the database ({@link DatabaseReach}) is not split: its sends fail together, and while the
 * database is out of reach batches are refused {@code unavailable} without trying.
 *
 * <p>Back-pressure: at most {@code chorus.send.queue-capacity} sends wait; beyond that a send is
 * refused at once with {@code server_busy} (the client retries it later, with the same id) instead
 * of every send's latency growing without bound; with {@code chorus.send.queue-max-wait-ms}, also
 * while the oldest waiting send has waited longer than that ({@link QueueWorker.Builder#maxWaitMillis}).
 */
@ApplicationScoped
public class DirectSends {
    private static final Logger LOG = Logger.getLogger(DirectSends.class.getName());
    static final int MAX_BATCH = 256;

    @Inject
    MessageService messages;

    @Inject
    NodeMetrics metrics;

    @Inject
    DatabaseReach reach;

    @Inject
    @ConfigProperty(name = "chorus.send.queue-capacity")
    int capacity;

    @Inject
    @ConfigProperty(name = "chorus.send.queue-max-wait-ms")
    long maxWaitMillis;

    @Resource
    ManagedExecutorService executor;

    private QueueWorker<Pending> batches;

    record Pending(DirectSend send, CompletableFuture<SendReceipt> done) {
    }

    @PostConstruct
    void start() {
        start(executor);
    }

    /** Package-private for the unit test, which runs the batches itself. */
    void start(Executor runner) {
        batches = QueueWorker.<Pending>named("sends").capacity(capacity).maxWaitMillis(maxWaitMillis).batchesOf(MAX_BATCH).runningOn(runner)
                .handling(this::store);
    }

    @PreDestroy
    void stop() {
        batches.stop().forEach(pending -> pending.done().completeExceptionally(new ChorusException(ErrorCode.SERVER_BUSY)));
    }

    /**
     * Stores the send with the next batch. The future completes after the commit with the receipt,
     * or fails with the send's refusal ({@link ChorusException}; {@code server_busy} at once when
     * too many sends wait) or with what broke (nothing was stored).
     */
    public CompletableFuture<SendReceipt> submit(Caller sender, ChatSend send) {
        Pending pending = new Pending(new DirectSend(sender, send), new CompletableFuture<>());
        if (!batches.offer(pending)) {
            metrics.sendRefusedBusy();
            pending.done().completeExceptionally(new ChorusException(ErrorCode.SERVER_BUSY));
        }
        return pending.done();
    }

    void store(List<Pending> batch) {
        if (!reach.reachable()) {
            ChorusException unavailable = new ChorusException(ErrorCode.UNAVAILABLE);
            batch.forEach(pending -> pending.done().completeExceptionally(unavailable));
            return;
        }
        List<SendOutcome> outcomes;
        try {
            outcomes = messages.sendDirectBatch(batch.stream().map(Pending::send).toList());
        } catch (RuntimeException failed) {
            if (reach.lostBy(failed)) {
                // The database is out of reach: one by one, each send would meet the outage again
                // (a read timeout each, in a partition). Each gets what broke; clients send again.
                LOG.log(Level.FINE, "A batch of " + batch.size() + " sends lost the database", failed);
                batch.forEach(pending -> pending.done().completeExceptionally(failed));
                return;
            }
            LOG.log(Level.WARNING, "A batch of " + batch.size() + " sends failed as a whole; storing them one by one", failed);
            metrics.sendBatchSplit();
            batch.forEach(this::storeAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            SendOutcome outcome = outcomes.get(i);
            if (outcome.refusal() == null) {
                batch.get(i).done().complete(outcome.receipt());
            } else {
                batch.get(i).done().completeExceptionally(outcome.refusal());
            }
        }
    }

    private void storeAlone(Pending pending) {
        try {
            pending.done().complete(messages.sendDirect(pending.send().sender(), pending.send().send()));
        } catch (RuntimeException refusedOrFailed) {
            pending.done().completeExceptionally(refusedOrFailed);
        }
    }
}

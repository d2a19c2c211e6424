/**
 * A device's side of delivery, the transactional half of the web module's delivery engine
 * ({@code io.chorus.web.delivery}): {@link io.chorus.app.delivery.DeliveryService} reads a device's
 * backlog and gap fills and settles copies by wire id, {@link io.chorus.app.delivery.Acknowledgements}
 * group-commits the acks of copies in flight (and is the barrier a reconnect waits on), and
 * {@link io.chorus.app.delivery.BacklogJanitor} bounds the backlogs (SPEC §5.5).
 */
package io.chorus.app.delivery;

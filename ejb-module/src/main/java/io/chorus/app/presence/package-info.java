/**
 * Who is online and on which devices: every socket's row ({@code domain.presence}), the
 * online/offline decisions taken under the user's row lock, the device policy, and the node leases
 * ({@code domain.cluster}) through which the survivors clear a dead node's sockets.
 */
package io.chorus.app.presence;

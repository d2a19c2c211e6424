package io.chorus.web.socket.limit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's budgets for sockets (SPEC §10): connection attempts per client address and per
 * device, and sends per device. They are per node on purpose: they guard this node's threads and
 * memory, and a device holds one socket cluster-wide, so its budgets live where its socket is.
 */
@ApplicationScoped
public class ConnectionLimits {
    @Inject
    @ConfigProperty(name = "chorus.rate.address-connects-per-second")
    double addressConnectsPerSecond;

    @Inject
    @ConfigProperty(name = "chorus.rate.address-connect-burst")
    int addressConnectBurst;

    @Inject
    @ConfigProperty(name = "chorus.rate.device-connects-per-second")
    double deviceConnectsPerSecond;

    @Inject
    @ConfigProperty(name = "chorus.rate.device-connect-burst")
    int deviceConnectBurst;

    @Inject
    @ConfigProperty(name = "chorus.rate.sends-per-second")
    double sendsPerSecond;

    @Inject
    @ConfigProperty(name = "chorus.rate.send-burst")
    int sendBurst;

    private KeyedBuckets<String> addressConnects;
    private KeyedBuckets<Long> deviceConnects;
    private KeyedBuckets<Long> deviceSends;

    @PostConstruct
    void init() {
        addressConnects = new KeyedBuckets<>(addressConnectsPerSecond, addressConnectBurst, System::nanoTime);
        deviceConnects = new KeyedBuckets<>(deviceConnectsPerSecond, deviceConnectBurst, System::nanoTime);
        deviceSends = new KeyedBuckets<>(sendsPerSecond, sendBurst, System::nanoTime);
    }

    /** Takes one connection attempt from the address's budget; false: refuse it. */
    public boolean admitAddress(String address) {
        return addressConnects.tryTake(address);
    }

    /** Takes one connection attempt from the device's budget; false: refuse it. */
    public boolean admitDevice(long deviceId) {
        return deviceConnects.tryTake(deviceId);
    }

    /** The device's send budget, kept across its reconnects to this node. */
    public TokenBucket sendBudget(long deviceId) {
        return deviceSends.bucket(deviceId);
    }
}

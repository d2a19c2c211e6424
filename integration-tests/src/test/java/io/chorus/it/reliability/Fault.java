package io.chorus.it.reliability;

import io.chorus.it.support.Cluster;
import java.time.Duration;

/**
 * The faults of the run, each injected through scripts/cluster.sh and healed by it: {@link #inject}
 * returns once the fault has healed (the service is reachable again). How long a fault lasts is the
 * scenario itself, so it is held for a fixed time, not waited on; the long profile holds the
 * broker away for the full 60 s of issue 22, the CI profile for 30 s.
 */
enum Fault {
    /** PostgreSQL stopped and started again at once (every pooled connection broken). */
    DATABASE_RESTARTED {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.db("stop").db("resume");
        }
    },
    /** PostgreSQL away for 30 s: sends refused as unavailable, sockets kept, the pool recovers. */
    DATABASE_AWAY {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.db("stop");
            Cluster.hold(Duration.ofSeconds(30));
            cluster.db("resume");
        }
    },
    /**
     * PostgreSQL cut off by a network partition for 30 s: unlike a stopped server, nothing is refused
     * or closed — queries in flight and new connections hang until the driver's timeouts end them.
     */
    DATABASE_CUT_OFF {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.databaseLink("cut");
            Cluster.hold(Duration.ofSeconds(30));
            cluster.databaseLink("heal");
        }
    },
    /** The broker gone (kill -9) and away: each node keeps its own deliveries, the topic lane holds the rest. */
    BROKER_AWAY {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.broker("kill");
            Cluster.hold(Duration.ofSeconds(longProfile ? 60 : 30));
            cluster.broker("start");
        }
    },
    /** kill -9 of a node's JVM, then started again (returns once it is ready). */
    NODE_KILLED {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.node(node, "kill").node(node, "start");
        }
    },
    /** SIGSTOP for longer than the lease (20 s): the other node takes it for dead; then SIGCONT. */
    NODE_PAUSED {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.node(node, "pause");
            Cluster.hold(Duration.ofSeconds(26));
            cluster.node(node, "resume");
        }
    },
    /** The node's log file on a full disk (every write ENOSPC) for 15 s. */
    LOGS_ON_FULL_DISK {
        @Override
        void inject(Cluster cluster, int node, boolean longProfile) {
            cluster.node(node, "logs-full");
            Cluster.hold(Duration.ofSeconds(15));
            cluster.node(node, "logs-ok");
        }
    };

    abstract void inject(Cluster cluster, int node, boolean longProfile);
}

package dev.wharf.bench.scheduler;

import dev.wharf.common.Randoms;
import dev.wharf.scheduler.Decision;
import dev.wharf.scheduler.Scheduler;
import dev.wharf.scheduler.model.PodInfo;
import dev.wharf.scheduler.snapshot.Snapshot;
import dev.wharf.scheduler.testing.MakeNode;
import dev.wharf.scheduler.testing.MakePod;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pods placed per second, in process like kube-scheduler's scheduler_perf: 5,000 nodes in 3 zones, a batch of
 * 10,000 pods from 20 Deployments of 500 replicas, each pod with a zone topology spread (maxSkew 1,
 * DoNotSchedule) and hostname anti-affinity against its own replicas (required or preferred). One invocation
 * schedules the whole batch one pod after another, each decision assumed into the snapshot; the score is
 * pods/s. Each pod is parsed from its fabric8 object inside the measured loop.
 *
 * <pre>
 * ./mvnw -B -pl bench -am package -DskipTests
 * java -cp bench/target/classes:$(cat bench/target/classpath.txt) org.openjdk.jmh.Main SchedulerThroughput -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
@Fork(value = 1, jvmArgs = {"-Xms2g", "-Xmx2g"})
public class SchedulerThroughputBenchmark {
    static final int NODES = 5_000;
    static final int PODS = 10_000;
    static final int DEPLOYMENTS = 20;
    static final String ZONE = MakeNode.ZONE;
    static final String HOST = MakeNode.HOSTNAME;

    @Param({"required", "preferred"})
    public String antiAffinity;

    private List<Node> nodes;
    private List<Pod> pods;
    private Snapshot snapshot;
    private Scheduler scheduler;
    private int placed;
    private long seed;

    @Setup(Level.Trial)
    public void cluster() {
        nodes = new ArrayList<>(NODES);
        for (int i = 0; i < NODES; i++) {
            nodes.add(MakeNode.node().name("node-" + i).zone("zone-" + "abc".charAt(i % 3))
                    .labels(MakeNode.REGION, "region-1").capacity("32", "128Gi", 110).obj());
        }
        pods = new ArrayList<>(PODS);
        for (int i = 0; i < PODS; i++) {
            String app = "app-" + (i % DEPLOYMENTS);
            MakePod pod = MakePod.pod().name(app + "-" + i).labels("app", app).req("100m", "128Mi")
                    .spread(1, ZONE, "DoNotSchedule", "app", app);
            pod = antiAffinity.equals("required") ? pod.podAntiAffinity(HOST, "app", app)
                    : pod.preferredPodAntiAffinity(100, HOST, "app", app);
            pods.add(pod.obj());
        }
    }

    @Setup(Level.Invocation)
    public void emptyCluster() {
        snapshot = Snapshot.of(nodes, List.of());
        scheduler = Scheduler.withDefaults(Randoms.seeded(seed++));
        placed = 0;
    }

    @Benchmark
    @OperationsPerInvocation(PODS)
    public int scheduleBatch() {
        for (Pod pod : pods) {
            PodInfo info = PodInfo.of(pod);
            Decision d = scheduler.schedule(info, snapshot);
            if (d.scheduled()) {
                snapshot.assume(info, d.nodeName());
                placed++;
            }
        }
        return placed;
    }

    @TearDown(Level.Invocation)
    public void allPlaced() {
        if (placed != PODS) {
            throw new IllegalStateException("placed " + placed + " of " + PODS + " pods");
        }
    }
}

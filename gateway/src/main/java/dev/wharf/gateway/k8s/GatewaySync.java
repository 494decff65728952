package dev.wharf.gateway.k8s;

import dev.wharf.controller.runtime.ApiClient;
import dev.wharf.controller.runtime.informer.EventHandler;
import dev.wharf.controller.runtime.informer.Informer;
import dev.wharf.gateway.model.GatewayConfig;
import dev.wharf.gateway.vip.VirtualIps;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.HashSet;
import java.util.Objects;
import java.util.function.Function;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps this host's gateway in step with the API: informers over Services, EndpointSlices, Ingresses, Secrets and
 * Nodes mark the state dirty; one thread rebuilds the translation at most every {@code coalesce} and hands it to
 * the data path, after making new cluster IPs local (and before removing old ones), so a change is served within
 * tens of milliseconds. Listeners of {@link ClusterView} (the cluster DNS) are told after each rebuild.
 */
public final class GatewaySync implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GatewaySync.class.getName());
    private static final long COALESCE_MILLIS = 20;

    private final GatewaySettings settings;
    private final VirtualIps vips;
    private final Set<String> extraVips;
    private final Consumer<GatewayConfig> dataPath;
    private final Informer<Service> services;
    private final Informer<EndpointSlice> slices;
    private final Informer<Ingress> ingresses;
    private final Informer<Secret> secrets;
    private final Informer<Node> nodes;
    private final List<Consumer<ClusterView>> viewListeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean dirty = true;
    private volatile boolean running;
    private volatile ClusterView view = new ClusterView(List.of(), List.of(), List.of(), List.of(), List.of());
    private Thread worker;

    /**
     * @param extraVips addresses that must stay local whatever the services say (the cluster DNS address)
     */
    public GatewaySync(ApiClient api, GatewaySettings settings, VirtualIps vips, Set<String> extraVips,
                       Consumer<GatewayConfig> dataPath) {
        this.settings = settings;
        this.vips = vips;
        this.extraVips = Set.copyOf(extraVips);
        this.dataPath = dataPath;
        this.services = watch(new Informer<>(api, Service.class));
        this.slices = watch(new Informer<>(api, EndpointSlice.class));
        this.ingresses = watch(new Informer<>(api, Ingress.class));
        this.secrets = watch(new Informer<>(api, Secret.class), GatewaySync::tlsContent);
        this.nodes = watch(new Informer<>(api, Node.class), GatewaySync::cidrAndZone);
    }

    private <T extends HasMetadata> Informer<T> watch(Informer<T> informer) {
        return watch(informer, o -> o);
    }

    /**
     * Marks the state dirty on adds, deletes, and updates that change what the translation reads of the object
     * ({@code relevant}): a node's status heartbeat every few seconds must not rebuild the gateway.
     */
    private <T extends HasMetadata> Informer<T> watch(Informer<T> informer, Function<T, Object> relevant) {
        return informer.addHandler(new EventHandler<>() {
            @Override
            public void onAdd(T object) {
                markDirty();
            }

            @Override
            public void onUpdate(T old, T now) {
                if (!Objects.equals(relevant.apply(old), relevant.apply(now))) {
                    markDirty();
                }
            }

            @Override
            public void onDelete(T last) {
                markDirty();
            }
        });
    }

    private static Object cidrAndZone(Node n) {
        return List.of(String.valueOf(n.getSpec() == null ? null : n.getSpec().getPodCIDR()),
                String.valueOf(n.getMetadata().getLabels() == null ? null
                        : n.getMetadata().getLabels().get(PodCidrZones.ZONE_LABEL)));
    }

    private static Object tlsContent(Secret s) {
        return s.getData() != null && s.getData().containsKey("tls.crt") ? s.getData() : null; // what IngressRoutes reads
    }

    /** Called with every new view (after the data path has it). */
    public void onView(Consumer<ClusterView> listener) {
        viewListeners.add(listener);
    }

    public ClusterView view() {
        return view;
    }

    public void start() {
        running = true;
        for (Informer<?> i : List.of(services, slices, ingresses, secrets, nodes)) {
            i.start();
        }
        rebuild();
        worker = Thread.ofPlatform().daemon().name("gateway-sync").start(this::loop);
    }

    private void markDirty() {
        lock.lock();
        try {
            dirty = true;
            changed.signal();
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (running) {
            lock.lock();
            try {
                while (!dirty && running) {
                    changed.await(1, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            try {
                Thread.sleep(COALESCE_MILLIS);
                rebuild();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "gateway: rebuilding the configuration failed", e);
            }
        }
    }

    /** Translates the caches now and applies the result (also what the worker thread does on changes). */
    public synchronized void rebuild() {
        lock.lock();
        try {
            dirty = false;
        } finally {
            lock.unlock();
        }
        ClusterView v = new ClusterView(services.cache().list(), slices.cache().list(), ingresses.cache().list(),
                secrets.cache().list(), nodes.cache().list());
        GatewayConfigs.Translation t = GatewayConfigs.translate(v, settings);
        Set<String> wanted = new HashSet<>(t.virtualIps());
        wanted.addAll(extraVips);
        vips.sync(wanted);
        dataPath.accept(t.config());
        view = v;
        for (Consumer<ClusterView> l : viewListeners) {
            l.accept(v);
        }
    }

    @Override
    public void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
        for (Informer<?> i : List.of(services, slices, ingresses, secrets, nodes)) {
            i.stop();
        }
    }
}

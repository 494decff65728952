package dev.wharf.gateway.dns;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * Relays questions outside the cluster zone to the host's resolvers over one UDP socket. Each relayed query gets
 * a fresh random id (the map from it to the client is the only state); the upstream's answer goes back verbatim
 * with the client's id restored. No answer within the timeout: the client gets SERVFAIL.
 */
final class UpstreamForwarder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(UpstreamForwarder.class.getName());
    private static final int MAX_PENDING = 16_384;

    /** What to do with the upstream's answer (a datagram we do not own), or when none came in time. */
    private record Pending(InetSocketAddress upstream, Consumer<ByteBuf> answered, Runnable expired,
                           ScheduledFuture<?> timeout) {
    }

    private final List<InetSocketAddress> upstreams;
    private final Duration timeout;
    private final RandomGenerator random;
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private volatile Channel channel;
    private int next;

    UpstreamForwarder(List<InetSocketAddress> upstreams, Duration timeout, RandomGenerator random) {
        this.upstreams = List.copyOf(upstreams);
        this.timeout = timeout;
        this.random = random;
    }

    void start(EventLoopGroup group, Class<? extends DatagramChannel> channelType) throws InterruptedException {
        if (upstreams.isEmpty()) {
            return;
        }
        channel = new Bootstrap().group(group).channel(channelType)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        answered(packet);
                    }
                })
                .bind(0).sync().channel();
    }

    /** Relays {@code query}; the answer (or SERVFAIL) goes to {@code reply}. */
    void forward(DnsQuery query, Reply reply) {
        DnsQuestion question = query.recordAt(DnsSection.QUESTION);
        int clientId = query.id();
        boolean rd = query.isRecursionDesired();
        send(id -> DnsWire.encodeQuery(channel.alloc(), query, id),
                msg -> {
                    msg.setShort(0, clientId);
                    reply.sendRaw(msg.retain());
                },
                () -> servfail(reply, clientId, question, rd));
    }

    /**
     * Asks the upstreams {@code name}/{@code type} (recursion desired) and hands the answer section's records to
     * {@code answers} (which owns them), or an empty list when the upstream failed or stayed silent.
     */
    void resolve(String name, DnsRecordType type, Consumer<List<DnsRecord>> answers) {
        send(id -> DnsWire.encodeQuestion(channel.alloc(), id, name, type),
                msg -> answers.accept(DnsWire.answerRecords(msg)),
                () -> answers.accept(List.of()));
    }

    private interface Encoder {
        ByteBuf encode(int id) throws Exception;
    }

    private void send(Encoder encoder, Consumer<ByteBuf> answered, Runnable expired) {
        Channel ch = channel;
        if (ch == null || pending.size() >= MAX_PENDING) {
            expired.run();
            return;
        }
        int id = newId();
        ByteBuf wire;
        try {
            wire = encoder.encode(id);
        } catch (Exception e) {
            pending.remove(id);
            expired.run();
            return;
        }
        InetSocketAddress upstream = pickUpstream();
        ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> expired(id), timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(upstream, answered, expired, timer));
        ch.writeAndFlush(new DatagramPacket(wire, upstream));
    }

    private synchronized InetSocketAddress pickUpstream() {
        // round robin spreads load and gets past a dead resolver on the client's retry
        InetSocketAddress u = upstreams.get(Math.floorMod(next, upstreams.size()));
        next++;
        return u;
    }

    private int newId() {
        while (true) {
            int id = random.nextInt(1 << 16);
            if (pending.putIfAbsent(id, placeholder()) == null) {
                return id;
            }
        }
    }

    private static Pending placeholder() {
        return new Pending(null, null, null, null);
    }

    private void answered(DatagramPacket packet) {
        ByteBuf msg = packet.content();
        if (msg.readableBytes() < 12) {
            return;
        }
        int id = msg.getUnsignedShort(0);
        Pending p = pending.get(id);
        if (p == null || p.answered() == null || !packet.sender().equals(p.upstream()) || !pending.remove(id, p)) {
            return; // late, unknown or spoofed
        }
        p.timeout().cancel(false);
        p.answered().accept(msg);
    }

    private void expired(int id) {
        Pending p = pending.get(id);
        if (p != null && p.expired() != null && pending.remove(id, p)) {
            LOG.log(Level.FINE, "upstream {0} did not answer in time", p.upstream());
            p.expired().run();
        }
    }

    static void servfail(Reply reply, int clientId, DnsQuestion question, boolean rd) {
        DnsResponse r = reply.response(clientId, io.netty.handler.codec.dns.DnsOpCode.QUERY, DnsResponseCode.SERVFAIL);
        r.setRecursionDesired(rd).setRecursionAvailable(true);
        if (question != null) {
            r.addRecord(DnsSection.QUESTION, (DnsRecord) question);
        }
        reply.send(r);
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().syncUninterruptibly();
        }
        pending.values().forEach(p -> {
            if (p.timeout() != null) {
                p.timeout().cancel(false);
            }
        });
        pending.clear();
    }
}

package dev.wharf.gateway.dns;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponseEncoder;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;
import io.netty.handler.codec.dns.DnsSection;

import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Answers one decoded query, over UDP or TCP: from the cluster zone when it is authoritative for the question,
 * else through the {@link UpstreamForwarder}.
 */
@ChannelHandler.Sharable
final class QueryHandler extends SimpleChannelInboundHandler<DnsQuery> {
    private static final Logger LOG = Logger.getLogger(QueryHandler.class.getName());

    private final String domain;
    private final Supplier<DnsRecords> records;
    private final UpstreamForwarder forwarder;

    QueryHandler(String domain, Supplier<DnsRecords> records, UpstreamForwarder forwarder) {
        this.domain = domain;
        this.records = records;
        this.forwarder = forwarder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DnsQuery query) {
        Reply reply = query instanceof DatagramDnsQuery dq
                ? Reply.Udp.of(ctx.pipeline().context(DatagramDnsResponseEncoder.class), dq)
                : new Reply.Tcp(ctx.channel());
        DnsQuestion question = query.count(DnsSection.QUESTION) == 1 ? query.recordAt(DnsSection.QUESTION) : null;
        if (question == null || query.opCode() != DnsOpCode.QUERY) {
            DnsResponse r = reply.response(query.id(), query.opCode(),
                    question == null ? DnsResponseCode.FORMERR : DnsResponseCode.NOTIMP);
            reply.send(r);
            return;
        }
        try {
            DnsRecords zone = records.get();
            if (zone == null) {
                zone = DnsRecords.empty(domain);
            }
            DnsRecords.Answer answer = zone.lookup(question.name(), question.type());
            if (answer.status() == DnsRecords.Status.NOT_AUTHORITATIVE) {
                forwarder.forward(query, reply);
            } else {
                DnsResponse response = respond(reply, query, question, answer, zone.domain());
                String outside = externalTarget(zone, answer, question);
                if (outside == null) {
                    reply.send(response);
                } else {
                    // like CoreDNS: resolve an ExternalName's target so that stub resolvers get addresses
                    forwarder.resolve(outside, question.type(), records -> {
                        records.forEach(rec -> response.addRecord(DnsSection.ANSWER, rec));
                        reply.send(response);
                    });
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer " + question, e);
            UpstreamForwarder.servfail(reply, query.id(), question, query.isRecursionDesired());
        }
    }

    private static DnsResponse respond(Reply reply, DnsQuery query, DnsQuestion question, DnsRecords.Answer answer,
                                       String zoneDomain) {
        boolean nx = answer.status() == DnsRecords.Status.NXDOMAIN;
        DnsResponse r = reply.response(query.id(), DnsOpCode.QUERY,
                nx ? DnsResponseCode.NXDOMAIN : DnsResponseCode.NOERROR);
        r.setAuthoritativeAnswer(true).setRecursionDesired(query.isRecursionDesired()).setRecursionAvailable(true);
        r.addRecord(DnsSection.QUESTION, question);
        String asked = DnsRecords.normalize(question.name());
        int limit = reply.udp() ? DnsWire.clientUdpSize(query) : 65535;
        int size = 12 + question.name().length() + 6 + (DnsWire.hasOpt(query) ? 11 : 0);
        for (Rr rr : answer.answers()) {
            size += DnsWire.size(owner(rr, asked, question), rr);
        }
        boolean truncated = size > limit;
        if (truncated) {
            r.setTruncated(true);
        } else {
            for (Rr rr : answer.answers()) {
                r.addRecord(DnsSection.ANSWER, DnsWire.toNetty(rr, owner(rr, asked, question)));
            }
            for (Rr rr : answer.additionals()) {
                int more = DnsWire.size(rr.name(), rr);
                if (size + more <= limit) {
                    size += more;
                    r.addRecord(DnsSection.ADDITIONAL, DnsWire.toNetty(rr, rr.name()));
                }
            }
        }
        if (answer.answers().isEmpty()) {
            r.addRecord(DnsSection.AUTHORITY, DnsWire.soa(zoneDomain));
        }
        if (DnsWire.hasOpt(query)) {
            r.addRecord(DnsSection.ADDITIONAL, DnsWire.opt());
        }
        return r;
    }

    /** The CNAME target outside the zone that ends the answer's chain, when the client wants more than it. */
    private static String externalTarget(DnsRecords zone, DnsRecords.Answer answer, DnsQuestion question) {
        if (answer.answers().isEmpty() || question.type() == DnsRecordType.CNAME
                || question.type() == DnsRecordType.ANY) {
            return null;
        }
        return answer.answers().getLast().data() instanceof Rr.Cname c && !zone.authoritative(c.target())
                ? c.target() : null;
    }

    /** Answers for the asked name keep the asker's spelling (DNS 0x20 case randomisation). */
    private static String owner(Rr rr, String asked, DnsRecord question) {
        return rr.name().equals(asked) ? question.name() : rr.name();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.log(Level.FINE, "DNS channel error", cause);
        if (!(ctx.channel() instanceof io.netty.channel.socket.DatagramChannel)) {
            ctx.close();
        }
    }
}

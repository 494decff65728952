package dev.wharf.gateway.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuery;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRecordEncoder;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.util.ReferenceCountUtil;
import io.netty.handler.codec.dns.DnsRecordType;
import io.netty.handler.codec.dns.DnsSection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Conversions between the codec-free {@link Rr} and Netty's DNS records, and raw message helpers. */
final class DnsWire {
    /** TTL of every answer, and the negative-caching TTL in the SOA (CoreDNS's kubernetes plugin: 5 s). */
    static final long TTL = 5;
    /** UDP payload size advertised in our OPT record. */
    static final int EDNS_SIZE = 1232;

    private DnsWire() {
    }

    /** A Netty record for {@code rr}, owned by {@code owner} (the question's spelling when it is the same name). */
    static DnsRecord toNetty(Rr rr, String owner) {
        ByteBuf rdata = Unpooled.buffer();
        DnsRecordType type = switch (rr.data()) {
            case Rr.Address a -> {
                rdata.writeBytes(a.address().getAddress());
                yield a.v4() ? DnsRecordType.A : DnsRecordType.AAAA;
            }
            case Rr.Cname c -> {
                writeName(rdata, c.target());
                yield DnsRecordType.CNAME;
            }
            case Rr.Srv s -> {
                rdata.writeShort(s.priority()).writeShort(s.weight()).writeShort(s.port());
                writeName(rdata, s.target());
                yield DnsRecordType.SRV;
            }
            case Rr.Ptr p -> {
                writeName(rdata, p.target());
                yield DnsRecordType.PTR;
            }
        };
        return new DefaultDnsRawRecord(fqdn(owner), type, TTL, rdata);
    }

    /** The zone's SOA record, for the authority section of NXDOMAIN and NODATA answers. */
    static DnsRecord soa(String domain) {
        ByteBuf rdata = Unpooled.buffer();
        writeName(rdata, "ns.dns." + domain);
        writeName(rdata, "hostmaster." + domain);
        rdata.writeInt(1);          // serial: the snapshot is rebuilt often; secondaries are not supported
        rdata.writeInt(7200);       // refresh
        rdata.writeInt(1800);       // retry
        rdata.writeInt(86400);      // expire
        rdata.writeInt((int) TTL);  // minimum: negative caching TTL
        return new DefaultDnsRawRecord(fqdn(domain), DnsRecordType.SOA, TTL, rdata);
    }

    /** An OPT pseudo-record advertising {@link #EDNS_SIZE}. */
    static DnsRecord opt() {
        return new DefaultDnsRawRecord("", DnsRecordType.OPT, EDNS_SIZE, 0, Unpooled.EMPTY_BUFFER);
    }

    /** The UDP payload size the client accepts: its OPT class, else 512 (RFC 1035). */
    static int clientUdpSize(DnsQuery query) {
        for (int i = 0; i < query.count(DnsSection.ADDITIONAL); i++) {
            DnsRecord r = query.recordAt(DnsSection.ADDITIONAL, i);
            if (r.type() == DnsRecordType.OPT) {
                return Math.max(512, Math.min(r.dnsClass() & 0xffff, 65535));
            }
        }
        return 512;
    }

    static boolean hasOpt(DnsQuery query) {
        for (int i = 0; i < query.count(DnsSection.ADDITIONAL); i++) {
            if (query.recordAt(DnsSection.ADDITIONAL, i).type() == DnsRecordType.OPT) {
                return true;
            }
        }
        return false;
    }

    /** Re-encodes a decoded query (question and additional sections) with a new id, for an upstream. */
    static ByteBuf encodeQuery(ByteBufAllocator alloc, DnsQuery q, int id) throws Exception {
        ByteBuf buf = alloc.buffer(512);
        buf.writeShort(id);
        int flags = (q.opCode().byteValue() & 0xf) << 11 | (q.z() & 7) << 4;
        if (q.isRecursionDesired()) {
            flags |= 1 << 8;
        }
        buf.writeShort(flags);
        buf.writeShort(q.count(DnsSection.QUESTION)).writeShort(0).writeShort(0)
                .writeShort(q.count(DnsSection.ADDITIONAL));
        try {
            for (int i = 0; i < q.count(DnsSection.QUESTION); i++) {
                DnsRecordEncoder.DEFAULT.encodeQuestion(q.recordAt(DnsSection.QUESTION, i), buf);
            }
            for (int i = 0; i < q.count(DnsSection.ADDITIONAL); i++) {
                DnsRecordEncoder.DEFAULT.encodeRecord(q.recordAt(DnsSection.ADDITIONAL, i), buf);
            }
            return buf;
        } catch (Exception | Error e) {
            buf.release();
            throw e;
        }
    }

    /** A query with one question, recursion desired, for {@code id}. */
    static ByteBuf encodeQuestion(ByteBufAllocator alloc, int id, String name, DnsRecordType type) throws Exception {
        ByteBuf buf = alloc.buffer(64 + name.length());
        buf.writeShort(id).writeShort(1 << 8).writeShort(1).writeShort(0).writeShort(0).writeShort(0);
        try {
            DnsRecordEncoder.DEFAULT.encodeQuestion(new DefaultDnsQuestion(fqdn(name), type), buf);
            return buf;
        } catch (Exception | Error e) {
            buf.release();
            throw e;
        }
    }

    /**
     * The answer section of an encoded DNS response (names decompressed by Netty's decoder), empty when the
     * message is an error or malformed. The caller owns (releases) the records.
     */
    static List<DnsRecord> answerRecords(ByteBuf message) {
        ByteBuf m = message.duplicate();
        if (m.readableBytes() < 12 || (m.getUnsignedShort(m.readerIndex() + 2) & 0xf) != 0) {
            return List.of();
        }
        int questions = m.getUnsignedShort(m.readerIndex() + 4);
        int answers = m.getUnsignedShort(m.readerIndex() + 6);
        m.skipBytes(12);
        List<DnsRecord> out = new ArrayList<>();
        try {
            for (int i = 0; i < questions; i++) {
                DnsRecordDecoder.DEFAULT.decodeQuestion(m);
            }
            for (int i = 0; i < answers; i++) {
                DnsRecord r = DnsRecordDecoder.DEFAULT.decodeRecord(m);
                if (r == null) {
                    break;
                }
                out.add(r);
            }
        } catch (Exception e) {
            out.forEach(ReferenceCountUtil::release);
            return List.of();
        }
        return out;
    }

    /** A rough upper bound of a record's wire size (no name compression). */
    static int size(String owner, Rr rr) {
        int rdata = switch (rr.data()) {
            case Rr.Address a -> a.address().getAddress().length;
            case Rr.Cname c -> c.target().length() + 2;
            case Rr.Srv s -> 6 + s.target().length() + 2;
            case Rr.Ptr p -> p.target().length() + 2;
        };
        return owner.length() + 2 + 10 + rdata;
    }

    static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    /** Writes a name as uncompressed labels. */
    static void writeName(ByteBuf buf, String name) {
        for (String label : name.split("\\.")) {
            if (label.isEmpty()) {
                continue;
            }
            byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
            if (bytes.length > 63) {
                throw new IllegalArgumentException("DNS label longer than 63 bytes: " + label);
            }
            buf.writeByte(bytes.length).writeBytes(bytes);
        }
        buf.writeByte(0);
    }
}

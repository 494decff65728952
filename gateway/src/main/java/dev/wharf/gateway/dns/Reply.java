package dev.wharf.gateway.dns;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.dns.DatagramDnsQuery;
import io.netty.handler.codec.dns.DatagramDnsResponse;
import io.netty.handler.codec.dns.DefaultDnsResponse;
import io.netty.handler.codec.dns.DnsOpCode;
import io.netty.handler.codec.dns.DnsResponse;
import io.netty.handler.codec.dns.DnsResponseCode;

import java.net.InetSocketAddress;

/** Where the answer to one query goes: a UDP client (one datagram) or a TCP connection (length-prefixed). */
sealed interface Reply {
    /** An empty response of the right kind for this transport. */
    DnsResponse response(int id, DnsOpCode opCode, DnsResponseCode code);

    /** Sends a response built by {@link #response} through the transport's DNS encoder. */
    void send(DnsResponse response);

    /** Sends an already-encoded DNS message (an upstream's answer); takes ownership of {@code message}. */
    void sendRaw(ByteBuf message);

    boolean udp();

    /**
     * A UDP client. {@code encoderCtx} is the context of the DatagramDnsResponseEncoder: writing a raw datagram
     * from there passes it by the encoder, which would take any AddressedEnvelope for a DNS response.
     */
    record Udp(Channel channel, ChannelHandlerContext encoderCtx, InetSocketAddress local,
               InetSocketAddress client) implements Reply {
        static Udp of(ChannelHandlerContext encoderCtx, DatagramDnsQuery query) {
            return new Udp(encoderCtx.channel(), encoderCtx, query.recipient(), query.sender());
        }

        @Override
        public DnsResponse response(int id, DnsOpCode opCode, DnsResponseCode code) {
            return new DatagramDnsResponse(local, client, id, opCode, code);
        }

        @Override
        public void send(DnsResponse response) {
            channel.writeAndFlush(response);
        }

        @Override
        public void sendRaw(ByteBuf message) {
            encoderCtx.writeAndFlush(new DatagramPacket(message, client));
        }

        @Override
        public boolean udp() {
            return true;
        }
    }

    /** A TCP connection: raw messages get the two-byte length prefix (RFC 1035 4.2.2). */
    record Tcp(Channel channel) implements Reply {
        @Override
        public DnsResponse response(int id, DnsOpCode opCode, DnsResponseCode code) {
            return new DefaultDnsResponse(id, opCode, code);
        }

        @Override
        public void send(DnsResponse response) {
            channel.writeAndFlush(response);
        }

        @Override
        public void sendRaw(ByteBuf message) {
            ByteBuf framed = channel.alloc().buffer(2 + message.readableBytes());
            framed.writeShort(message.readableBytes()).writeBytes(message);
            message.release();
            channel.writeAndFlush(framed);
        }

        @Override
        public boolean udp() {
            return false;
        }
    }
}

package drachtio.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import drachtio.api.message.SipMessage;
import drachtio.api.message.SipParseException;
import drachtio.api.message.SipResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
    private static final String OK = SipParserTest.OK;

    private static List<Frame> drain(StreamFramer f) {
        List<Frame> out = new ArrayList<>();
        while (true) {
            Frame fr = f.next();
            if (fr instanceof Frame.NeedMoreBytes) {
                return out;
            }
            out.add(fr);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void needMoreBytesIsANormalResult() {
        StreamFramer f = SipParser.create().newStream();
        byte[] wire = bytes(OK);
        f.feed(wire, 0, 30);
        assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
        f.feed(wire, 30, wire.length - 31);
        assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
        f.feed(wire, wire.length - 1, 1);
        Frame.Message m = (Frame.Message) f.next();
        assertThat(m.message().bodyText()).isEqualTo("abcd");
        assertThat(f.buffered()).isZero();
    }

    @Test
    void framesBackToBackMessagesByContentLength() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes(OK + OK.replace("abcd", "wxyz"))));
        List<Frame> frames = drain(f);
        assertThat(frames).hasSize(2);
        assertThat(((Frame.Message) frames.get(1)).message().bodyText()).isEqualTo("wxyz");
        assertThat(((Frame.Message) frames.get(1)).streamOffset()).isEqualTo(OK.length());
    }

    @Test
    void aHeadScannedBeforeItsBodyKeepsItsHeadersWhenTheBufferMakesRoom() {
        String head = "INVITE sip:bob@biloxi.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-1\r\nMax-Forwards: 70\r\n"
                + "From: <sip:alice@atlanta.example.com>;tag=1928301774\r\nTo: <sip:bob@biloxi.example.com>\r\n"
                + "Call-ID: a84b4c76e66710@192.0.2.1\r\nCSeq: 314159 INVITE\r\nContent-Type: text/plain\r\n";
        byte[] first = bytes(head + "Content-Length: 0\r\n\r\n");
        byte[] second = bytes(head + "Content-Length: 5000\r\n\r\n" + "x".repeat(5000));
        int headLength = second.length - 5000;
        StreamFramer f = SipParser.create().newStream();
        // one read: a message and the next one's head; a later read: its body, which the buffer
        // makes room for by moving the head to its front
        byte[] read = new byte[first.length + headLength];
        System.arraycopy(first, 0, read, 0, first.length);
        System.arraycopy(second, 0, read, first.length, headLength);
        f.feed(read, 0, read.length);
        assertThat(f.next()).isInstanceOf(Frame.Message.class);
        assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
        f.feed(second, headLength, second.length - headLength);

        SipMessage m = ((Frame.Message) f.next()).message();

        SipMessage expected = SipParser.create().parseDatagram(second);
        assertThat(m.callId()).isEqualTo(expected.callId());
        assertThat(m.headers().toList()).isEqualTo(expected.headers().toList());
        assertThat(m.bodyLength()).isEqualTo(5000);
        assertThat(SipValidator.check(m)).isEmpty();
    }

    @Test
    void onlyOctetsOtherThanCrAndLfStartAMessage() {
        StreamFramer f = SipParser.create().newStream();
        byte[] crlf = bytes("\r\n");
        f.feed(crlf, 0, crlf.length);
        drain(f);
        assertThat(f.buffered()).isPositive();
        assertThat(f.messageStarted()).isFalse();
        byte[] start = bytes("\r\nOPT");
        f.feed(start, 0, start.length);
        drain(f);
        assertThat(f.messageStarted()).isTrue();
    }

    @Test
    void reportsCrlfCrlfAsKeepAliveAndSkipsSingleCrlf() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes("\r\n\r\n" + OK + "\r\n" + OK)));
        List<Frame> frames = drain(f);
        assertThat(frames).hasSize(3);
        assertThat(frames.get(0)).isInstanceOf(Frame.KeepAlive.class);
        assertThat(frames.get(1)).isInstanceOf(Frame.Message.class);
        assertThat(frames.get(2)).isInstanceOf(Frame.Message.class);
    }

    @Test
    void aKeepAliveSplitAcrossReadsIsStillOne() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes("\r\n")));
        assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
        f.feed(ByteBuffer.wrap(bytes("\r\n")));
        assertThat(f.next()).isInstanceOf(Frame.KeepAlive.class);
    }

    @Test
    void aKeepAliveAfterStrayLineBreaksIsFoundHoweverTheStreamIsSplit() {
        byte[] wire = bytes(OK + "\r\r\r\n\r\n" + OK);
        StreamFramer whole = SipParser.create().newStream();
        whole.feed(wire, 0, wire.length);
        List<Frame> frames = drain(whole);
        StreamFramer octets = SipParser.create().newStream();
        List<Frame> oneByOne = new ArrayList<>();
        for (int i = 0; i < wire.length; i++) {
            octets.feed(wire, i, 1);
            oneByOne.addAll(drain(octets));
        }
        // before the fix a whole run of line breaks was skipped unless it began with CRLF CRLF,
        // while octet by octet the CRLF CRLF inside it was reported
        assertThat(frames).hasSize(3);
        assertThat(frames.get(1)).isInstanceOf(Frame.KeepAlive.class);
        assertThat(oneByOne).hasSize(3);
        assertThat(oneByOne.get(1)).isInstanceOf(Frame.KeepAlive.class);
        assertThat(((Frame.Message) oneByOne.get(2)).streamOffset())
                .isEqualTo(((Frame.Message) frames.get(2)).streamOffset())
                .isEqualTo(OK.length() + 6);
    }

    @Test
    void lineBreaksThatCouldStillBecomeAKeepAliveWait() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes("\n\r\n\r")));
        assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
        assertThat(f.buffered()).isEqualTo(3);
        f.feed(ByteBuffer.wrap(bytes("\n" + OK)));
        assertThat(drain(f)).hasSize(2).first().isInstanceOf(Frame.KeepAlive.class);
    }

    @Test
    void requiresContentLengthOnStreams() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes("SIP/2.0 200 OK\r\nTo: <sip:a@b>\r\n\r\n")));
        assertThatThrownBy(f::next).isInstanceOf(SipParseException.class).hasMessageContaining("Content-Length");
        assertThatThrownBy(f::next).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorOffsetsCountFromTheStartOfTheStream() {
        StreamFramer f = SipParser.create().newStream();
        String bad = "SIP/2.0 200 OK\r\nTo <sip:a@b>\r\nl: 0\r\n\r\n";
        f.feed(ByteBuffer.wrap(bytes(OK + bad)));
        assertThat(f.next()).isInstanceOf(Frame.Message.class);
        assertThatThrownBy(f::next).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.offset()).isEqualTo(OK.length() + bad.indexOf("<sip")));
    }

    @Test
    void aStreamThatNeverEndsItsHeadIsRefusedAtTheSizeLimit() {
        StreamFramer f = SipParser.create(ParserLimits.builder().maxMessageSize(1000).build()).newStream();
        f.feed(ByteBuffer.wrap(bytes("SIP/2.0 200 OK\r\n")));
        byte[] line = bytes("X-Filler: 0123456789012345678901234567890123456789\r\n");
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) {
                f.feed(line, 0, line.length);
                assertThat(f.next()).isInstanceOf(Frame.NeedMoreBytes.class);
            }
        }).isInstanceOfSatisfying(SipParseException.class, e -> assertThat(e.status()).isEqualTo(513));
    }

    @Test
    void aHeadOverTheSizeLimitIsRefusedAlikeWhetherItArrivesWholeOrInParts() {
        ParserLimits limits = ParserLimits.builder().maxMessageSize(200).maxHeaders(4).build();
        StringBuilder head = new StringBuilder("OPTIONS sip:a@b SIP/2.0\r\n");
        for (int i = 0; i < 6; i++) {
            head.append("X-Filler-").append(i).append(": 0123456789012345678901234567890123456789\r\n");
        }
        byte[] wire = bytes(head.append("Content-Length: 0\r\n\r\n").toString());
        StreamFramer whole = SipParser.create(limits).newStream();
        whole.feed(wire, 0, wire.length);
        StreamFramer parts = SipParser.create(limits).newStream();
        parts.feed(wire, 0, 201);
        // before the fix the whole head was scanned first and refused for its fifth header field
        assertThatThrownBy(whole::next).isInstanceOfSatisfying(SipParseException.class, e -> {
            assertThat(e.status()).isEqualTo(513);
            assertThat(e.reason()).isEqualTo("message larger than 200 octets");
            assertThat(e.offset()).isZero();
        });
        assertThatThrownBy(parts::next).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.reason()).isEqualTo("message larger than 200 octets"));
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItArrives() {
        StreamFramer f = SipParser.create(ParserLimits.builder().maxMessageSize(1000).build()).newStream();
        f.feed(ByteBuffer.wrap(bytes("SIP/2.0 200 OK\r\nContent-Length: 5000\r\n\r\n")));
        assertThatThrownBy(f::next).isInstanceOfSatisfying(SipParseException.class,
                e -> assertThat(e.status()).isEqualTo(513));
    }

    @Test
    void messagesDoNotShareTheFramersBuffer() {
        StreamFramer f = SipParser.create().newStream();
        f.feed(ByteBuffer.wrap(bytes(OK)));
        SipResponse first = (SipResponse) ((Frame.Message) f.next()).message();
        f.feed(ByteBuffer.wrap(bytes(OK.replace("abcd", "zzzz"))));
        f.next();
        assertThat(first.bodyText()).isEqualTo("abcd");
        assertThat(first.header("CSeq")).contains("314159 INVITE");
    }
}

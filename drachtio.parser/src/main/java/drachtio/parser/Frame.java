package drachtio.parser;

import drachtio.api.message.SipMessage;

/** What a {@link StreamFramer} found next in a stream. */
public sealed interface Frame permits Frame.Message, Frame.NeedMoreBytes, Frame.KeepAlive {

    /**
     * A whole message.
     *
     * @param message the message
     * @param streamOffset where it started, counted from the start of the stream
     */
    record Message(SipMessage message, long streamOffset) implements Frame {
    }

    /** The buffered octets do not hold a whole message yet: feed more. */
    record NeedMoreBytes() implements Frame {
    }

    /**
     * A CRLF CRLF keep-alive ping between messages (RFC 5626 4.4.1); a transport answers it
     * with CRLF.
     */
    record KeepAlive() implements Frame {
    }
}

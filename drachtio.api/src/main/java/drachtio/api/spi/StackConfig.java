package drachtio.api.spi;

import drachtio.api.Listen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link SipStack} is created with. Every value has a sensible default.
 *
 * @param listen where to listen; may be empty for a client-only stack
 * @param t1 RFC 3261 T1, the round-trip estimate (500 ms)
 * @param t2 RFC 3261 T2 (4 s)
 * @param t4 RFC 3261 T4 (5 s)
 * @param maxMessageSize the largest message accepted, in octets (65 535)
 * @param maxInFlightRequests how many new incoming requests (no To tag) may be in the
 *     application's hands at once, and as many again within dialogs (To tag); beyond it a
 *     request gets 503 with Retry-After (10 000). The embedded stack also turns new requests
 *     away earlier when its application threads fall behind (docs/TRANSPORT.md)
 * @param shutdownGrace how long {@link SipStack#close()} lets transactions in flight finish (2 s)
 */
public record StackConfig(List<Listen> listen, Duration t1, Duration t2, Duration t4, int maxMessageSize,
                          int maxInFlightRequests, Duration shutdownGrace) {

    /** Checks the values and copies the list. */
    public StackConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        if (t1.isZero() || t1.isNegative() || t2.compareTo(t1) < 0 || t4.isNegative()) {
            throw new IllegalArgumentException("timers need 0 < T1 <= T2 and T4 >= 0");
        }
        if (maxMessageSize < 256) {
            throw new IllegalArgumentException("maxMessageSize must be at least 256: " + maxMessageSize);
        }
        if (maxInFlightRequests < 1) {
            throw new IllegalArgumentException("maxInFlightRequests must be positive: " + maxInFlightRequests);
        }
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link StackConfig}. */
    public static final class Builder {
        private final List<Listen> listen = new ArrayList<>();
        private Duration t1 = Duration.ofMillis(500);
        private Duration t2 = Duration.ofSeconds(4);
        private Duration t4 = Duration.ofSeconds(5);
        private int maxMessageSize = 65_535;
        private int maxInFlightRequests = 10_000;
        private Duration shutdownGrace = Duration.ofSeconds(2);

        private Builder() {
        }

        /**
         * @param address one more address to listen on
         * @return this builder
         */
        public Builder listen(Listen address) {
            listen.add(Objects.requireNonNull(address, "address"));
            return this;
        }

        /**
         * Sets T1 and scales T2 (8*T1) and T4 (10*T1) with it; for tests and LANs.
         *
         * @param value the new T1
         * @return this builder
         */
        public Builder t1(Duration value) {
            this.t1 = value;
            this.t2 = value.multipliedBy(8);
            this.t4 = value.multipliedBy(10);
            return this;
        }

        /**
         * @param t1 T1
         * @param t2 T2
         * @param t4 T4
         * @return this builder
         */
        public Builder timers(Duration t1, Duration t2, Duration t4) {
            this.t1 = t1;
            this.t2 = t2;
            this.t4 = t4;
            return this;
        }

        /**
         * @param octets the largest message accepted
         * @return this builder
         */
        public Builder maxMessageSize(int octets) {
            this.maxMessageSize = octets;
            return this;
        }

        /**
         * @param count how many incoming requests the application may hold at once
         * @return this builder
         */
        public Builder maxInFlightRequests(int count) {
            this.maxInFlightRequests = count;
            return this;
        }

        /**
         * @param grace how long close() waits for transactions in flight
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = grace;
            return this;
        }

        /** @return the configuration, checked */
        public StackConfig build() {
            return new StackConfig(listen, t1, t2, t4, maxMessageSize, maxInFlightRequests, shutdownGrace);
        }
    }
}

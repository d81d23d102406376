package drachtio.middleware.internal.auth;

import drachtio.api.Next;

/** A {@link Next} that counts calls. */
public final class FakeNext implements Next {
    private int proceeded;
    private Throwable failed;

    @Override
    public void proceed() {
        if (proceeded++ > 0 || failed != null) {
            throw new IllegalStateException("already called");
        }
    }

    @Override
    public void fail(Throwable error) {
        if (proceeded > 0 || failed != null) {
            throw new IllegalStateException("already called");
        }
        failed = error;
    }

    /** @return whether {@link #proceed()} was called */
    public boolean proceeded() {
        return proceeded == 1;
    }
}

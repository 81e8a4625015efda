package io.diskdb.protocol;

import java.util.function.LongSupplier;

/**
 * The request size limits Redis enforces. The bulk limit is read on every request because
 * {@code CONFIG SET proto-max-bulk-len} changes it while clients are connected.
 */
public record ProtocolLimits(LongSupplier maxBulkLength, int maxInlineLength) {
    /** Redis's PROTO_INLINE_MAX_SIZE: an inline request or a length line may not exceed 64 KB. */
    public static final int INLINE_MAX = 64 * 1024;

    public static ProtocolLimits withMaxBulk(LongSupplier maxBulkLength) {
        return new ProtocolLimits(maxBulkLength, INLINE_MAX);
    }
}

package io.diskdb.command;

import io.diskdb.protocol.ReplyWriter;
import io.diskdb.types.ScoredMember;

import java.util.List;

/**
 * The reply shapes of sorted-set elements, as Redis 7.0 writes them: members alone, or members
 * with scores — a flat [m1, s1, m2, s2...] array in RESP2, an array of [member, score] pairs in
 * RESP3 (where scores are native doubles).
 */
final class ZSetReplies {
    private ZSetReplies() {
    }

    static void elements(ReplyWriter reply, List<ScoredMember> elements, boolean withScores) {
        if (!withScores) {
            reply.arrayHeader(elements.size());
            for (ScoredMember element : elements) {
                reply.bulk(element.member());
            }
            return;
        }
        pairs(reply, elements, reply.resp3());
    }

    /** Members with scores, as [member, score] pairs when {@code nested}, else flat. */
    static void pairs(ReplyWriter reply, List<ScoredMember> elements, boolean nested) {
        reply.arrayHeader(nested ? elements.size() : elements.size() * 2);
        for (ScoredMember element : elements) {
            if (nested) {
                reply.arrayHeader(2);
            }
            reply.bulk(element.member());
            reply.doubleValue(element.score());
        }
    }
}

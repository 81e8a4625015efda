package io.diskdb.types;

import io.diskdb.util.Bytes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ZUNION, ZINTER and ZDIFF over {@link ScoredSource}s, computed exactly as Redis 7.0 does,
 * including the order in which scores are combined (floating-point sums depend on it): union
 * and intersection first order the inputs by size (stably), a weighted score that is NaN
 * (inf * 0) counts as 0, and a sum that is NaN (inf + -inf) is 0. Results are in Redis order.
 */
public final class SortedSetAlgebra {
    public enum Aggregate {
        SUM, MIN, MAX;

        double combine(double target, double value) {
            return switch (this) {
                case SUM -> {
                    double sum = target + value;
                    yield Double.isNaN(sum) ? 0.0 : sum;
                }
                case MIN -> value < target ? value : target;
                case MAX -> value > target ? value : target;
            };
        }
    }

    /** An input with its WEIGHTS factor. */
    public record Weighted(ScoredSource source, double weight) {
    }

    private SortedSetAlgebra() {
    }

    public static List<ScoredMember> union(List<Weighted> inputs, Aggregate aggregate) {
        Map<Bytes, double[]> accumulator = new LinkedHashMap<>();
        for (Weighted input : bySize(inputs)) {
            input.source().forEach(element -> {
                double score = weighted(element.score(), input.weight());
                double[] existing = accumulator.putIfAbsent(new Bytes(element.member()), new double[]{score});
                if (existing != null) {
                    existing[0] = aggregate.combine(existing[0], score);
                }
            });
        }
        List<ScoredMember> out = new ArrayList<>(accumulator.size());
        accumulator.forEach((member, score) -> out.add(new ScoredMember(member.array(), score[0])));
        return sorted(out);
    }

    public static List<ScoredMember> inter(List<Weighted> inputs, Aggregate aggregate) {
        List<ScoredMember> out = new ArrayList<>();
        intersect(bySize(inputs), aggregate, Long.MAX_VALUE, out);
        return sorted(out);
    }

    /** ZINTERCARD: the size of the intersection, counting stops at {@code limit} (0 = no limit). */
    public static long interCard(List<ScoredSource> sources, long limit) {
        List<Weighted> inputs = sources.stream().map(source -> new Weighted(source, 1.0)).toList();
        List<ScoredMember> out = new ArrayList<>();
        intersect(bySize(inputs), Aggregate.SUM, limit == 0 ? Long.MAX_VALUE : limit, out);
        return out.size();
    }

    /** Members of the first source that are in no other, with their scores in the first one. */
    public static List<ScoredMember> diff(List<ScoredSource> sources) {
        List<ScoredMember> out = new ArrayList<>();
        ScoredSource first = sources.get(0);
        first.forEach(element -> {
            for (int i = 1; i < sources.size(); i++) {
                if (sources.get(i).find(element.member()) != null) {
                    return;
                }
            }
            out.add(element);
        });
        return sorted(out);
    }

    /** Walks the smallest input and looks each member up in the others, in size order. */
    private static void intersect(List<Weighted> inputs, Aggregate aggregate, long limit, List<ScoredMember> out) {
        Weighted smallest = inputs.get(0);
        if (smallest.source().size() == 0) {
            return;
        }
        // forEach cannot stop early; the walk of the smallest input is bounded by its size anyway
        smallest.source().forEach(element -> {
            if (out.size() >= limit) {
                return;
            }
            double score = weighted(element.score(), smallest.weight());
            for (int i = 1; i < inputs.size(); i++) {
                Double other = inputs.get(i).source().find(element.member());
                if (other == null) {
                    return;
                }
                // Redis does not replace a NaN weighted score of the later inputs by 0 here
                score = aggregate.combine(score, other * inputs.get(i).weight());
            }
            out.add(new ScoredMember(element.member(), score));
        });
    }

    private static double weighted(double score, double weight) {
        double value = score * weight;
        return Double.isNaN(value) ? 0.0 : value;
    }

    private static List<Weighted> bySize(List<Weighted> inputs) {
        List<Weighted> ordered = new ArrayList<>(inputs);
        ordered.sort(Comparator.comparingLong(input -> input.source().size())); // stable, like glibc's qsort here
        return ordered;
    }

    private static List<ScoredMember> sorted(List<ScoredMember> elements) {
        elements.sort(ScoredMember.ORDER);
        return elements;
    }
}

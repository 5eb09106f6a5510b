package io.symphra.metrics.testkit;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generates task names for property tests: over the whole {@code char} range (lone surrogates included), biased
 * toward the characters that break renderers. A name is a run of pieces: a dangerous piece (weight 5), any code
 * point (3), a plain word (2) or any single char (1); most names are short, a few are long. Every exporter's
 * property test uses this, adding the pieces that are dangerous for its own format.
 */
public final class HostileNameArbitrary {

    /** Pieces that break one renderer or another, whatever the backend. */
    public static final List<String> DANGEROUS_PIECES = List.of(
            "\"",
            "\\",
            "\n",
            "\r",
            "\t",
            "\u0000",
            "=",
            ",",
            ":",
            "|",
            "#",
            "@",
            " ",
            ".",
            "{",
            "}",
            "/",
            "'",
            "\uD83D\uDE80",
            "\u05E9\u05DC",
            "\u0645\u0631",
            "\u202E",
            "\u00FC",
            "\u00A0",
            "\u2028",
            "\u0085",
            "\uFEFF",
            "\u007F",
            "\u001B");

    private HostileNameArbitrary() {}

    /**
     * Names built from {@link #DANGEROUS_PIECES} plus {@code extraPieces}.
     *
     * @param extraPieces    pieces dangerous for the format under test
     * @param longPerFifty   how many names in fifty are long
     * @param longMinPieces  fewest pieces of a long name
     * @param longMaxPieces  most pieces of a long name
     */
    public static Arbitrary<String> names(
            List<String> extraPieces, int longPerFifty, int longMinPieces, int longMaxPieces) {
        List<String> pieces = new ArrayList<>(DANGEROUS_PIECES);
        pieces.addAll(extraPieces);
        Arbitrary<String> dangerous = Arbitraries.of(pieces);
        Arbitrary<String> anyCodePoint = Arbitraries.integers()
                .between(0, Character.MAX_CODE_POINT)
                .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
                .map(Character::toString);
        Arbitrary<String> anyChar = Arbitraries.chars().all().map(String::valueOf);
        Arbitrary<String> word =
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                Tuple.of(5, dangerous), Tuple.of(3, anyCodePoint), Tuple.of(2, word), Tuple.of(1, anyChar));
        Arbitrary<String> shortName = piece.list().ofMinSize(1).ofMaxSize(24).map(p -> String.join("", p));
        Arbitrary<String> longName =
                piece.list().ofMinSize(longMinPieces).ofMaxSize(longMaxPieces).map(p -> String.join("", p));
        return Arbitraries.frequencyOf(Tuple.of(50 - longPerFifty, shortName), Tuple.of(longPerFifty, longName))
                .map(n -> n.isBlank() ? "t" + n : n);
    }
}

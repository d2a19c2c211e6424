package io.chorus.load;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The texts of the search scenario and what a search of them must find. A vocabulary of `size`
 * words whose frequencies follow Zipf's law (the 150 most frequent are common chat words, the rest
 * pronounceable made-up words, so a rare term is really rare), hyphenated phrases in a few percent
 * of the messages, and CJK sentences (Chinese, Japanese, Korean) in about a tenth.
 *
 * <p>{@link #tokens} models what PostgreSQL indexes for such a text (migration V16_1: every CJK
 * character set apart, the `simple` configuration: lower-cased words, a hyphenated word as itself
 * and its parts, punctuation dropped) and {@link #matches} what a search term finds (its tokens one
 * after the other, as `phraseto_tsquery` does). The scenario checks every answer's hit count against
 * it, so a search that answers fast but wrongly fails the run. The texts use only what the model
 * covers exactly: lower-case ASCII words (sometimes capitalised or followed by ? or !), single-hyphen
 * phrases, whole CJK sentences separated by spaces.
 */
final class SearchCorpus {

    /** Common chat words, most frequent first (no stop-word list in `simple`: these are indexed too). */
    static final String[] COMMON = ("i you the to a and is it that we for on are this have be with at can will "
            + "not do what me my so just no ok yes your but all now if get go was see know then there out "
            + "up about one time today good thanks think here how when let send call need meeting tomorrow "
            + "back work sure like new please later right team lunch morning night week coffee project "
            + "update file later done later check soon weekend message home office plan release review "
            + "client email deadline issue build test server data report design idea question answer phone "
            + "dinner train flight hotel ticket price order payment invoice contract budget sales market "
            + "customer support ticket account password login screen window bug fix branch merge deploy "
            + "staging production database backup monday tuesday wednesday thursday friday saturday sunday "
            + "birthday party holiday vacation doctor school family music movie game football weather rain")
            .split(" ");
    static final String[] PHRASES = {"follow-up", "check-in", "kick-off", "sign-off", "long-term", "high-level",
        "part-time", "real-time", "self-hosted", "opt-in", "year-end", "face-to-face"};
    static final String[] CJK = {"大家晚上好", "明天见", "谢谢你的帮助", "我们开会吧", "周末愉快", "東京タワーに行こう",
        "お疲れ様です", "よろしくお願いします", "안녕하세요", "회의는 내일 오전입니다", "今天的报告已经发了", "駅で待ってます"};
    static final String[] CJK_QUERIES = {"晚上好", "上好", "明天", "谢谢", "开会", "東京", "タワー", "お疲れ", "お願い", "안녕",
        "회의", "내일", "报告", "待って", "周末愉快", "大家"};

    final String[] words;
    private final double[] cumulative;

    SearchCorpus(int size, long seed) {
        Set<String> vocabulary = new LinkedHashSet<>(Arrays.asList(COMMON));
        Random r = new Random(seed);
        String consonants = "bcdfghjklmnprstvwz";
        String vowels = "aeiou";
        while (vocabulary.size() < size) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + r.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(consonants.charAt(r.nextInt(consonants.length()))).append(vowels.charAt(r.nextInt(vowels.length())));
            }
            if (r.nextBoolean()) {
                w.append(consonants.charAt(r.nextInt(consonants.length())));
            }
            vocabulary.add(w.toString());
        }
        words = vocabulary.toArray(String[]::new);
        cumulative = new double[words.length];
        double sum = 0;
        for (int i = 0; i < words.length; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        for (int i = 0; i < words.length; i++) {
            cumulative[i] /= sum;
        }
    }

    /** A word drawn by Zipf frequency (rank 1 the most likely). */
    String word(Random r) {
        int i = Arrays.binarySearch(cumulative, r.nextDouble());
        return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
    }

    /** One message text: 3–12 words, sometimes a phrase, a CJK sentence in about a tenth; 3 % CJK only. */
    String text(Random r) {
        if (r.nextInt(100) < 3) {
            return CJK[r.nextInt(CJK.length)];
        }
        List<String> parts = new ArrayList<>();
        int n = 3 + r.nextInt(10);
        for (int i = 0; i < n; i++) {
            parts.add(word(r));
        }
        if (r.nextInt(100) < 4) {
            parts.add(r.nextInt(parts.size() + 1), PHRASES[r.nextInt(PHRASES.length)]);
        }
        if (r.nextInt(10) < 3) {
            parts.set(0, Character.toUpperCase(parts.get(0).charAt(0)) + parts.get(0).substring(1));
        }
        int end = r.nextInt(10);
        if (end < 2) {
            parts.set(parts.size() - 1, parts.get(parts.size() - 1) + (end == 0 ? "?" : "!"));
        }
        if (r.nextInt(10) == 0) {
            parts.add(CJK[r.nextInt(CJK.length)]);
        }
        return String.join(" ", parts);
    }

    /** The CJK characters V16_1 sets apart (chorus_search_spaced's ranges). */
    static boolean cjk(int c) {
        return (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3040 && c <= 0x30ff) || (c >= 0x3130 && c <= 0x318f)
                || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af)
                || (c >= 0xf900 && c <= 0xfaff);
    }

    /** The words PostgreSQL indexes for a text of this corpus, in position order. */
    static String[] tokens(String text) {
        StringBuilder spaced = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (cjk(c)) {
                spaced.append(' ').appendCodePoint(c).append(' ');
            } else if (Character.isLetterOrDigit(c) || c == '-') {
                spaced.appendCodePoint(c);
            } else {
                spaced.append(' ');
            }
        });
        List<String> out = new ArrayList<>();
        for (String w : spaced.toString().trim().split("\\s+")) {
            if (w.isEmpty()) {
                continue;
            }
            out.add(w);
            if (w.indexOf('-') > 0) {
                out.addAll(Arrays.asList(w.split("-"))); // "follow-up": the whole word, then each part
            }
        }
        return out.toArray(String[]::new);
    }

    /** Whether a message with these tokens has every term of the query, each as a phrase of its tokens. */
    static boolean matches(String[] message, List<String[]> terms) {
        for (String[] term : terms) {
            if (!contains(message, term)) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(String[] message, String[] term) {
        outer:
        for (int i = 0; i + term.length <= message.length; i++) {
            for (int j = 0; j < term.length; j++) {
                if (!message[i + j].equals(term[j])) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A query's terms (white space separated, as the server splits them), each as its tokens. */
    static List<String[]> terms(String q) {
        List<String[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String t : q.trim().split("\\s+")) {
            if (seen.add(t)) {
                out.add(tokens(t));
            }
        }
        return out;
    }
}

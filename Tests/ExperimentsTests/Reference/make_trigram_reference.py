#!/usr/bin/env python3
"""Reference values for the word trigram model and its generations, computed apart from
the Swift code: Python's unicodedata for the tokens, exact fractions for the model, numpy
for the softmax and the cuts, and a Python copy of xoshiro256** for the uniforms.

Reads assets/harbour-town.txt and writes trigram_reference.json beside this script:
  - "vocabulary" and "tokens": the corpus split as the model reads it (lowercased words of
    letters, digits and marks, an apostrophe or hyphen kept between two such characters;
    runs of . ! ? ... , ; : as tokens of at most 3 characters; anything else separates);
  - "distributions": for a few contexts, P(w | context) by backoff with absolute
    discounting (D = 0.25), computed with fractions.Fraction: its entropy in nats, the 15
    most probable tokens (ties by id) with P, and P of tokens 0 to 19;
  - "generations": continuations of the corpus's first two tokens, each token drawn by
    one uniform of xoshiro256** (seeded through SplitMix64) from softmax(ln P / T) after
    the cuts in Hugging Face's order (top-k, top-p, min-p, each on the renormalised
    survivors), by inverse CDF; at T = 0 the most probable token, the first of a tie. For
    each: the tokens, each token's P and surprise -log2 P, the mean surprise, the distinct
    pairs, and the loop at the end (found by trying every start and period in turn).

A draw is a fair test only if its u is not within 1e-9 of a boundary of the cumulative
sums (Swift and numpy may round them differently in the last bits); the script asserts it.

Run: python3 make_trigram_reference.py   (numpy; imports make_digits_reference beside it, so scipy too)
"""
import json
import math
import os
import unicodedata
from collections import Counter, defaultdict
from fractions import Fraction

import numpy as np

# The generator the digits reference already copies from SoftmaxCore.
from make_digits_reference import Xoshiro256StarStar

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "..", "..", "assets", "harbour-town.txt")
D = Fraction(1, 4)

SENTENCE_ENDS = set(".!?…。！？")
PAUSES = set(",;:，；：、")
JOINERS = {"'": "'", "’": "'", "-": "-", "‐": "-"}
WORD_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "Nl", "No", "Mn", "Mc", "Me"}


def tokenize(text):
    tokens = []
    word, punctuation, joiner = [], [], None
    word_length = 0

    def end_word():
        nonlocal word, word_length
        if word_length:
            tokens.append("".join(word))
        word, word_length = [], 0

    def end_punctuation():
        nonlocal punctuation
        if punctuation:
            tokens.append("".join(punctuation[:3]))
        punctuation = []

    for ch in text:
        if unicodedata.category(ch) in WORD_CATEGORIES:
            end_punctuation()
            pieces = ([joiner] if joiner and word_length else []) + list(ch.lower())
            joiner = None
            for piece in pieces:
                if word_length < 64:
                    word.append(piece)
                word_length += 1
        elif ch in JOINERS and word_length and joiner is None:
            joiner = JOINERS[ch]
        else:
            joiner = None
            end_word()
            if ch in SENTENCE_ENDS or ch in PAUSES:
                punctuation.append(ch)
            else:
                end_punctuation()
    end_word()
    end_punctuation()
    return tokens


class Model:
    def __init__(self, ids):
        self.V = max(ids) + 1
        self.N = len(ids)
        self.unigrams = Counter(ids)
        self.bigrams = defaultdict(Counter)
        self.trigrams = defaultdict(Counter)
        for i, w in enumerate(ids):
            if i >= 1:
                self.bigrams[ids[i - 1]][w] += 1
            if i >= 2:
                self.trigrams[(ids[i - 2], ids[i - 1])][w] += 1

    @staticmethod
    def level(seen, lower):
        total = sum(seen.values())
        unseen = sum(p for w, p in enumerate(lower) if w not in seen)
        if unseen == 0:
            return [Fraction(seen.get(w, 0), total) for w in range(len(lower))]
        alpha = D * len(seen) / total / unseen
        return [(seen[w] - D) / total if w in seen else alpha * lower[w] for w in range(len(lower))]

    def probabilities(self, context):
        p = [Fraction(self.unigrams[w], self.N) for w in range(self.V)]
        context = context[-2:]
        if context and context[-1] in self.bigrams:
            p = self.level(self.bigrams[context[-1]], p)
        if len(context) == 2 and tuple(context) in self.trigrams:
            p = self.level(self.trigrams[tuple(context)], p)
        return p


def uniform(generator):
    """A uniform in [0, 1) from the top 53 bits of one output, as SeededGenerator.nextUniform."""
    return (generator.next() >> 11) * 2.0 ** -53


def ranked(logits):
    # Largest logit first, ties by id (a stable sort of the negated logits).
    return list(np.argsort(-logits, kind="stable"))


def sampling_distribution(P, T, top_k=None, top_p=None, min_p=None):
    z = np.log(np.array([float(p) for p in P]))
    q = np.exp(z / T - np.max(z / T))
    q /= q.sum()
    order = ranked(z)
    survivors = order
    if top_k is not None:
        survivors = survivors[:top_k]
    if top_p is not None and top_p < 1:
        mass = sum(q[i] for i in survivors)
        kept, before = [], 0.0
        for i in survivors:
            if kept and before >= top_p * mass:
                break
            kept.append(i)
            before += q[i]
        survivors = kept
    if min_p is not None and min_p > 0:
        threshold = min_p * q[survivors[0]]
        survivors = [i for i in survivors if q[i] >= threshold] or survivors[:1]
    p = np.zeros_like(q)
    p[survivors] = q[survivors]
    return p / p.sum(), order


def find_loop(tokens, minimum=4):
    n = len(tokens)
    for start in range(n):
        for period in range(1, (n - start) // 2 + 1):
            length = n - start
            if length < max(2 * period, minimum):
                continue
            if all(tokens[i] == tokens[i + period] for i in range(start, n - period)):
                return {"start": start, "period": period}
    return None


def generate(model, prompt, seed, T, count, **cuts):
    rng = Xoshiro256StarStar(seed)
    tokens = list(prompt)
    drawn = []
    for _ in range(count):
        P = model.probabilities(tokens)
        u = uniform(rng)
        if T == 0:
            w = ranked(np.log(np.array([float(p) for p in P])))[0]
        else:
            p, _ = sampling_distribution(P, T, **cuts)
            cumulative = np.cumsum(p)
            w = int(np.searchsorted(cumulative, u, side="right"))
            nearest = np.min(np.abs(cumulative[p > 0] - u))
            assert nearest > 1e-9, f"u = {u} is {nearest} from a boundary"
        tokens.append(int(w))
        drawn.append({"token": int(w), "P": float(P[w]), "surprise": -math.log2(P[w])})
    generated = [d["token"] for d in drawn]
    pairs = list(zip(generated, generated[1:]))
    return {
        "seed": seed, "temperature": T, "count": count,
        "topK": cuts.get("top_k"), "topP": cuts.get("top_p"), "minP": cuts.get("min_p"),
        "tokens": generated, "P": [d["P"] for d in drawn], "surprise": [d["surprise"] for d in drawn],
        "meanSurprise": float(np.mean([d["surprise"] for d in drawn])),
        "distinctPairs": len(set(pairs)), "pairs": len(pairs),
        "loop": find_loop(list(prompt) + generated),
    }


def main():
    with open(CORPUS, encoding="utf-8") as f:
        words = tokenize(f.read())
    vocabulary = list(dict.fromkeys(words))
    index = {w: i for i, w in enumerate(vocabulary)}
    ids = [index[w] for w in words]
    model = Model(ids)

    contexts = [[], ["the"], ["the", "river"], [".", "the"], ["of", "the"], ["river", "the"], ["wrong", "."], ["."],
                ["café"]]
    distributions = []
    for words_of_context in contexts:
        context = [index[w] for w in words_of_context]
        P = model.probabilities(context)
        assert sum(P) == 1
        order = sorted(range(model.V), key=lambda w: (-P[w], w))
        distributions.append({
            "context": words_of_context,
            "entropy": -sum(float(p) * math.log(float(p)) for p in P),
            "top": [{"token": w, "P": float(P[w])} for w in order[:15]],
            "first": [float(P[w]) for w in range(20)],
        })

    prompt = ids[:2]
    generations = [
        generate(model, prompt, 7, 0, 60),
        generate(model, prompt, 7, 1.0, 60),
        generate(model, prompt, 11, 0.7, 60),
        generate(model, prompt, 7, 3.0, 60),
        generate(model, prompt, 3, 1.5, 40, top_k=5),
        generate(model, prompt, 5, 1.0, 40, top_p=0.8, min_p=0.05),
    ]
    out = {
        "discount": float(D), "vocabulary": vocabulary, "tokens": ids,
        "distributions": distributions, "prompt": prompt, "generations": generations,
    }
    with open(os.path.join(HERE, "trigram_reference.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=None, separators=(",", ":"))
        f.write("\n")
    for g in generations:
        print(g["temperature"], g["topK"], g["topP"], round(g["meanSurprise"], 3), g["loop"],
              " ".join(vocabulary[t] for t in g["tokens"][:25]))


if __name__ == "__main__":
    main()

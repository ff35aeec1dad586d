"""Writes the valid seed files of the fuzz corpora: Fuzz/Corpus/<reader>/seed-*.

Run from anywhere: python3 Fuzz/make_seeds.py (numpy only). Every value is made up here,
seeded, and small: the fuzzer mutates these into what the readers must survive, so
each seed shows one form a real file takes (a dtype, an order, a header version, a
separator, a byte-order mark, CRLF, an API's JSON). Inputs the fuzzer finds sit beside
them under other names; this script leaves those alone.
"""
import io
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(14)


def write(reader, name, data):
    folder = os.path.join(HERE, "Corpus", reader)
    os.makedirs(folder, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(folder, "seed-" + name), "wb") as f:
        f.write(data)


def npy(array, version=None):
    out = io.BytesIO()
    if version is None:
        np.save(out, array)
    else:
        np.lib.format.write_array(out, array, version=version)
    return out.getvalue()


logits = np.round(rng.normal(size=(3, 4)) * 3, 3)
labels = np.array([2, 0, 3])
with_labels = np.column_stack([logits, labels])
probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
masked = logits.copy()
masked[1, 2] = -np.inf

# .npy logits: what numpy writes for each dtype, order and header version the reader takes.
write("npy", "f8-c.npy", npy(logits))
write("npy", "f4-fortran.npy", npy(np.asfortranarray(logits.astype(np.float32))))
write("npy", "f8-big-endian.npy", npy(logits.astype(">f8")))
write("npy", "f4-big-endian-fortran.npy", npy(np.asfortranarray(logits.astype(">f4"))))
write("npy", "f8-row.npy", npy(logits[0]))
write("npy", "f8-one-by-five.npy", npy(np.round(rng.normal(size=(1, 5)), 3)))
write("npy", "f8-v2.npy", npy(logits, version=(2, 0)))
write("npy", "f4-v3.npy", npy(logits.astype(np.float32), version=(3, 0)))
write("npy", "f8-labels-last.npy", npy(with_labels))
write("npy", "f8-probabilities.npy", npy(probabilities))
write("npy", "f8-masked.npy", npy(masked))

# Text logits: the separators, headers, line ends and number forms of real files.
names = ["class_0", "class_1", "class_2", "class_3"]


def rows(matrix, sep, fmt=repr):
    return [sep.join(fmt(float(x)) for x in row) for row in matrix]


write("text", "plain.csv", "\n".join(rows(logits, ",")) + "\n")
write("text", "bom-header-crlf.csv",
      b"\xef\xbb\xbf" + ("\r\n".join([",".join(names)] + rows(logits, ",")) + "\r\n\r\n").encode())
write("text", "header.tsv", "\n".join(["\t".join(names)] + rows(logits, "\t")) + "\n")
write("text", "savetxt.txt", "\n".join(rows(logits, " ", lambda x: "%.18e" % x)) + "\n")
write("text", "aligned.txt", "\n".join("  " + " \t ".join("%12r" % float(x) for x in row) for row in logits))
write("text", "labels-last.csv",
      "\n".join([",".join(names + ["label"])] + [r + ",%d" % y for r, y in zip(rows(logits, ","), labels)]) + "\n")
write("text", "masked.csv", "\n".join(rows(masked, ",")) + "\n")
write("text", "one-per-line.txt", "\n".join(repr(float(x)) for x in logits[0]) + "\n")
write("text", "one-row.csv", ",".join(repr(float(x)) for x in logits[0]) + "\n")
write("text", "probabilities.csv", "\n".join(rows(probabilities, ",")) + "\n")

# Labels: one integer per line as people and numpy write them, and 1-D integer .npy.
write("labels", "plain.txt", "\n".join(str(y) for y in labels) + "\n")
write("labels", "header-blank-lines.txt", "label\r\n" + "\r\n".join(str(y) for y in labels) + "\r\n\r\n")
write("labels", "savetxt.txt", "\n".join("%.18e" % y for y in labels) + "\n")
write("labels", "i1.npy", npy(labels.astype(np.int8)))
write("labels", "u8.npy", npy(labels.astype(np.uint64)))
write("labels", "i4-big-endian.npy", npy(labels.astype(">i4")))

# Logits as a JSON array, as json.dumps writes a list (-Infinity for a masked class).
row = [float(x) for x in np.round(rng.normal(size=8) * 3, 4)]
write("logits-json", "row.json", json.dumps(row))
write("logits-json", "indented.json", json.dumps(row, indent=2) + "\n")
write("logits-json", "masked.json", json.dumps([2.5, float("-inf"), 0.0, -1e-3, 12, 1.5e+300]))
write("logits-json", "exponents.json", "[1E2,-0.5e-3, 0 ,\t7e+0]")

# Logprobs JSON, in each API's shape, made up token by token.
tokens = ["The", " cat", " sat", "\u00e9\U0001F600"]


def logprob():
    return round(float(-abs(rng.normal())), 4)


def alternatives(token, key="token", value="logprob"):
    return [{key: token, value: logprob()}, {key: "x", value: logprob()}]


openai = {"choices": [{"index": 0, "logprobs": {"content": [
    {"token": t, "logprob": logprob(), "bytes": list(t.encode()), "top_logprobs": alternatives(t)} for t in tokens]}}]}
write("token-logprobs", "openai.json", json.dumps(openai, indent=1, ensure_ascii=False))
write("token-logprobs", "openai-ascii-escapes.json", json.dumps(openai, ensure_ascii=True))
llama = {"content": "".join(tokens), "completion_probabilities": [
    {"id": i, "token": t, "logprob": logprob(), "top_logprobs": alternatives(t)} for i, t in enumerate(tokens)]}
write("token-logprobs", "llama-cpp.json", json.dumps(llama))
post = {"completion_probabilities": [
    {"token": t, "prob": 0.5, "top_probs": alternatives(t, value="prob")} for t in tokens]}
for entry in post["completion_probabilities"]:
    for alt in entry["top_probs"]:
        alt["prob"] = round(float(np.exp(alt["prob"])), 4)
write("token-logprobs", "llama-cpp-post-sampling.json", json.dumps(post))
old = {"completion_probabilities": [
    {"content": t, "probs": [{"tok_str": t, "prob": 0.75}, {"tok_str": "y", "prob": 0.25}]} for t in tokens]}
write("token-logprobs", "llama-cpp-old.json", json.dumps(old))
bare = [{"token": t, "logprob": logprob(), "top_logprobs": alternatives(t)} for t in tokens]
write("token-logprobs", "llama-cpp-array.json", json.dumps(bare))
ollama = {"model": "made-up", "logprobs": [
    {"token": t, "logprob": logprob(), "top_logprobs": alternatives(t)} for t in tokens]}
write("token-logprobs", "ollama.json", json.dumps(ollama))
write("token-logprobs", "ollama-stream.jsonl", "\n".join(
    json.dumps({"done": i == len(tokens) - 1, "logprobs": [
        {"token": t, "logprob": logprob(), "top_logprobs": alternatives(t)}]}) for i, t in enumerate(tokens)) + "\n")
# A cut token's -Infinity and a null log-probability, as some writers give them.
write("token-logprobs", "infinity-null.json",
      '{"logprobs": [{"token": "a", "logprob": null, "top_logprobs": [{"token": "a", "logprob": -0.1}, '
      '{"token": "\\ud83d\\ude00", "logprob": -Infinity}]}]}')

# Plain-text corpora for the word model: prose written here, in the forms text files take.
prose = ("The harbour was quiet before dawn. A gull called twice, then the boats went out; "
         "nobody spoke. Don't the nets look well-mended? They do!\n"
         "By noon the fish were counted, sold and salted... The town slept again.\n")
write("corpus", "prose.txt", prose)
write("corpus", "bom-crlf.txt", b"\xef\xbb\xbf" + prose.replace("\n", "\r\n").encode())
write("corpus", "unicode.txt",
      "Caf\u00e9 na\u0131ve \u00c9T\u00c9 \u2014 l\u2019\u00e9cole\u2026 "
      "e\u0301t\u00e9 \u4eca\u65e5\u306f\u3002\u6674\u308c\uff01 \u0394\u03ad\u03bb\u03c4\u03b1 \u00bd \u2167.\n")
write("corpus", "punctuation-runs.txt", "Well?!? Yes... no;; maybe: -- (quoted) 'word' \"said\" 12,5 3.14!\n")
write("corpus", "long-word.txt", "a" * 100 + " b" * 3 + ".\n")

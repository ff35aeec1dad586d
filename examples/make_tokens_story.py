"""Writes tokens-story.json: a synthetic chat completion in OpenAI's logprobs shape.

Made for this project, not the output of any model. Each position has a chosen token
and up to 11 alternatives; their logits are drawn from a seeded generator, and the
log-probabilities are a log-softmax over the listed tokens plus hidden ones, so the
list leaves some mass unlisted, as a real top_logprobs list does.
Run: python3 examples/make_tokens_story.py
"""
import json, math, random, pathlib

random.seed(2026)
story = ["The", " robot", " paused", " at", " the", " door", ".", "\n", "It", " listened", ",", " then",
         " rolled", " inside", " and", " found", " the", " cat", " asleep", " on", " a", " warm", " mat", "."]
pool = [" the", " a", " and", " cat", " dog", " door", " room", " light", " quiet", " slowly", " then", ".",
        ",", " it", " to", " was", " on", " in", " window", " kitchen", " robot", " sound", " sat", " ran",
        "\n", " blue", " found", " heard", " stopped", " looked", " old", " small", " soft", " 猫"]
# How far down the ranking each chosen token falls: mostly first, sometimes a surprise.
ranks = [0, 0, 2, 0, 0, 1, 0, 0, 0, 3, 0, 1, 5, 0, 0, 1, 0, 0, 7, 0, 1, 2, 0, 0]

content = []
for token, rank in zip(story, ranks):
    alternatives = [t for t in random.sample(pool, 16) if t != token][:14]
    logits = sorted((random.gauss(0, 1.6) for _ in range(15)), reverse=True)
    ordered = alternatives[:rank] + [token] + alternatives[rank:]
    names = ordered[:15]
    # Three hidden tokens below the list keep some mass unlisted.
    hidden = [min(logits) - 0.5 - random.random() for _ in range(3)]
    norm = math.log(sum(math.exp(z) for z in logits + hidden))
    logprobs = [z - norm for z in logits]
    listed = [{"token": n, "logprob": lp, "bytes": list(n.encode())} for n, lp in zip(names, logprobs)][:12]
    chosen_lp = logprobs[names.index(token)]
    content.append({"token": token, "logprob": chosen_lp, "bytes": list(token.encode()), "top_logprobs": listed})

doc = {
    "object": "chat.completion",
    "model": "synthetic-example",
    "choices": [{
        "index": 0,
        "message": {"role": "assistant", "content": "".join(story)},
        "logprobs": {"content": content},
        "finish_reason": "stop",
    }],
}
path = pathlib.Path(__file__).with_name("tokens-story.json")
path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n")

"""Writes the fixtures that Tests/LogitFilesTests read.

Run from anywhere: python3 make_fixtures.py (numpy only). Output lands in fixtures/
beside this script. Seeded, so a rerun writes the same files (numpy's .npy header text
could change between numpy versions; the tests read whatever numpy wrote).

- .npy logits: float64 and float32, C and Fortran order, big-endian, 1-D, and the
  header versions 1.0, 2.0 and 3.0.
- .npy labels: every integer dtype the reader takes.
- Text: CSV, TSV and whitespace-separated files with and without a header, a BOM, CRLF.
- *.expected: the values numpy holds, row-major, one row per line, each as float.hex()
  of the value widened to float64 -- a form the tests parse with Swift's own hex float
  reader, so the expectation does not depend on the decimal parser under test.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "fixtures")
os.makedirs(OUT, exist_ok=True)

rng = np.random.default_rng(20240611)

# Six examples of four classes; the first rows hold values that are easy to get wrong.
logits64 = rng.normal(size=(6, 4)) * 4
logits64[0] = [-0.0, 5e-324, 1e300, -2.2250738585072014e-308]
logits64[1] = [0.1, 1 / 3, 123456789012345.67, -1e-5]

logits32 = (rng.normal(size=(6, 4)) * 4).astype(np.float32)
logits32[0] = np.array([-0.0, 1e-45, 3.4e38, 0.1], dtype=np.float32)

labels = np.array([0, 3, 1, 2, 3, 0])


def path(name):
    return os.path.join(OUT, name)


def write_expected(name, matrix):
    matrix = np.atleast_2d(np.asarray(matrix, dtype=np.float64))
    with open(path(name), "w") as f:
        for row in matrix:
            f.write(" ".join(float(x).hex() for x in row) + "\n")


def write_version(name, array, version):
    with open(path(name), "wb") as f:
        np.lib.format.write_array(f, array, version=version)


# .npy logits
np.save(path("logits_f8_c.npy"), logits64)
np.save(path("logits_f8_fortran.npy"), np.asfortranarray(logits64))
np.save(path("logits_f8_big_endian.npy"), logits64.astype(">f8"))
np.save(path("logits_f4_c.npy"), logits32)
np.save(path("logits_f4_fortran.npy"), np.asfortranarray(logits32))
np.save(path("logits_f4_big_endian.npy"), logits32.astype(">f4"))
np.save(path("logits_f8_1d.npy"), logits64[2])
write_version("logits_f8_v2.npy", logits64, (2, 0))
write_version("logits_f4_fortran_v3.npy", np.asfortranarray(logits32), (3, 0))
write_expected("logits_f8.expected", logits64)
write_expected("logits_f4.expected", logits32)
write_expected("logits_f8_1d.expected", logits64[2])

# .npy labels
for dtype in ["i1", "i2", "i4", "i8", "u1", "u2", "u4", "u8"]:
    np.save(path(f"labels_{dtype}.npy"), labels.astype(dtype))
np.save(path("labels_i4_big_endian.npy"), labels.astype(">i4"))
with open(path("labels.expected"), "w") as f:
    f.write(" ".join(str(x) for x in labels) + "\n")


def rows_text(matrix, delimiter, fmt=repr):
    return [delimiter.join(fmt(float(x)) for x in row) for row in matrix]


names = [f"class_{j}" for j in range(4)]

# Shortest round-trip decimals (as pandas writes them), comma, LF, no header.
with open(path("logits_plain.csv"), "w", newline="") as f:
    f.write("\n".join(rows_text(logits64, ",")) + "\n")

# A byte-order mark, a header, CRLF line ends and trailing blank lines.
with open(path("logits_bom_header_crlf.csv"), "wb") as f:
    text = "\r\n".join([",".join(names)] + rows_text(logits64, ",")) + "\r\n\r\n\r\n"
    f.write(b"\xef\xbb\xbf" + text.encode())

with open(path("logits_header.tsv"), "w", newline="") as f:
    f.write("\n".join(["\t".join(names)] + rows_text(logits64, "\t")) + "\n")

# numpy's own text: '%.18e' with single spaces, which 19 significant digits write.
np.savetxt(path("logits_savetxt.txt"), logits64)

# Columns aligned with runs of spaces and tabs, and no newline at the end.
with open(path("logits_aligned.txt"), "w", newline="") as f:
    aligned = ["  " + " \t  ".join(f"{float(x)!r:>26}" for x in row) + "   " for row in logits64]
    f.write("\n".join(aligned))

# float32 values widened to float64 and written exactly.
with open(path("logits_f4.csv"), "w", newline="") as f:
    f.write("\n".join(rows_text(logits32, ",")) + "\n")

# Labels in the last column, after a header.
with open(path("logits_labels_last.csv"), "w", newline="") as f:
    body = [r + f",{y}" for r, y in zip(rows_text(logits64, ","), labels)]
    f.write("\n".join([",".join(names + ["label"])] + body) + "\n")

# Labels one per line: with a header and trailing blank lines, and as numpy writes them.
with open(path("labels_header.txt"), "w", newline="") as f:
    f.write("label\n" + "\n".join(str(y) for y in labels) + "\n\n\n")
np.savetxt(path("labels_savetxt.txt"), labels.astype(np.float64))

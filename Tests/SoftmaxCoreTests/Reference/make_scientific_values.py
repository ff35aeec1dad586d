#!/usr/bin/env python3
"""e^x for x far outside the doubles, to 3 significant digits, with mpmath at 50
digits: the texts NumberFormat.scientific(fromLog:) must print. Prints Swift pairs."""
from mpmath import mp, mpf, exp, nstr

mp.dps = 50
for x in [800.0, -800.0, 1e5, -1e5, -745.2, 709.9, 2000.5, -2000.5, 1e300 / 1e297, 230258.50929940457]:
    v = nstr(exp(mpf(x)), 3, min_fixed=1, max_fixed=0).replace("e+0", "e+").replace("e-0", "e-")
    print(f"        ({x!r}, \"{v}\"),")

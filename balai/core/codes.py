"""Tracking codes: what a resident keeps to follow a complaint or a service request without
an account.

Eight symbols from an alphabet of 30 (the digits 2–9 and the letters without I, L, O and U,
which are read or heard as 1, 0 or V), written ``K7MP-2QXD``: easy to read aloud over the
phone and to type on a phone's keyboard, in either case. Drawn by ``secrets`` (the operating
system's random source), a code carries 8 × log2(30) ≈ 39.3 bits: 6.6 × 10^11 codes per site,
so that even with a million complaints on one site a guessed code hits one less than twice in
a million tries, and the tracking pages count failed look-ups per address (the views of
``pengaduan`` and ``permohonan``). Codes are unique per site only: the same code on another
site's address is not found.
"""

import math
import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 8
BITS = LENGTH * math.log2(len(ALPHABET))
_NOT_CODE = re.compile(r"[\s\-.]")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str | None:
    """A code as stored, from what a resident typed ("k7mp 2qxd", "K7MP-2QXD"), or None when
    it cannot be one."""
    code = _NOT_CODE.sub("", typed or "").upper()
    if len(code) != LENGTH or any(symbol not in ALPHABET for symbol in code):
        return None
    return code

"""Human-typable redeem codes: NB-XXXX-XXXX-XXXX-XXXX in Crockford base32 (80 random bits)."""

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 4
GROUP_LENGTH = 4
BODY_LENGTH = GROUPS * GROUP_LENGTH
_TYPO_FIXES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def generate_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return "NB-" + "-".join(body[i : i + GROUP_LENGTH] for i in range(0, BODY_LENGTH, GROUP_LENGTH))


def normalize_code(raw: str) -> str | None:
    """The canonical 16-character body, case- and dash-insensitive; None when it cannot be a code."""
    compact = "".join(raw.split()).replace("-", "").upper()
    if compact.startswith("NB") and len(compact) == BODY_LENGTH + 2:
        compact = compact[2:]
    compact = compact.translate(_TYPO_FIXES)
    if len(compact) != BODY_LENGTH or any(char not in ALPHABET for char in compact):
        return None
    return compact


def display_prefix(body: str) -> str:
    return "NB-" + body[:GROUP_LENGTH]

"""Authenticated encryption of upstream keys at rest (AES-256-GCM), with a key id per ciphertext.

The 256-bit key is derived from TOKEN_ENCRYPTION_KEY; its id (a short digest) is stored beside each
ciphertext so `nb rotate-encryption-key` can find rows sealed under a previous key and re-seal them.
"""

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12


class UnknownKeyVersion(Exception):
    """A ciphertext was sealed under a key this process was not given."""


def _derive(secret: str, purpose: bytes) -> bytes:
    return hmac.new(secret.encode(), purpose, hashlib.sha256).digest()


class SecretBox:
    def __init__(self, secret: str, previous: tuple[str, ...] = ()):
        self._keys: dict[str, bytes] = {}
        for candidate in (*previous, secret):
            key = _derive(candidate, b"nb-upstream-key-encryption")
            self._keys[hashlib.sha256(key).hexdigest()[:12]] = key
        self.version = hashlib.sha256(_derive(secret, b"nb-upstream-key-encryption")).hexdigest()[:12]
        self._fingerprint_key = _derive(secret, b"nb-upstream-key-fingerprint")

    def seal(self, plaintext: str) -> tuple[bytes, str]:
        nonce = os.urandom(NONCE_BYTES)
        sealed = AESGCM(self._keys[self.version]).encrypt(nonce, plaintext.encode(), self.version.encode())
        return nonce + sealed, self.version

    def open(self, ciphertext: bytes, version: str) -> str:
        key = self._keys.get(version)
        if key is None:
            raise UnknownKeyVersion(version)
        nonce, sealed = ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:]
        return AESGCM(key).decrypt(nonce, sealed, version.encode()).decode()

    def fingerprint(self, plaintext: str) -> str:
        """Keyed digest to refuse duplicates without storing or comparing plaintext."""
        return hmac.new(self._fingerprint_key, plaintext.strip().encode(), hashlib.sha256).hexdigest()

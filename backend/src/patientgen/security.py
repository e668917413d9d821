"""API key material (generation, hashing, display prefix) and the principal a key stands for."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

KEY_PREFIX = "pgk_"


def new_key() -> str:
    # 256 bits of entropy: a fast hash is enough, there is nothing to brute-force.
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def key_prefix(plaintext: str) -> str:
    return plaintext[:12]


@dataclass(frozen=True)
class Principal:
    """The caller, as resolved from its API key."""

    key_id: uuid.UUID
    name: str
    is_admin: bool

"""Secret material: API keys (generation, hashing, display prefix) and the principal a key stands
for; download-ticket tokens and the passwords sealed under them."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass

from Crypto.Cipher import AES

KEY_PREFIX = "pgk_"
TICKET_PREFIX = "pgt_"
_SEAL_CONTEXT = b"patientgen download ticket password v1\0"


def new_key() -> str:
    # 256 bits of entropy: a fast hash is enough, there is nothing to brute-force.
    return KEY_PREFIX + secrets.token_urlsafe(32)


def hash_key(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode("utf-8")).hexdigest()


def key_prefix(plaintext: str) -> str:
    return plaintext[:12]


def new_ticket_token() -> str:
    return TICKET_PREFIX + secrets.token_urlsafe(32)


def _seal_key(token: str) -> bytes:
    # Domain-separated from hash_key(token), which is what the database stores.
    return hashlib.sha256(_SEAL_CONTEXT + token.encode("utf-8")).digest()


def seal(secret: str, token: str) -> bytes:
    """`secret` encrypted (AES-256-GCM) under a key only the token's holder can derive."""
    nonce = secrets.token_bytes(12)
    cipher = AES.new(_seal_key(token), AES.MODE_GCM, nonce=nonce)
    ciphertext, tag = cipher.encrypt_and_digest(secret.encode("utf-8"))
    return nonce + tag + ciphertext


def unseal(sealed: bytes, token: str) -> str:
    """Raises ValueError if `sealed` was not made with this token or was altered."""
    nonce, tag, ciphertext = sealed[:12], sealed[12:28], sealed[28:]
    cipher = AES.new(_seal_key(token), AES.MODE_GCM, nonce=nonce)
    return cipher.decrypt_and_verify(ciphertext, tag).decode("utf-8")


@dataclass(frozen=True)
class Principal:
    """The caller, as resolved from its API key."""

    key_id: uuid.UUID
    name: str
    is_admin: bool

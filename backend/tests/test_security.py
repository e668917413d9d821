"""Secrets sealed under a download token open only with that token."""

from __future__ import annotations

import pytest

from patientgen.security import hash_key, new_ticket_token, seal, unseal


def test_a_sealed_password_opens_with_its_token_only() -> None:
    token, other = new_ticket_token(), new_ticket_token()
    sealed = seal("Pässwörd-ключ", token)
    assert unseal(sealed, token) == "Pässwörd-ключ"
    assert "Pässwörd".encode() not in sealed
    with pytest.raises(ValueError, match="MAC check failed"):
        unseal(sealed, other)
    with pytest.raises(ValueError, match="MAC check failed"):
        unseal(sealed[:-1] + bytes([sealed[-1] ^ 1]), token)
    assert seal("same", token) != seal("same", token)  # fresh nonce each time
    assert hash_key(token) not in sealed.hex()

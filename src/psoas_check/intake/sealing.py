"""Secrets of the live workshop intake: join codes, teacher keys, tokens, sealed boxes.

Each workshop has its own Curve25519 key pair. Every submission (the attendee's name
included) is sealed to the public key with a libsodium sealed box, so the server can
store answers it cannot read. The private key is kept only inside a secret box whose key
is derived from the teacher's key with Argon2id; the teacher's key itself is never stored.

Example::

    >>> teacher = new_teacher_key()
    >>> keys = new_workshop_keys(teacher)
    >>> blob = seal(keys.public_key, b'{"answers": {}}')
    >>> unseal(open_private_key(teacher, keys.locked), blob)
    b'{"answers": {}}'
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
from dataclasses import dataclass

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import PrivateKey, PublicKey, SealedBox

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "LockedKey",
    "SealingError",
    "WorkshopKeys",
    "hash_token",
    "new_join_code",
    "new_teacher_key",
    "new_token",
    "new_workshop_keys",
    "normalise_code",
    "normalise_key",
    "open_private_key",
    "seal",
    "unseal",
]

#: No 0/O, 1/I/L, so a code read off a projector or a poster is typed right the first time.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#: 8 characters of 31: about 40 bits. Codes are typed by hand, so they cannot be long;
#: a guessed code only lets someone send answers (never read them), at most a few hundred
#: workshops are open at once, and the per-session rate limit slows guessing.
CODE_LENGTH = 8
#: 20 random bytes: 160 bits, shown as 8 groups of 4 base32 letters and digits.
KEY_BYTES = 20
#: Submissions are padded to a multiple of this, so a blob's size says little about
#: how long the name or the answers inside are.
PAD_TO = 512

# Argon2id cost for unlocking the workshop's private key. The teacher's key is a random
# 160-bit secret, not a human password, so it cannot be guessed whatever the cost: the
# KDF only turns it into a secret-box key and adds defence in depth should the database
# leak. The interactive limits (64 MiB, 2 passes) keep unlocking well under a second on
# a small server, and the parameters are stored per workshop so they can be raised later.
OPSLIMIT = nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE
MEMLIMIT = nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE


class SealingError(Exception):
    """A key did not open a locked private key, or a sealed blob failed its check."""


@dataclass(frozen=True)
class LockedKey:
    """A workshop's private key as stored: secret-box ciphertext plus the KDF inputs."""

    sealed: bytes
    salt: bytes
    ops: int
    mem: int


@dataclass(frozen=True)
class WorkshopKeys:
    """A new workshop's public key (stored in the clear) and its locked private key."""

    public_key: bytes
    locked: LockedKey


def new_join_code() -> str:
    """A random join code of :data:`CODE_LENGTH` characters from :data:`CODE_ALPHABET`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """The code as stored: upper case, spaces and dashes removed (people type both)."""
    return "".join(text.split()).replace("-", "").upper()


def new_teacher_key() -> str:
    """A random teacher's key shown as ``ABCD-EFGH-...``: 8 groups of 4, easy to copy."""
    text = base64.b32encode(secrets.token_bytes(KEY_BYTES)).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def normalise_key(text: str) -> str:
    """The key as the KDF reads it: any case, spaces and dashes ignored."""
    return normalise_code(text)


def new_token() -> str:
    """A random secret that lets one attendee update or withdraw what they sent."""
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    """The SHA-256 of a token, hex: what the database keeps (the token is 192 random bits,
    so a fast hash suffices; no one can guess it back)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


#: Key derivations allowed at once: each takes MEMLIMIT bytes, so a burst of unlocks
#: (or wrong keys from many browsers) queues here instead of exhausting the server's memory.
KDF_AT_ONCE = 2
_kdf_slots = threading.BoundedSemaphore(KDF_AT_ONCE)


def _box_key(teacher_key: str, salt: bytes, ops: int, mem: int) -> bytes:
    with _kdf_slots:
        return _derive(teacher_key, salt, ops, mem)


def _derive(teacher_key: str, salt: bytes, ops: int, mem: int) -> bytes:
    key: bytes = nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        normalise_key(teacher_key).encode("utf-8"),
        salt,
        opslimit=ops,
        memlimit=mem,
    )
    return key


def new_workshop_keys(teacher_key: str) -> WorkshopKeys:
    """A fresh key pair whose private half is locked under ``teacher_key``."""
    private = PrivateKey.generate()
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_box_key(teacher_key, salt, OPSLIMIT, MEMLIMIT))
    sealed = bytes(box.encrypt(bytes(private)))
    return WorkshopKeys(bytes(private.public_key), LockedKey(sealed, salt, OPSLIMIT, MEMLIMIT))


def open_private_key(teacher_key: str, locked: LockedKey) -> PrivateKey:
    """The workshop's private key; :class:`SealingError` if ``teacher_key`` is not its key."""
    box = nacl.secret.SecretBox(_box_key(teacher_key, locked.salt, locked.ops, locked.mem))
    try:
        return PrivateKey(box.decrypt(locked.sealed))
    except nacl.exceptions.CryptoError as err:
        raise SealingError("wrong key") from err


def seal(public_key: bytes, plaintext: bytes) -> bytes:
    """``plaintext`` padded with spaces to a multiple of :data:`PAD_TO`, sealed to the key.

    Trailing spaces are harmless after JSON, which is all the intake ever seals.
    """
    padded = plaintext + b" " * (-len(plaintext) % PAD_TO)
    return bytes(SealedBox(PublicKey(public_key)).encrypt(padded))


def unseal(private_key: PrivateKey, blob: bytes) -> bytes:
    """The padded plaintext of a sealed blob; :class:`SealingError` if it was altered."""
    try:
        return bytes(SealedBox(private_key).decrypt(blob))
    except nacl.exceptions.CryptoError as err:
        raise SealingError("sealed submission failed its integrity check") from err

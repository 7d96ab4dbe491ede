"""PyInstaller runtime hook (Linux bundle only): AES-CBC for SecretStorage from OpenSSL.

keyring talks to the Secret Service (GNOME Keyring, KWallet) through SecretStorage, which
encrypts the secret on the D-Bus session with AES-128-CBC and imports exactly three names for
it: ``Cipher``, ``algorithms.AES`` and ``modes.CBC`` from ``cryptography.hazmat.primitives.
ciphers`` (plus ``default_backend``). The ``cryptography`` wheel that provides them is 11.5 MB
of Rust extension, a tenth of the bundle's size budget, for one cipher mode. The bundle already
carries OpenSSL's libcrypto (Python's ``ssl`` module needs it), so the Linux spec leaves
``cryptography`` out and this hook, which PyInstaller runs before the program, registers a
module with those names backed by libcrypto's EVP interface (``EVP_aes_128_cbc`` and friends)
through ctypes. The cipher is OpenSSL's own; nothing cryptographic is implemented here.

Padding is off (EVP_CIPHER_CTX_set_padding 0), as in ``cryptography``'s CBC mode: SecretStorage
pads and unpads with PKCS#7 itself. ``tests/packaging/test_openssl_aes.py`` checks the result
byte for byte against the real ``cryptography``, and the CI smoke test stores and reads a key
through GNOME Keyring with the frozen program.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import types
from typing import Any


def _libcrypto() -> Any:
    """The libcrypto the bundle carries for ``ssl`` (else the system's)."""
    here = getattr(sys, "_MEIPASS", None)
    candidates = [os.path.join(here, "libcrypto.so.3")] if here else []
    found = ctypes.util.find_library("crypto")
    if found:
        candidates.append(found)
    for path in [*candidates, "libcrypto.so.3"]:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
        lib.EVP_CIPHER_CTX_free.argtypes = [ctypes.c_void_p]
        lib.EVP_CipherInit_ex.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p,
                                          ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
        lib.EVP_CIPHER_CTX_set_padding.argtypes = [ctypes.c_void_p, ctypes.c_int]
        lib.EVP_CipherUpdate.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                         ctypes.POINTER(ctypes.c_int), ctypes.c_char_p,
                                         ctypes.c_int]
        lib.EVP_CipherFinal_ex.argtypes = [ctypes.c_void_p, ctypes.c_char_p,
                                           ctypes.POINTER(ctypes.c_int)]
        for bits in (128, 192, 256):
            getattr(lib, f"EVP_aes_{bits}_cbc").restype = ctypes.c_void_p
        return lib
    raise ImportError("OpenSSL's libcrypto was not found")


class AES:
    block_size = 128

    def __init__(self, key: bytes) -> None:
        if len(key) not in (16, 24, 32):
            raise ValueError(f"Invalid key size ({len(key) * 8}) for AES.")
        self.key = bytes(key)


class CBC:
    def __init__(self, initialization_vector: bytes) -> None:
        if len(initialization_vector) != 16:
            raise ValueError("Invalid IV size for CBC.")
        self.initialization_vector = bytes(initialization_vector)


class _Context:
    """An EVP cipher context in one direction; ``update`` then ``finalize``, as cryptography."""

    def __init__(self, lib: Any, key: bytes, iv: bytes, encrypt: bool) -> None:
        self._lib = lib
        self._ctx = lib.EVP_CIPHER_CTX_new()
        if not self._ctx:
            raise MemoryError("EVP_CIPHER_CTX_new failed")
        cipher = getattr(lib, f"EVP_aes_{len(key) * 8}_cbc")()
        if lib.EVP_CipherInit_ex(self._ctx, cipher, None, key, iv, 1 if encrypt else 0) != 1:
            self._free()
            raise ValueError("EVP_CipherInit_ex failed")
        lib.EVP_CIPHER_CTX_set_padding(self._ctx, 0)

    def update(self, data: bytes) -> bytes:
        data = bytes(data)
        out = ctypes.create_string_buffer(len(data) + 32)
        written = ctypes.c_int(0)
        if self._lib.EVP_CipherUpdate(self._ctx, out, ctypes.byref(written), data,
                                      len(data)) != 1:
            raise ValueError("EVP_CipherUpdate failed")
        return out.raw[: written.value]

    def finalize(self) -> bytes:
        out = ctypes.create_string_buffer(32)
        written = ctypes.c_int(0)
        try:
            if self._lib.EVP_CipherFinal_ex(self._ctx, out, ctypes.byref(written)) != 1:
                raise ValueError("The length of the provided data is not a multiple of the "
                                 "block length.")
            return out.raw[: written.value]
        finally:
            self._free()

    def _free(self) -> None:
        if self._ctx:
            self._lib.EVP_CIPHER_CTX_free(self._ctx)
            self._ctx = None


class Cipher:
    def __init__(self, algorithm: AES, mode: CBC, backend: object = None) -> None:
        if not isinstance(algorithm, AES) or not isinstance(mode, CBC):
            raise TypeError("only AES in CBC mode is available in this build")
        self.algorithm, self.mode = algorithm, mode
        self._lib = _libcrypto()

    def encryptor(self) -> _Context:
        return _Context(self._lib, self.algorithm.key, self.mode.initialization_vector, True)

    def decryptor(self) -> _Context:
        return _Context(self._lib, self.algorithm.key, self.mode.initialization_vector, False)


def default_backend() -> object:
    return None


def install() -> None:
    """Register ``cryptography.hazmat.{backends,primitives.ciphers}`` with these names."""
    names = ["cryptography", "cryptography.hazmat", "cryptography.hazmat.backends",
             "cryptography.hazmat.primitives", "cryptography.hazmat.primitives.ciphers"]
    modules = {name: types.ModuleType(name) for name in names}
    for name, module in modules.items():
        module.__path__ = []  # a package, so submodules resolve from sys.modules
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(modules[parent], child, module)
    modules["cryptography.hazmat.backends"].default_backend = default_backend
    ciphers = modules["cryptography.hazmat.primitives.ciphers"]
    ciphers.Cipher = Cipher
    ciphers.algorithms = types.SimpleNamespace(AES=AES)
    ciphers.modes = types.SimpleNamespace(CBC=CBC)
    for name, module in modules.items():
        sys.modules.setdefault(name, module)


if getattr(sys, "frozen", False) and "cryptography" not in sys.modules:
    install()

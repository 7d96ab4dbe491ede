"""The Linux bundle's AES-CBC for SecretStorage (packaging/linux/pyi_rth_openssl_aes.py) gives
byte for byte what the real ``cryptography`` gives, so the frozen program stores and reads keys
in GNOME Keyring exactly as the source install does."""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest

from tests.packaging.program import ROOT

HOOK = ROOT / "packaging" / "linux" / "pyi_rth_openssl_aes.py"
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux bundle only")


@pytest.fixture(scope="module")
def hook():
    spec = importlib.util.spec_from_file_location("pyi_rth_openssl_aes", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # not frozen: it defines, but installs nothing
    return module


@pytest.mark.parametrize("key_size", [16, 24, 32])
@pytest.mark.parametrize("length", [0, 16, 64, 4096])
def test_encrypt_and_decrypt_match_cryptography(hook, key_size, length):
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    key, iv, data = os.urandom(key_size), os.urandom(16), os.urandom(length)
    real = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    expected = real.update(data) + real.finalize()
    ours = hook.Cipher(hook.AES(key), hook.CBC(iv), hook.default_backend()).encryptor()
    assert ours.update(data) + ours.finalize() == expected
    back = hook.Cipher(hook.AES(key), hook.CBC(iv)).decryptor()
    assert back.update(expected) + back.finalize() == data


def test_data_that_is_not_whole_blocks_is_refused_as_cryptography_does(hook):
    encryptor = hook.Cipher(hook.AES(b"k" * 16), hook.CBC(b"i" * 16)).encryptor()
    encryptor.update(b"seventeen bytes!!")
    with pytest.raises(ValueError):
        encryptor.finalize()


def test_bad_key_or_iv_sizes_are_refused(hook):
    with pytest.raises(ValueError):
        hook.AES(b"short")
    with pytest.raises(ValueError):
        hook.CBC(b"short")


def test_install_registers_the_names_secretstorage_imports(hook):
    def ours() -> dict:
        return {n: m for n, m in sys.modules.items()
                if n == "cryptography" or n.startswith("cryptography.")}

    real = ours()
    for name in real:
        del sys.modules[name]
    try:
        hook.install()
        from cryptography.hazmat.backends import default_backend
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        assert Cipher is hook.Cipher and algorithms.AES is hook.AES and modes.CBC is hook.CBC
        assert default_backend is hook.default_backend
    finally:  # the real cryptography back, for every later test
        for name in ours():
            del sys.modules[name]
        sys.modules.update(real)

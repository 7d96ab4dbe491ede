"""The Qt-free core shared by the desktop window and the `seekdesk` command line.

Importing Qt anywhere below this package is a bug; tests/core/test_qt_free.py enforces it.
"""

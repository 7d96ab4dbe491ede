import time
def test_trivial(qtbot):
    time.sleep(2)

"""Atomic writes: a failed or killed write leaves the previous complete file and no temporary file."""

from __future__ import annotations

import pytest

from kosovo_hr.atomic import atomic_path, atomic_write_bytes


def test_atomic_path_replaces_only_on_success(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half of the new")
            raise RuntimeError("killed")
    assert target.read_text() == "old" and not list(tmp_path.glob(".part-*"))
    with atomic_path(target) as tmp:
        assert tmp.parent == target.parent and tmp.suffix == ".csv" and not tmp.exists()
        tmp.write_text("new")
    assert target.read_text() == "new" and not list(tmp_path.glob(".part-*"))
    atomic_write_bytes(tmp_path / "sub" / "x.bin", b"\x00\x01")
    assert (tmp_path / "sub" / "x.bin").read_bytes() == b"\x00\x01"


def test_a_failed_figure_save_keeps_the_previous_png(tmp_path, monkeypatch):
    import matplotlib.figure

    from kosovo_hr import cli

    cli.draw_figures(tmp_path, ["en"], ["osce_regions"], dpi=30)
    png = tmp_path / "en" / "osce_regions.png"
    before = png.read_bytes()
    assert before.startswith(b"\x89PNG")
    real = matplotlib.figure.Figure.savefig

    def full_disk(self, fname, *args, **kwargs):
        real(self, fname, *args, **kwargs)
        with open(fname, "r+b") as f:  # what reached the disk is cut short
            f.truncate(100)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", full_disk)
    with pytest.raises(OSError, match="No space"):
        cli.draw_figures(tmp_path, ["en"], ["osce_regions"], dpi=30)
    assert png.read_bytes() == before
    assert not list((tmp_path / "en").glob(".part-*"))

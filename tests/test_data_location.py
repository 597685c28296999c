"""The loaders find the data of the course copy a notebook runs in.

On a JupyterHub, nbgitpuller pulls the course into each student's home, while the ``helpers``
package is installed once in the image. The rule (``helpers.datasets.data_dir``):
``$CRM_COURSE_DATA`` if set; else the ``datasets/`` of the course copy the working directory
lies in (walking up to a folder with ``datasets/manifest.json`` beside ``helpers/`` or
``notebooks/``); else the folder beside the installed package. The checksums are checked
whichever folder is used.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers import datasets
from helpers.datasets import _files

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DATA = Path(_files.__file__).resolve().parents[2] / "datasets"
SURVIVORS = datasets.FADER_HARDIE_2007.path  # a small checksummed file


def _course_copy(parent: Path, marker: str = "notebooks") -> Path:
    """A pulled copy of the course: datasets/ (the manifest and one table) and ``marker``/."""
    root = parent / "crm-analytics-course"
    (root / marker / "sub").mkdir(parents=True)
    (root / "datasets" / Path(SURVIVORS).parent).mkdir(parents=True)
    shutil.copyfile(ROOT / "datasets" / _files.MANIFEST_NAME,
                    root / "datasets" / _files.MANIFEST_NAME)
    shutil.copyfile(ROOT / "datasets" / SURVIVORS, root / "datasets" / SURVIVORS)
    return root


@pytest.fixture
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_files.DATA_ENV, raising=False)


@pytest.mark.parametrize("marker", ["notebooks", "helpers"])
def test_a_notebook_uses_the_data_of_its_own_copy(tmp_path: Path, marker: str,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  no_override: None) -> None:
    root = _course_copy(tmp_path, marker)
    monkeypatch.chdir(root / marker / "sub")  # a kernel starts in the notebook's folder
    assert _files.course_root() == root
    assert datasets.data_dir() == root / "datasets"
    assert datasets.load_fader_hardie_2007().shape == (13, 3)


def test_outside_any_copy_the_installed_package_is_used(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        no_override: None) -> None:
    monkeypatch.chdir(tmp_path)
    assert _files.course_root() is None
    assert datasets.data_dir().resolve() == PACKAGE_DATA


def test_a_datasets_folder_alone_is_not_a_course_copy(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      no_override: None) -> None:
    root = _course_copy(tmp_path)
    shutil.rmtree(root / "notebooks")  # datasets/ without helpers/ or notebooks/ beside it
    monkeypatch.chdir(root / "datasets")
    assert _files.course_root() is None
    assert datasets.data_dir().resolve() == PACKAGE_DATA


def test_the_environment_variable_overrides_the_copy(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    root = _course_copy(tmp_path)
    elsewhere = tmp_path / "shared-data"
    shutil.copytree(root / "datasets", elsewhere)
    monkeypatch.chdir(root / "notebooks")
    monkeypatch.setenv(_files.DATA_ENV, str(elsewhere))
    assert datasets.data_dir() == elsewhere
    assert datasets.load_fader_hardie_2007().shape == (13, 3)


def test_the_copy_s_checksums_are_checked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          no_override: None) -> None:
    root = _course_copy(tmp_path)
    with (root / "datasets" / SURVIVORS).open("a", encoding="utf-8") as fh:
        fh.write("13,1,1\n")  # a student edited the pulled file
    monkeypatch.chdir(root / "notebooks")
    with pytest.raises(datasets.DatasetError, match="corrupt or was edited"):
        datasets.load_fader_hardie_2007()


def test_a_deleted_working_directory_falls_back_to_the_package(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_override: None) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    assert _files.course_root() is None
    assert datasets.data_dir().resolve() == PACKAGE_DATA

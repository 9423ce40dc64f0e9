"""Opening a Word file the way a reader's office suite does: LibreOffice, headless, turns it
into plain text. A file it cannot open gives no text, and the test says why."""

import os
import shutil
import subprocess

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def as_text(data, folder, name="boek"):
    """The text LibreOffice reads in the .docx `data` (written to `folder` as `name`.docx)."""
    assert SOFFICE, "LibreOffice is missing: `make setup` installs libreoffice-writer-nogui"
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    result = subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=240,  # a cold LibreOffice start is slow on a busy machine; a hang fails
        env={**os.environ, "HOME": str(folder)},
    )
    converted = folder / f"{name}.txt"
    assert converted.exists(), result.stderr.decode()
    return converted.read_text(encoding="utf-8")

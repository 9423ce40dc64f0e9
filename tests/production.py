"""Running the app's commands with the production settings, in a child process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def production_env(database_url, **extra):
    """The environment a production server gets: production settings, a random secret key,
    the database, and nothing of this test process's DJANGO_/ALV_ variables."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "ALV_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="alv.settings_production",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="alv.example.org",
        DATABASE_URL=database_url,
    )
    env.update(extra)
    return env


def manage(env, *args, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )

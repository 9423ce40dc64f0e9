"""Settings for load benchmarks: the app's settings, production-like (no DEBUG), plus a
trivial view that measures the ceiling of our own stack on the same server."""

from alv.settings import *  # noqa: F403

DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

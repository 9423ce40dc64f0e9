"""Production settings: the base settings with every secure choice made compulsory.

Run with DJANGO_SETTINGS_MODULE=alv.settings_production. Required from the environment:
DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL (PostgreSQL). See docs/deploy.md for
the optional ones. `manage.py check --deploy` reports nothing with these settings (tested).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from alv.settings import *  # noqa: F403
from alv.settings import ALV_S3_BUCKET, BASE_DIR, env_bool, object_storages


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Production settings need {name} in the environment.")
    return value


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in required("DJANGO_ALLOWED_HOSTS").split(",")]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]
required("DATABASE_URL")  # read by the base settings; production never falls back to SQLite

# The demo users' shared password never opens a production installation, and load_demo
# refuses to run.
ALV_DEMO_ALLOWED = False

# HTTPS only. The reverse proxy terminates TLS and tells us so in X-Forwarded-Proto; it must
# set that header itself (overwriting what a client sent).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# The CSRF token reaches htmx through the page (hx-headers on <body>), never through script
# reading the cookie.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

STATIC_ROOT = Path(os.environ.get("ALV_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    # Uploads and generated books: on storage every app server and worker shares (ALV_MEDIA_ROOT).
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if ALV_S3_BUCKET:
    STORAGES.update(object_storages(ALV_S3_BUCKET))

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}

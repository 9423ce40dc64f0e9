"""Settings for the ALV app.

Everything that differs between a laptop and production comes from the environment:
DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL. Production runs with
alv/settings_production.py, which builds on these and makes the secure choices compulsory.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", True)
# The development key is only good for DEBUG; production must set its own.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "simple_history",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "alv",
    "members",
    "agenda",
    "motions",
    "voting",
    "submissions",
    "papers",
    "book",
    "live",
    "workspace",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The request being answered, for Association.current() (alv/middleware.py).
    "alv.middleware.CurrentRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session has passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Sends whoever must pass the second factor to its set-up or verification page.
    "alv.second_factor.SecondFactorMiddleware",
    # Records who made each change in the history of meetings, resolutions and motions.
    "simple_history.middleware.HistoryRequestMiddleware",
    "alv.security.ContentSecurityPolicyMiddleware",
    # Inside the policy's middleware, so the page it renders gets the policy too.
    "alv.middleware.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alv.urls"
WSGI_APPLICATION = "alv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "alv.context_processors.association",
                "workspace.context_processors.workspace",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tests on SQLite use a file, not shared-cache memory: the browser tests' live server,
    # the book worker and the test itself write at once, and a file waits for a lock where
    # shared-cache memory fails at once ("database table is locked").
    # One file per test run (named by the process that starts it, and inherited by processes
    # it starts), so two runs in the same checkout never share one database.
    (BASE_DIR / "var").mkdir(exist_ok=True)
    if "ALV_TEST_DATABASE" not in os.environ:
        # This process names the run's database. A write-ahead log (below) left by a killed
        # run whose process had the same number must not meet the new database: SQLite would
        # replay it into it. Django removes the old file itself, not its log. (Each pytest-xdist
        # worker adds its own suffix to the name: "...sqlite3_gw0".)
        for log in ("wal", "shm"):
            for leftover in (BASE_DIR / "var").glob(f"test-db-{os.getpid()}.sqlite3*-{log}"):
                leftover.unlink(missing_ok=True)
    test_database = os.environ.setdefault(
        "ALV_TEST_DATABASE", str(BASE_DIR / "var" / f"test-db-{os.getpid()}.sqlite3")
    )
    DATABASES["default"]["TEST"] = {"NAME": test_database}
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
    # The write-ahead log: readers never wait for the writer, and a commit is one sync of the
    # log instead of the rollback journal's several (measured here: 0.4 ms a commit against
    # 2.1 ms; SQLite lets one writer commit at a time, so this bounds how many votes or
    # submissions a second it takes). Still durable: synchronous stays FULL.
    DATABASES["default"]["OPTIONS"]["init_command"] = "PRAGMA journal_mode=WAL;"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rendered papers, per worker process, keyed on the papers' revision (alv.freshness), so a
# cache shared between processes is not needed for correctness. Few entries: the papers of one
# large meeting are half a megabyte, and every change leaves the previous ones unused.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # The throttles' counts (alv/throttle.py), shared by every process; the table is made by
    # a migration of alv.
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "alv_throttle",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    },
    "papers": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "papers",
        "OPTIONS": {"MAX_ENTRIES": 48, "CULL_FREQUENCY": 2},
    },
}
# More than one app server (docs/deploy.md): ALV_CACHE_URL names a Redis server (redis://...;
# Valkey is a drop-in) that every server and the worker share through Django's RedisCache.
# Then the papers' cache (still keyed on the papers' revision, so nothing needs invalidating),
# the book summaries and the throttles' counts are shared, and sessions are read from Redis
# first and kept in the database too (cached_db), so a restart of Redis logs nobody out. The
# whole pages of alv.pagecache stay in each process's memory: unpickling them would cost more
# than rendering. Without the setting everything stays on this machine as above.
ALV_CACHE_URL = os.environ.get("ALV_CACHE_URL", "")
if ALV_CACHE_URL:

    def _redis(prefix, **options):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ALV_CACHE_URL,
            "KEY_PREFIX": prefix,
            **options,
        }

    CACHES = {
        "default": _redis("alv"),
        "throttle": _redis("alv-throttle"),
        # A day: entries of older revisions are never read again and expire by themselves.
        "papers": _redis("alv-papers", TIMEOUT=24 * 3600),
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_USER_MODEL = "alv.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes checks for a lockout first; the demo-password backend refuses the demo password
# where ALV_DEMO_ALLOWED is off (production); then the usual username/password check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "alv.backends.DemoPasswordBackend",
    "alv.backends.CaseInsensitiveModelBackend",
]
LOGIN_URL = "login"
# The workspace for the secretariat and the board, the home page for everyone else.
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "home"
# The demo users and their shared password (make run, load_demo): never in production.
ALV_DEMO_ALLOWED = True

# Password guessing (django-axes, alv/throttle.py): failed logins within 15 minutes are
# counted three ways, each with its own limit. The pair (username, address) locks at 5; the
# account alone, from any addresses, at 20, so that guessing from many addresses is stopped
# while a stranger needs four times as many tries to lock a member out on the day of the
# meeting; the address alone, over any accounts, at 30 (a municipality's office shares one
# address). A lock holds also for the right password, for the cool-off time.
ALV_LOGIN_FAILURE_LIMITS = [
    (("username", "ip_address"), 5),
    (("username",), 20),
    (("ip_address",), 30),
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [list(parameters) for parameters, _ in ALV_LOGIN_FAILURE_LIMITS]
AXES_HANDLER = "alv.throttle.LoginFailureHandler"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a reverse proxy the client's address is in X-Forwarded-For; see alv/security.py.
AXES_CLIENT_IP_CALLABLE = "alv.security.client_ip"
AXES_USERNAME_CALLABLE = "alv.backends.throttled_username"
ALV_TRUSTED_PROXY_COUNT = int(os.environ.get("ALV_TRUSTED_PROXY_COUNT", "0"))
# Other throttles (alv/throttle.py), as (limit, window in seconds). Password reset: requests
# per e-mail address and per client; the set-password link: requests per client; second-factor
# codes: wrong codes per account and per client.
ALV_THROTTLE_CACHE = "throttle"
ALV_PASSWORD_RESET_PER_ADDRESS = (3, 3600)
ALV_PASSWORD_RESET_PER_CLIENT = (10, 3600)
ALV_PASSWORD_RESET_LINK_PER_CLIENT = (30, 3600)
ALV_SECOND_FACTOR_PER_ACCOUNT = (5, 900)
ALV_SECOND_FACTOR_PER_CLIENT = (20, 900)

# Two-factor sign-in (django-otp, TOTP with recovery codes; alv/second_factor.py): required for
# the secretariat and the board (alv.access.second_factor_required), offered to everyone else.
# Only where ALV_DEMO_ALLOWED is on, a login with the demo password skips it (the demo users).
ALV_SECOND_FACTOR_RECOVERY_CODES = 10

# Development prints e-mail (invitations, password reset links) on the console, or writes
# each to a file in ALV_EMAIL_FILE_PATH when that is set; production sends by SMTP
# (alv/settings_production.py). Invitations are sent by the task worker, never in a request.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
if os.environ.get("ALV_EMAIL_FILE_PATH"):
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = os.environ["ALV_EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "alv@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# How long an invitation link stays valid, in days (members/people.py).
ALV_INVITATION_DAYS = int(os.environ.get("ALV_INVITATION_DAYS", "5"))
# The address links in e-mail start with ("https://alv.vng.nl"); empty: the address the
# inviting person's browser used.
ALV_BASE_URL = os.environ.get("ALV_BASE_URL", "").rstrip("/")

# No inline script or style anywhere (htmx's indicator style is in layout.css, see base.html);
# data: images only for the checkbox icons of the NL Design System CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Dutch first: the association and its members work in Dutch; English is the second language.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # NL Design System CSS, installed from the npm registry by the setup (package-lock.json).
    ("vendor/utrecht", BASE_DIR / "node_modules" / "@utrecht" / "component-library-css" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}


def object_storages(bucket):
    """Uploads and built books in a bucket of S3-compatible object storage (docs/deploy.md),
    through django-storages: every app server and worker reads the same bucket, and books are
    downloaded from it by a signed link that works for a minute (book.views). The credentials
    come from the environment as boto3 reads them (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)."""

    def s3(location, overwrite):
        return {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "location": location,
                "endpoint_url": os.environ.get("ALV_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("ALV_S3_REGION") or None,
                "default_acl": None,  # private: nothing is readable without a signed link
                "querystring_auth": True,
                "querystring_expire": 60,
                # A book's name is its content's hash: the same name is the same file. An
                # upload keeps its own name beside one of the same name.
                "file_overwrite": overwrite,
                # An upload served through the app (after its check) is spooled to disk
                # above a megabyte, never held whole in memory (0 would mean: always in memory).
                "max_memory_size": 1_000_000,
            },
        }

    return {"default": s3("uploads", overwrite=False), "books": s3("books", overwrite=True)}


# Without it, uploads and books are kept in the folders MEDIA_ROOT and BOOK_STORAGE.
ALV_S3_BUCKET = os.environ.get("ALV_S3_BUCKET", "")
if ALV_S3_BUCKET:
    STORAGES.update(object_storages(ALV_S3_BUCKET))
MEDIA_ROOT = Path(os.environ.get("ALV_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Uploads are checked by alv/uploads.py and served only by views that check who may see them.
ALV_MAX_UPLOAD_BYTES = int(os.environ.get("ALV_MAX_UPLOAD_BYTES", str(20 * 1_000_000)))

# The association whose general assembly this installation runs is data, not settings:
# alv.models.Association, edited in the workspace ("Association") and by load_demo.


def OTP_TOTP_ISSUER(device):
    """The name an authenticator app shows next to the codes: the association's (django-otp
    calls a callable setting with the device; imported here, when the apps are loaded)."""
    from alv.models import Association

    return f"{Association.current().short_name} ALV"


# Background work (the meeting book) runs in `manage.py db_worker`, with the queue in the
# database: no extra service, and the same on SQLite and PostgreSQL.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Where built meeting books are kept (not under static: they are served after a permission check).
BOOK_STORAGE = Path(os.environ.get("ALV_BOOK_STORAGE", MEDIA_ROOT / "books"))
# Seconds between a change of the papers and the builds of the books it changed: the edits of
# that while make one build (book/refresh.py).
BOOK_REFRESH_DELAY = int(os.environ.get("ALV_BOOK_REFRESH_DELAY", "60"))

"""Settings for jianfu, read from the environment.

Embedded default: a SQLite file in the data directory and a database task queue served by
`jianfu worker` (or the worker `jianfu serve` starts beside the web server). A district sets
DATABASE_URL to PostgreSQL and runs worker processes of its own.
"""

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("JIANFU_DATA_DIR", BASE_DIR.parent / "data")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data directory."""
    if key := os.environ.get("JIANFU_SECRET_KEY"):
        return key
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("JIANFU_DEBUG", False)
ALLOWED_HOSTS = env_list("JIANFU_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("JIANFU_CSRF_TRUSTED_ORIGINS", "")
PRODUCTION = env_bool("JIANFU_PRODUCTION", False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",  # sign-in throttling; before jianfu.accounts so its failure handler runs before our audit
    "django_htmx",
    "django_tasks_db",
    "ninja",  # serves the API docs' Swagger UI from our static files, not a CDN (works offline)
    "jianfu.core",
    "jianfu.accounts",
    "jianfu.orgs",
    "jianfu.registry",
    "jianfu.ledgers",
    "jianfu.fills",
    "jianfu.catalog",
    "jianfu.workdays",
    "jianfu.gate",
    "jianfu.burden",
    "jianfu.certificates",
    "jianfu.sharing",
    "jianfu.casework",
    "jianfu.notify",
    "jianfu.open311",
    "jianfu.inspections",
    "jianfu.activities",
    "jianfu.feedback",
    "jianfu.meetings",
    "jianfu.campaigns",
    "jianfu.digital",
    "jianfu.scorecard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jianfu.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "jianfu.core.middleware.AuthenticationMiddleware",  # Django's, the user looked up at once
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # turns a sign-in refused by axes into our lock-out page (HTTP 429); must come last
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "jianfu.urls"
WSGI_APPLICATION = "jianfu.wsgi.application"
ASGI_APPLICATION = "jianfu.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "jianfu.core.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "jianfu.core.templatetags.jianfu_format"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'jianfu.sqlite3'}"),
        conn_max_age=int(os.environ.get("JIANFU_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept between requests (CONN_MAX_AGE above) as for PostgreSQL: opening one costs
    # more CPU than most pages (the PRAGMAs, reading the schema of every table; closing the last one
    # checkpoints the WAL), about 6 ms a request on the demo district (bench/bench_page_cpu.py).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA cache_size=-131072; PRAGMA temp_store=MEMORY; PRAGMA mmap_size=1073741824;"
        ),
        "transaction_mode": "IMMEDIATE",
        # seconds a writer waits for the write lock before "database is locked"; a large import holds
        # it only for short transactions (it stages, then publishes in one), so the default is ample
        "timeout": float(os.environ.get("JIANFU_SQLITE_BUSY_TIMEOUT", "30")),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
# axes first: it refuses a locked-out account or address before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "jianfu.accounts.backends.AccountBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Chinese whatever the browser says (jianfu.core.middleware); a chosen language is remembered a year.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("JIANFU_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("JIANFU_STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Ledgers and templates larger than this are refused before they are read.
JIANFU_MAX_UPLOAD_BYTES = int(os.environ.get("JIANFU_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
# Background jobs write a heartbeat this often; one silent for longer than the stale limit had its
# worker die and is marked failed (jianfu.core.heartbeat)
JIANFU_HEARTBEAT_SECONDS = float(os.environ.get("JIANFU_HEARTBEAT_SECONDS", "5"))
JIANFU_JOB_STALE_SECONDS = float(os.environ.get("JIANFU_JOB_STALE_SECONDS", "120"))

# Missed request deadlines are escalated by a job that re-enqueues itself this often (jianfu.casework.tasks)
JIANFU_ESCALATION_MINUTES = int(os.environ.get("JIANFU_ESCALATION_MINUTES", "15"))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("JIANFU_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# E-mail (notifications: jianfu.notify.channels.EmailChannel) through Django's MAILERS (EMAIL_BACKEND and
# the other EMAIL_* settings are deprecated since Django 6.1 and must not be set beside MAILERS).
# JIANFU_EMAIL_HOST set: SMTP (JIANFU_EMAIL_PORT, _USER, _PASSWORD, _TLS, _SSL, _TIMEOUT);
# otherwise the embedded default writes each message to a file in <data>/mail (nothing leaves the machine).
DEFAULT_FROM_EMAIL = os.environ.get("JIANFU_EMAIL_FROM", "jianfu@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if email_host := os.environ.get("JIANFU_EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": email_host,
                "port": int(os.environ.get("JIANFU_EMAIL_PORT", "25")),
                "username": os.environ.get("JIANFU_EMAIL_USER", ""),
                "password": os.environ.get("JIANFU_EMAIL_PASSWORD", ""),
                "use_tls": env_bool("JIANFU_EMAIL_TLS", False),
                "use_ssl": env_bool("JIANFU_EMAIL_SSL", False),
                "timeout": float(os.environ.get("JIANFU_EMAIL_TIMEOUT", "10")),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(DATA_DIR / "mail")},
        }
    }

# Django's database sessions, read with one prepared SELECT per request (jianfu.core.sessions)
SESSION_ENGINE = "jianfu.core.sessions"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads it to send the token with its requests
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("JIANFU_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("JIANFU_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("JIANFU_LOG_LEVEL", "WARNING")},
}

# Sign-in throttling (django-axes, docs/signin.md). After JIANFU_SIGNIN_FAILURE_LIMIT failed sign-ins
# within JIANFU_SIGNIN_LOCKOUT_MINUTES for one account (from any address) OR from one address (for
# any account), further sign-ins of that account / from that address are refused with HTTP 429
# until the lock-out has passed or a district administrator unlocks it (`jianfu unlock-account`).
# Every failure is also written to jianfu's audit log (jianfu.accounts.services.signin_failure_record).
AXES_ENABLED = env_bool("JIANFU_SIGNIN_THROTTLE", True)
AXES_FAILURE_LIMIT = int(os.environ.get("JIANFU_SIGNIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("JIANFU_SIGNIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# a success must not clear the address's failures: one valid account would otherwise reset the count
# an attacker runs up against other accounts from the same address
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "jianfu.accounts.views.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_HTTP_RESPONSE_CODE = 429
# Behind a reverse proxy, set JIANFU_CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP) to the header the proxy
# sets; by default the connection's address (REMOTE_ADDR) is used and client headers are not trusted.
AXES_CLIENT_IP_CALLABLE = "jianfu.accounts.signin.client_ip"
JIANFU_CLIENT_IP_HEADER = os.environ.get("JIANFU_CLIENT_IP_HEADER", "")

# API tokens expire: the default and the longest lifetime a new token may be given, in days.
JIANFU_API_TOKEN_DAYS = int(os.environ.get("JIANFU_API_TOKEN_DAYS", "90"))
JIANFU_API_TOKEN_MAX_DAYS = int(os.environ.get("JIANFU_API_TOKEN_MAX_DAYS", "365"))
# Unknown or rejected bearer tokens / Open311 keys allowed per client address per minute before 429.
JIANFU_BAD_TOKEN_PER_MINUTE = int(os.environ.get("JIANFU_BAD_TOKEN_PER_MINUTE", "10"))

# Public verification pages and token lookups are rate-limited per client address.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if cache_url := os.environ.get("JIANFU_CACHE_URL"):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": cache_url}

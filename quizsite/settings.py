"""Settings for Mudhakara, read from environment variables; safe when a variable is forgotten.

DEBUG is off unless the environment turns it on (`make run` does), so a deployment that forgets
it does not run with the published development key. Production needs at least SECRET_KEY and
ALLOWED_HOSTS, and usually DATABASE_URL and ADMIN_URL.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    try:
        return int(value) if value is not None else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-dev-only-mudhakara-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off "
        "(for development set DEBUG=1, as `make run` does)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes patch the right forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_ratelimit",
    "learning",
]

MIDDLEWARE = [
    # First, so every log line of the request, and every response, carries its id.
    "learning.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After SessionMiddleware: a signed-in session used on a new day is kept two more weeks.
    "learning.sessionkeep.KeepActiveSessionsMiddleware",
    "learning.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "learning.middleware.DatabaseOutageMiddleware",
    # Last, as its documentation asks: it turns a lock-out found during the view into our page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "quizsite.urls"
WSGI_APPLICATION = "quizsite.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "learning.context_processors.languages",
            ],
        },
    },
]

# SQLite by default: WAL lets readers and the writer work at once; IMMEDIATE takes the write
# lock at BEGIN so a busy writer waits (up to the timeout) instead of failing with
# "database is locked" half-way through a transaction.
# https://docs.djangoproject.com/en/6.1/ref/databases/#database-is-locked-errors
SQLITE_DEFAULT = {
    "ENGINE": "django.db.backends.sqlite3",
    "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
    "OPTIONS": {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    },
    # A connection kept between requests: opening one per request (with its PRAGMAs, on a
    # cold page cache) cost more than the answer POST's own queries. PostgreSQL keeps its 60 s
    # below, or 0 with psycopg's pool (OPTIONS "pool"), which Django requires.
    "CONN_MAX_AGE": 600,
    "CONN_HEALTH_CHECKS": True,
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    if DATABASE_URL
    else SQLITE_DEFAULT
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and app server (rate limits count in it): Redis where
# REDIS_URL is set (Django's own backend; needs the `redis` package: `uv add redis`), else a
# table of the database (`manage.py createcachetable`; the test runner creates it). Never the
# per-process memory cache, whose counts each worker would keep apart.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "mudhakara_cache"}
}
# django-ratelimit's list of caches has neither Django's built-in RedisCache (W001: "not
# officially supported"; its increment is atomic) nor DatabaseCache (W001, and E003: its
# increment is a read then a write, so two requests at the same instant may count once: a
# bound off by a request or two, enough to stop mass sign-up). The memory cache keeps its
# error (E003, "not a shared cache"): it is never silenced.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
if not REDIS_URL:
    SILENCED_SYSTEM_CHECKS.append("django_ratelimit.E003")

# Sign-ups and new guests per client address and hour. A school's pupils share one address:
# the defaults let several classes of 30 start within an hour (a class told to make accounts,
# then classes joining by link as guests) while still stopping accounts made by the thousand.
SIGNUP_RATE = os.environ.get("SIGNUP_RATE", "60/h")
GUEST_RATE = os.environ.get("GUEST_RATE", "300/h")
# Tries at a class join code: per client address (whole classes may join from one school
# address) and per learner. With 31**8 codes, either rate makes guessing one hopeless.
JOIN_RATE = os.environ.get("JOIN_RATE", "600/h")
JOIN_LEARNER_RATE = os.environ.get("JOIN_LEARNER_RATE", "10/h")
# The request header that holds the client's address when a proxy in front sets it (e.g.
# HTTP_X_REAL_IP); by default the connection's own address. Both limits and lock-outs use it.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "REMOTE_ADDR")

# Password guessing (django-axes, counts kept in the database so every worker sees them):
# LOGIN_FAILURE_LIMIT wrong passwords for one username from one client address lock that pair
# for LOGIN_COOLOFF_MINUTES. Keyed on the pair, a stranger elsewhere cannot lock a learner out;
# tries during the lock do not extend it, so even from the same address it ends on time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Wider bounds over axes' records, the same cool-off (learning/lockout.py): guesses at one
# account from many addresses, and one address trying many accounts (a school shares one).
AXES_HANDLER = "learning.lockout.LoginGuard"
LOGIN_ACCOUNT_FAILURE_LIMIT = env_int("LOGIN_ACCOUNT_FAILURE_LIMIT", 20)
LOGIN_CLIENT_FAILURE_LIMIT = env_int("LOGIN_CLIENT_FAILURE_LIMIT", 50)
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "learning.views.accounts.locked_out"
AXES_CLIENT_IP_CALLABLE = "learning.limits.client_ip"
# Successful log-ins need no record of their address; failures are what axes counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first (the sources are Arabic), English second. URLs live under /ar/ and /en/.
LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("en", _("English"))]
# Arabic numbers with Latin digits as the CLDR writes them: 6.5, not 6,5 (quizsite/formats/).
FORMAT_MODULE_PATH = ["quizsite.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
LANGUAGE_COOKIE_SAMESITE = "Lax"

MODELTRANSLATION_DEFAULT_LANGUAGE = "ar"
MODELTRANSLATION_LANGUAGES = ("ar", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("ar",), "ar": ("en",)}

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# The admin's address prefix: set a hard-to-guess one in production (e.g. ADMIN_URL=staff-8c1f/).
ADMIN_URL = (os.environ.get("ADMIN_URL", "").strip().strip("/") or "admin") + "/"

LOGIN_URL = "learning:login"
LOGIN_REDIRECT_URL = "learning:home"
LOGOUT_REDIRECT_URL = "learning:home"

# Nothing is loaded from outside the site: scripts, styles, fonts and images are all ours.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# Cookies only over HTTPS in production; `make serve`'s local try over plain HTTP turns it off.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# A request's id (learning.middleware.RequestIdMiddleware): a trusted proxy's, from the header
# named here (e.g. HTTP_X_REQUEST_ID), else a new one. Empty: never taken from the request,
# since a client could otherwise choose the id its lines are filed under.
REQUEST_ID_HEADER = os.environ.get("REQUEST_ID_HEADER", "")

# To stdout, each line with the id of the request it was written for ("-" outside one).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "learning.requestids.RequestIdFilter"}},
    "formatters": {
        "line": {
            "format": "[%(asctime)s] [%(process)d] [%(levelname)s] %(name)s: %(message)s "
            "request_id=%(request_id)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": "line",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

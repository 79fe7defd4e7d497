"""
Settings for the NMI Portal.

Everything that differs between a developer's laptop, CI and production is
read from environment variables. The defaults give the embedded set-up:
SQLite, the local-memory cache and no other service. See README.md for the
variables a production deployment sets.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# ------------------------------------------------------------------------------
# Core
# ------------------------------------------------------------------------------

# Debug is off unless asked for: a forgotten variable must never expose
# tracebacks in production. `make run` turns it on for local development.
DEBUG = env.bool("DJANGO_DEBUG", default=False)

# The test suite sets DJANGO_TESTING (pyproject.toml) for fast, offline
# settings: a cheap password hasher, in-memory email, plain static storage.
TESTING = env.bool("DJANGO_TESTING", default=False)

if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", default="development-only-secret-key-not-for-production")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
else:
    _missing = [name for name in ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS") if not env(name, default="")]
    if _missing:
        sys.exit(
            f"NMI Portal: set {' and '.join(_missing)} in the environment (or DJANGO_DEBUG=true for local development)."
        )
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")

CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

ROOT_URLCONF = "nmi_site.urls"
WSGI_APPLICATION = "nmi_site.wsgi.application"
ASGI_APPLICATION = "nmi_site.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# JSON with times to the microsecond, so a backup restores them exactly.
SERIALIZATION_MODULES = {"json": "nmi_site.history.exact_json"}

# ------------------------------------------------------------------------------
# Applications
# ------------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin classes load.
    "modeltranslation",
    # The admin, with the portal's own site (nmi_site/sitewide/admin_site.py).
    "nmi_site.sitewide.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "csp",
    "nmi_site.security.apps.SignInAttemptsConfig",  # django-axes
    "django_otp",
    "nmi_site.security.apps.AuthenticatorsConfig",  # django_otp.plugins.otp_totp
    # The base (content, access), the domain apps, then the top.
    "nmi_site.content",
    "nmi_site.access",
    "nmi_site.caching",
    # The job queue (django-tasks on its database backend): emails and reminders.
    "nmi_site.notifications.apps.BackgroundJobsConfig",
    "missions",
    "objectives",
    "outreach",
    "advisory",
    # What needs translating into Arabic (below the domain apps' records).
    "nmi_site.translations",
    "nmi_site.sitewide",
]

MIDDLEWARE = [
    # Outermost: a request that changed content ends once every process
    # sees the change (nmi_site/caching/generations.py, "Leases").
    "nmi_site.caching.generations.GenerationLeaseMiddleware",
    # Then: a cached anonymous answer needs nothing else (nmi_site/caching/responses.py).
    "nmi_site.caching.responses.AnonymousCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "nmi_site.security.headers.ScopedCSPMiddleware",
    "nmi_site.security.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "nmi_site.sitewide.middleware.AdminLanguageMiddleware",
    "nmi_site.sitewide.middleware.ApiLanguageMiddleware",
    "nmi_site.sitewide.middleware.EnglishFallbackNoticeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nmi_site.security.headers.IdleTimeoutMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Marks a signed-in session, so the response cache knows it without a
    # database read (nmi_site/caching/responses.py).
    "nmi_site.caching.responses.SignedInMarkerMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "nmi_site.security.two_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
]

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
                "nmi_site.sitewide.context_processors.site",
            ],
        },
    },
]

# ------------------------------------------------------------------------------
# Database and cache
# ------------------------------------------------------------------------------

# DATABASE_URL selects PostgreSQL in production, e.g.
# postgres://user:password@host:5432/nmi
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite as a serious embedded database: write-ahead logging, so readers
# never wait for a writer; a busy timeout, so a second writer waits instead
# of failing; and transactions that take the write lock when they begin
# (BEGIN IMMEDIATE), so two saves of one record queue up and the second
# sees the first (and gets the stale-record message), never "database is
# locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("DJANGO_SQLITE_BUSY_SECONDS", default=20),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

# REDIS_URL selects Django's Redis cache; CACHE_URL accepts any backend that
# django-environ understands. Without either, a per-process memory cache.
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "nmi_site.caching.backends.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "nmi",
        }
    }
elif env("CACHE_URL", default=""):
    CACHES = {"default": env.cache_url("CACHE_URL")}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "nmi-portal",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# Anonymous pages, feeds and API answers are cached for at most this many
# seconds (0 turns the cache off); any change to a record ends them at once.
# See nmi_site/caching/responses.py.
ANONYMOUS_CACHE_SECONDS = env.int("DJANGO_ANONYMOUS_CACHE_SECONDS", default=300)
# How long a process may use the content generation stamps it read from the
# database before reading them again; whoever changes content waits as long
# after committing before its request ends, so changes still show on the
# next request to every worker and server (nmi_site/caching/generations.py).
# The suite reads the stamps on every request instead (0).
GENERATION_LEASE_SECONDS = env.float("DJANGO_GENERATION_LEASE_SECONDS", default=0.0 if TESTING else 0.05)
# Never cached: the admin, private feeds whose URL carries a key, static
# files (whitenoise serves those itself) and the benchmark's raw baselines.
ANONYMOUS_CACHE_EXCLUDED_PATHS = ("/admin/", "/calendar/private/", "/static/", "/benchmark/")

# The benchmark's settings (make bench): raw baseline endpoints under
# /benchmark/ and a request header that skips the anonymous cache, so that
# uncached rendering can be measured. Never set in production.
BENCHMARK = env.bool("DJANGO_BENCHMARK", default=False)
# The benchmark's raw baselines and volume generator are installed only for
# the benchmark (and for the suite, which tests them).
if BENCHMARK or TESTING:
    INSTALLED_APPS.append("nmi_site.benchmark")
ANONYMOUS_CACHE_BYPASS_HEADER = "HTTP_X_BENCHMARK_NO_CACHE" if BENCHMARK else None

# ------------------------------------------------------------------------------
# Authentication
# ------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where staff land after signing in when the page asked for is not one of
# the portal's own (an unsafe "next"): the back office's home.
LOGIN_REDIRECT_URL = "admin:index"

# django-axes checks every sign-in first: after AXES_FAILURE_LIMIT failures
# for one username from one address, that pair is refused for the cool-off
# time, whatever the password. Attempts live in the database, so the count
# holds across servers.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DJANGO_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DJANGO_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "nmi_site.security.headers.locked_out"
AXES_CLIENT_IP_CALLABLE = "nmi_site.security.headers.client_ip"
# Our own security log records each event (nmi_site/security/log.py).
AXES_VERBOSE = False

# The second factor (nmi_site/security/two_factor.py): the name authenticator apps show.
OTP_TOTP_ISSUER = "NMI Portal"

# Messages live in the session, on the server: a new partner key's secret is
# shown once through a message and must never travel in a cookie.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# ------------------------------------------------------------------------------
# Language and time
# ------------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["nmi_site.formats"]
USE_I18N = True

# Stored in UTC, shown in Baghdad time.
USE_TZ = True
TIME_ZONE = "Asia/Baghdad"

# django-modeltranslation: English and Arabic columns for the fields people
# read; English is the fallback when the Arabic one is empty.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# ------------------------------------------------------------------------------
# Static files
# ------------------------------------------------------------------------------

STATIC_URL = "static/"
# Where collectstatic gathers files for whitenoise to serve in production.
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain files in tests and
        # development so that no collectstatic run is needed there.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# ------------------------------------------------------------------------------
# API
# ------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["nmi_site.api.authentication.KeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["nmi_site.api.permissions.ReadOnlyOrStaffToken"],
    "DEFAULT_FILTER_BACKENDS": [
        "nmi_site.api.filters.FilterBackend",
        "nmi_site.api.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "nmi_site.api.pagination.PageNumberPagination",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["nmi_site.api.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "nmi_site.api.throttling.AnonymousThrottle",
        "nmi_site.api.throttling.KeyThrottle",
    ],
    # Requests per second, minute, hour or day, e.g. "120/minute".
    "DEFAULT_THROTTLE_RATES": {
        "anonymous": env("API_THROTTLE_ANONYMOUS", default="120/minute"),
        "key": env("API_THROTTLE_KEY", default="1200/minute"),
    },
    "DEFAULT_SCHEMA_CLASS": "nmi_site.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "nmi_site.api.exceptions.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": True,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "NMI Portal API",
    "DESCRIPTION": (
        "The mission's structure, long-term objectives and outreach events. Anonymous clients read public "
        "records; a partner key (`Authorization: Bearer <key>`) adds what is shared with partners."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The interactive docs are served from the site's own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Descriptions come from each resource's own docstring, never a base class's.
    "GET_LIB_DOC_EXCLUDES": "nmi_site.api.schema.doc_excludes",
    "ENUM_NAME_OVERRIDES": {
        "VisibilityEnum": "nmi_site.content.visibility.Visibility",
        "DatePrecisionEnum": "nmi_site.content.dates.DatePrecision",
        "CountQualifierEnum": "missions.models.CountQualifier",
        "ReportStatusEnum": "objectives.models.ReportStatus",
        "ObjectiveStatusEnum": "objectives.models.ObjectiveStatus",
        "PlanStateEnum": "objectives.models.PlanState",
        "ReportStateEnum": "objectives.models.ReportState",
        "ActivityStatusEnum": "objectives.models.ActivityStatus",
        "EventStatusEnum": "outreach.models.EventStatus",
    },
}

# ------------------------------------------------------------------------------
# Calendars
# ------------------------------------------------------------------------------

# The portal's own address (scheme, host and port, no path): every absolute
# link the portal writes (password-reset and other emails, calendars, the
# Atom feed, robots.txt, API search results) starts with it, never with the
# Host a request claims.
SITE_URL = env("DJANGO_SITE_URL", default="http://testserver" if TESTING else "http://127.0.0.1:8000").rstrip("/")

# The portal's own name in identifiers: the domain part of iCalendar UIDs
# and the authority of the Atom feed's tag: ids. Keep it fixed once
# published: calendar applications and feed readers recognise events by them.
CALENDAR_UID_DOMAIN = env("CALENDAR_UID_DOMAIN", default="nmi-portal")

# ------------------------------------------------------------------------------
# Email
# ------------------------------------------------------------------------------

EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The mail server, for django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env("DJANGO_EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("DJANGO_EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("DJANGO_EMAIL_TIMEOUT", default=30)
# The folder of django.core.mail.backends.filebased.EmailBackend.
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", default=str(BASE_DIR / "sent-emails"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="NMI Portal <no-reply@localhost>")

# The browser that prints the back office's A4 PDFs (handover packs):
# Debian's Chromium (apt-get install chromium).
CHROMIUM_PATH = env("CHROMIUM_PATH", default="/usr/bin/chromium")

# ------------------------------------------------------------------------------
# Background jobs
# ------------------------------------------------------------------------------

# Emails leave the request through the job queue: django-tasks (the backport
# of Django 6's django.tasks) on its database backend, in the portal's own
# database, run by `manage.py db_worker` (README, "Background jobs").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# ------------------------------------------------------------------------------
# Security
# ------------------------------------------------------------------------------

# Production is served over HTTPS only, behind a reverse proxy that
# terminates TLS. DJANGO_HTTPS=false is for running the production settings
# over plain HTTP on one's own machine (the benchmark, the scale-out check).
HTTPS = env.bool("DJANGO_HTTPS", default=not DEBUG and not TESTING)
SECURE_SSL_REDIRECT = HTTPS
# Behind the reverse proxy, the proxy's X-Forwarded-Proto says whether the
# request came over HTTPS, and the last address it appends to
# X-Forwarded-For is the client's (used for sign-in lockouts and the log).
BEHIND_PROXY = env.bool("DJANGO_BEHIND_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
# HSTS: once a browser has seen the site over HTTPS it refuses plain HTTP
# for a year, on every subdomain. Preloading is on so the domain can be
# submitted to the browsers' preload list; submitting is a separate,
# deliberate step for whoever owns the domain.
SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=31_536_000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Cookies exist for staff only (public pages set none). They travel over
# HTTPS only and scripts cannot read them.
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# A staff session ends after this long without a request (within a minute;
# nmi_site.security.headers.IdleTimeoutMiddleware), and when the browser closes.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CSRF_FAILURE_VIEW = "nmi_site.sitewide.views.csrf_failure"

# Content-Security-Policy (django-csp; nmi_site/security/headers.py). Strict
# everywhere: the site's own scripts, styles, images and fonts, nothing
# inline, no nonces, no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "manifest-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
        "upgrade-insecure-requests": HTTPS,
    }
}
# Relaxed only under these URL prefixes, and only as far as third-party
# templates need:
# - the admin: django-simple-history's history pages carry a style
#   attribute, and the admin's widgets use SVG icons given as data: URLs;
# - the API docs: Swagger UI sets inline styles and draws its icons from
#   data: URLs. Its scripts are static files (drf-spectacular's split view).
CONTENT_SECURITY_POLICY_RELAXED = {
    "/admin/": {"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]},
    "/api/docs/": {"style-src": [SELF, UNSAFE_INLINE], "img-src": [SELF, "data:"]},
}

# ------------------------------------------------------------------------------
# Logging: everything to the console, where the process manager collects it.
# ------------------------------------------------------------------------------

# Partner keys are redacted from every line (they can appear in calendar URLs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_keys": {"()": "nmi_site.security.formatters.RedactKeysFilter"}},
    "formatters": {
        "plain": {
            "()": "nmi_site.security.formatters.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_keys"]},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own request and development-server loggers, through the same filter.
        "django.request": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # django-axes reports every attempt at INFO; the security log
        # (nmi_site.security.log) already has one line per event.
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# ------------------------------------------------------------------------------
# Tests
# ------------------------------------------------------------------------------

if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Serve static files from the source folders, as in development; no
    # collectstatic run is needed.
    WHITENOISE_AUTOREFRESH = True
    WHITENOISE_USE_FINDERS = True
    # Generous limits, so tests other than the throttling tests never meet them.
    REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {"anonymous": "100000/minute", "key": "100000/minute"}
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

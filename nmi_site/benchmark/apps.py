from django.apps import AppConfig


class BenchmarkConfig(AppConfig):
    """The benchmark's join-free raw baselines and the volume generator.
    Installed only with DJANGO_BENCHMARK on (and in the test suite, which
    tests them); never in production."""

    name = "nmi_site.benchmark"
    label = "benchmark"
    verbose_name = "Benchmark"

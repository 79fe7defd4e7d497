"""The portal's URLs plus two views that fail, for the error-page tests: a
page and an API call that raise, as a bug would."""

from django.urls import path
from rest_framework.decorators import api_view

from nmi_site.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def failing_page(request):
    raise RuntimeError("secret internal detail")


@api_view(["GET"])
def failing_api(request):
    raise RuntimeError("secret internal detail")


urlpatterns = [
    path("failing-page/", failing_page),
    path("api/v1/failing/", failing_api),
    *urlpatterns,
]

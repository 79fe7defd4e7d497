from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("events/", views.EventListView.as_view(), name="upcoming"),
    path("events/past/", views.EventListView.as_view(past=True), name="past"),
    path("events/<slug:slug>/", views.EventDetailView.as_view(), name="detail"),
]

# Calendars and feeds: not language-prefixed (see nmi_site/urls.py).
feed_urlpatterns = [
    path("calendar/events.ics", views.public_calendar, name="calendar"),
    path("calendar/kind/<slug:kind>.ics", views.kind_calendar, name="calendar_kind"),
    path("calendar/event/<slug:slug>.ics", views.event_calendar, name="calendar_event"),
    path("calendar/private/<str:key>/events.ics", views.partner_calendar, name="calendar_partner"),
    path("calendar/private/<str:key>/events/<slug:slug>/", views.PartnerEventView.as_view(), name="partner_event"),
]

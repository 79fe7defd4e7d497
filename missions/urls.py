from django.urls import path

from missions import views

app_name = "missions"

urlpatterns = [
    path("about/", views.AboutView.as_view(), name="about"),
    path("structure/", views.StructureView.as_view(), name="structure"),
    path("structure/<slug:slug>/", views.DivisionDetailView.as_view(), name="division_detail"),
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("nations-and-partners/", views.PartnersView.as_view(), name="partners"),
    path("lessons/", views.LessonListView.as_view(), name="lessons"),
]

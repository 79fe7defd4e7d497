from django.urls import path

from objectives import views

app_name = "objectives"

urlpatterns = [
    path("objectives/", views.ObjectiveDashboardView.as_view(), name="dashboard"),
    path("objectives/<slug:slug>/", views.ObjectiveDetailView.as_view(), name="detail"),
    path("objectives/<slug:slug>/plan/", views.PlanView.as_view(), name="plan"),
    path("objectives/<slug:slug>/plan/<int:version>/", views.PlanView.as_view(), name="plan_version"),
]

"""The job queue's own records, named in the admin for what they hold."""

from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class BackgroundJobsConfig(TasksAppConfig):
    verbose_name = _("Background jobs")

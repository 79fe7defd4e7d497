"""The password-reset form, sending through the job queue."""

from django.contrib.auth.forms import PasswordResetForm
from django.utils import translation

from nmi_site.notifications.tasks import send_password_reset


class QueuedPasswordResetForm(PasswordResetForm):
    """ "Forgotten your login credentials?": the email goes through the job
    queue, in the language the page was read in, with a link from the
    configured site address (never from the Host the request claims)."""

    def save(self, **kwargs):
        language = translation.get_language()
        for user in self.get_users(self.cleaned_data["email"]):
            send_password_reset.enqueue(user.pk, language)

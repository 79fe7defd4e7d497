"""Issue a partner key or a staff member's personal API token."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from missions.models import PartnerOrganisation
from nmi_site.access.models import KeyScope
from nmi_site.access.rules import OPERATOR
from nmi_site.access.services import key_issue


class Command(BaseCommand):
    help = (
        "Issue a key: for a partner organisation (--partner SLUG) or a member of staff (--user USERNAME). "
        "The secret is printed once and never stored."
    )

    def add_arguments(self, parser):
        holder = parser.add_mutually_exclusive_group(required=True)
        holder.add_argument("--partner", help="the partner organisation's slug, e.g. euam-iraq")
        holder.add_argument("--user", help="a staff member's username, for a personal token")
        parser.add_argument(
            "--scope",
            action="append",
            choices=KeyScope.values,
            required=True,
            help="repeat for several scopes: calendar, api:read, api:write (staff only)",
        )
        parser.add_argument("--label", default="", help="what the key is for")
        parser.add_argument("--days", type=int, help="expire after this many days")
        parser.add_argument("--secret-only", action="store_true", help="print the secret alone, for scripts")

    def handle(self, *args, partner, user, scope, label, days, secret_only, **options):
        holder = {}
        if partner:
            holder["partner"] = PartnerOrganisation.objects.filter(slug=partner).first()
            if holder["partner"] is None:
                raise CommandError(f"No partner organisation with the slug {partner!r}.")
        else:
            holder["holder"] = get_user_model().objects.filter(username=user, is_active=True, is_staff=True).first()
            if holder["holder"] is None:
                raise CommandError(f"No active member of staff with the username {user!r}.")
        expires_at = timezone.now() + datetime.timedelta(days=days) if days else None
        try:
            key, secret = key_issue(
                user=OPERATOR,
                label=label or "issued from the command line",
                scopes=scope,
                expires_at=expires_at,
                **holder,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        if secret_only:
            self.stdout.write(secret)
            return
        self.stdout.write(f"Key {key.prefix} issued with scopes {', '.join(key.scopes)}.")
        self.stdout.write(f"Secret (shown once, not stored): {secret}")

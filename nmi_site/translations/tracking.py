"""Keeping :class:`PendingTranslation` current: each save of a translated
record compares each field's English and Arabic with what was stored.

- English with no Arabic: *missing*.
- English changed and Arabic not changed in the same save: *outdated* (the
  Arabic translates an older text).
- Arabic written or changed: translated, the row goes.
- No English: nothing to translate, the row goes.

Saves of other fields leave the rows as they are. Bulk updates and
inserts (``QuerySet.update``, ``bulk_create``) pass no signal: code that
uses them on translated models calls :func:`track` itself if it matters
(the benchmark's synthetic volume does not)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

from nmi_site.access import rules
from nmi_site.translations.models import PendingTranslation, TranslationState

ENGLISH, ARABIC = "en", "ar"


def translated_models():
    """The concrete models with translated fields."""
    return [model for model in translator.get_registered_models() if not model._meta.proxy]


def tracked_models():
    """Every model whose saves are watched: proxies too (a proxy's save
    signals name the proxy), rows kept under the concrete model."""
    return list(translator.get_registered_models())


def translated_fields(model):
    return translator.get_options_for_model(model).get_field_names()


def _columns(model):
    return {
        name: (build_localized_fieldname(name, ENGLISH), build_localized_fieldname(name, ARABIC))
        for name in translated_fields(model)
    }


def _snapshot(record, columns):
    return {column: getattr(record, column) for column in columns}


def remember_stored(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a save: the translated columns as stored. A record saved
    before in this process carries them from that save (no query)."""
    if raw or instance._state.adding or instance.pk is None:
        instance._translations_stored = None
        return
    if getattr(instance, "_translations_snapshot", None) is not None:
        instance._translations_stored = instance._translations_snapshot
        return
    columns = [column for pair in _columns(sender).values() for column in pair]
    stored = sender._base_manager.filter(pk=instance.pk).values(*columns).first()
    if stored is not None:
        stored["division"] = None  # unknown: the rows are refreshed
    instance._translations_stored = stored


def after_save(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw:
        return
    stored = None if created else getattr(instance, "_translations_stored", None)
    track(instance, stored=stored, fields=update_fields)


def track(record, *, stored=None, fields=None):
    """Bring ``record``'s rows up to date after a save; ``stored`` holds its
    columns as they were before (``None`` for a new record), ``fields`` the
    columns the save wrote (``None``: all). A save that changed no
    translated column and left the record in its division costs nothing."""
    model = type(record)
    columns = _columns(model)
    all_columns = [column for pair in columns.values() for column in pair]
    division_id = rules.division_id_of(record)
    before = stored or {}
    changed_columns = {
        column
        for column in all_columns
        if (fields is None or column in fields) and (before.get(column) or "") != (getattr(record, column) or "")
    }
    # What the next save compares with: the stored state after this one.
    if fields is None or stored is not None:
        snapshot = {**before, **_snapshot(record, all_columns if fields is None else set(fields) & set(all_columns))}
        record._translations_snapshot = {**snapshot, "division": division_id}
    else:
        record._translations_snapshot = None
    if stored is not None and not changed_columns and before.get("division", "unknown") == division_id:
        return
    content_type = ContentType.objects.get_for_model(model)
    rows = {row.field: row for row in PendingTranslation.objects.filter(content_type=content_type, object_id=record.pk)}
    now = timezone.now()
    label = str(record)[:300]
    gone, changed, new = [], [], []
    for name, (english_column, arabic_column) in columns.items():
        english, arabic = getattr(record, english_column) or "", getattr(record, arabic_column) or ""
        english_changed = stored is None or english_column in changed_columns
        arabic_changed = stored is None or arabic_column in changed_columns
        row = rows.get(name)
        if not english.strip():
            state = None
        elif not arabic.strip():
            state = TranslationState.MISSING
        elif arabic_changed:
            state = None
        elif english_changed:
            state = TranslationState.OUTDATED
        else:
            state = row.state if row is not None else None
        if state is None:
            if row is not None:
                gone.append(row.pk)
            continue
        if row is None:
            new.append(
                PendingTranslation(
                    content_type=content_type,
                    object_id=record.pk,
                    field=name,
                    state=state,
                    label=label,
                    division_id=division_id,
                    english_changed_at=now,
                )
            )
            continue
        if english_changed:
            row.english_changed_at = now
        row.state, row.label, row.division_id = state, label, division_id
        changed.append(row)
    if gone:
        PendingTranslation.objects.filter(pk__in=gone).delete()
    if changed:
        PendingTranslation.objects.bulk_update(changed, ["state", "label", "division", "english_changed_at"])
    if new:
        PendingTranslation.objects.bulk_create(new)


def after_delete(sender, instance, **kwargs):
    PendingTranslation.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()


def connect():
    for model in tracked_models():
        uid = f"translations.{model._meta.label_lower}"
        pre_save.connect(remember_stored, sender=model, dispatch_uid=f"{uid}.pre")
        post_save.connect(after_save, sender=model, dispatch_uid=f"{uid}.post")
        post_delete.connect(after_delete, sender=model, dispatch_uid=f"{uid}.delete")

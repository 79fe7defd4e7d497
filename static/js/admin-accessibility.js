/*
 * Accessible names for the admin's scripted widgets (Django's select2
 * autocomplete and filter boxes), which draw controls without them.
 * Runs once the page's own scripts have drawn their widgets, and again
 * whenever a widget redraws itself.
 */
'use strict';
(function () {
  function labelFor(select) {
    if (!select || !select.id) {
      return '';
    }
    const label = document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, '').trim() : '';
  }

  function originalSelect(container) {
    // select2 puts its container straight after the select it replaces.
    let element = container.previousElementSibling;
    while (element && element.tagName !== 'SELECT') {
      element = element.previousElementSibling;
    }
    return element;
  }

  function fix(root) {
    root.querySelectorAll('.search-label-icon[aria-label]').forEach(function (icon) {
      icon.setAttribute('role', 'img');
    });
    root.querySelectorAll('.select2-container').forEach(function (container) {
      const name = labelFor(originalSelect(container));
      if (!name) {
        return;
      }
      container.querySelectorAll('.select2-search__field').forEach(function (field) {
        field.setAttribute('aria-label', name);
      });
      container.querySelectorAll('.select2-selection[role="combobox"]').forEach(function (box) {
        box.removeAttribute('aria-labelledby');
        box.setAttribute('aria-label', name);
      });
      container.querySelectorAll('.select2-selection__rendered[role="textbox"]').forEach(function (shown) {
        shown.setAttribute('aria-label', name);
      });
      container.querySelectorAll('ul.select2-selection__rendered').forEach(function (list) {
        list.setAttribute('role', 'none');
        Array.prototype.forEach.call(list.children, function (item) {
          item.setAttribute('role', 'none');
        });
      });
    });
  }

  window.addEventListener('load', function () {
    fix(document);
    let pending = false;
    new MutationObserver(function () {
      if (pending) {
        return;
      }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        fix(document);
      });
    }).observe(document.body, {childList: true, subtree: true});
  });
})();

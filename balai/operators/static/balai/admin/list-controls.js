/* Balai: visible words beside the icons of the admin's list controls.
 *
 * Wagtail draws the controls of a repeating list (a StreamField or ListBlock item: move up,
 * move down, duplicate, delete; an InlinePanel row: the same) as icons, with the word only
 * in a tooltip, and the button that adds an item as a bare "+". This shows the word next
 * to each icon ("Naikkan", "Turunkan", "Hapus" ...: Wagtail's own translated title) and
 * names what the "+" adds ("Tambah RT", "Tambah pegawai"), from the label of the items in
 * that list or, for an empty list, of the field holding it. Lists drawn later (a new unit,
 * a new RW) are labelled as they appear.
 */
(() => {
  "use strict";
  const addTemplate = document.currentScript.dataset.addLabel || "+ %(label)s";
  const ACTIONS = [
    "[data-streamfield-action]:not([data-streamfield-action=DRAG])",
    "[data-inline-panel-child-move-up]",
    "[data-inline-panel-child-move-down]",
    "[data-inline-panel-child] [id$=-DELETE-button]",
  ].join(",");

  const lowerFirst = (text) =>
    /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;

  const show = (button, text) => {
    if (!text || button.querySelector(".balai-control-label")) return;
    const label = document.createElement("span");
    label.className = "balai-control-label";
    label.textContent = text;
    button.append(label);
    button.classList.remove("text-replace");
    button.classList.add("balai-labelled-control");
  };

  // What an add button adds: the type label of the items beside it, or the field's label.
  const itemLabel = (button) => {
    const list = button.closest(
      "[data-streamfield-stream-container], [data-streamfield-list-container]," +
        " .c-sf-container, [id$=-root]",
    );
    const scope = list ? list.parentElement || list : document;
    const item = scope.querySelector("[data-streamfield-child] .c-sf-block__type");
    if (item) return item.textContent.trim();
    // An empty list: its field's label, or the heading of the panel the field is in (a
    // StreamField's label is that heading, outside the field).
    const field = button.closest("[data-contentpath]");
    const panel = button.closest("section.w-panel");
    const heading = (field && field.querySelector("label, .w-panel__heading")) ||
      (panel && panel.querySelector(".w-panel__heading [data-panel-heading-text]"));
    return heading ? heading.textContent.replace("*", "").trim() : "";
  };

  // InlinePanel's own add button already says "Tambah Hari": only the case is ours.
  const addPrefix = addTemplate.split("%(label)s")[0];
  const lowerInlineAdd = (button) => {
    const words = button.lastChild;
    if (words && words.nodeType === Node.TEXT_NODE) {
      const text = words.textContent.trim();
      if (addPrefix && text.startsWith(addPrefix)) {
        words.textContent = addPrefix + lowerFirst(text.slice(addPrefix.length));
      }
    }
  };

  const label = (root) => {
    root.querySelectorAll(ACTIONS).forEach((button) => show(button, button.title));
    root.querySelectorAll("button[id$=-ADD]").forEach(lowerInlineAdd);
    root.querySelectorAll(".c-sf-add-button").forEach((button) => {
      const what = itemLabel(button);
      show(button, what ? addTemplate.replace("%(label)s", lowerFirst(what)) : button.title);
    });
  };

  const start = () => {
    const form = document.querySelector("form[data-edit-form], main") || document.body;
    label(form);
    new MutationObserver((changes) => {
      for (const change of changes) {
        change.addedNodes.forEach((node) => {
          // Typing adds text and spans all the time: only new buttons need words.
          if (node.nodeType === Node.ELEMENT_NODE &&
              (node.matches("button") || node.querySelector("button"))) {
            label(node.parentElement || node);
          }
        });
      }
    }).observe(form, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

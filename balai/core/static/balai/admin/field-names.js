// Give a name to the admin inputs Wagtail 7.4 leaves unnamed: the tag field's typing box
// (jQuery tag-it builds it beside the hidden input that the field's label points to).
// Screen readers then announce "Label, edit text" instead of "edit text" (axe: label).
(function () {
  "use strict";

  function nameTagInputs(root) {
    root.querySelectorAll('input[data-controller~="w-tag"][id]').forEach(function (field) {
      var box = field.parentNode.querySelector(".tagit-new input");
      var label = document.getElementById(field.id + "-label");
      if (box && label && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-labelledby", label.id);
        var help = field.getAttribute("aria-describedby");
        if (help) {
          box.setAttribute("aria-describedby", help);
        }
      }
    });
  }

  function start() {
    nameTagInputs(document);
    // Typing in a rich text editor adds nodes all the time: look again only when a tag
    // field's typing box was added.
    new MutationObserver(function (changes) {
      var added = changes.some(function (change) {
        return Array.prototype.some.call(change.addedNodes, function (node) {
          return node.nodeType === Node.ELEMENT_NODE &&
            (node.matches(".tagit, .tagit-new") || node.querySelector(".tagit-new"));
        });
      });
      if (added) {
        nameTagInputs(document);
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();

/* The workspace's own behaviour, on top of htmx: drag and drop reordering, choosing
   submitters, and keeping the keyboard focus in place when htmx swaps a fragment.
   A file of our own, loaded from our server: no inline script, no CDN. */
(function () {
  "use strict";

  function status(message) {
    var region = document.getElementById("ws-status");
    if (region) region.textContent = message;
  }

  /* Focus. An htmx swap replaces the element that had the focus; put it back on the element
     with the same id (the "Up" button of the item just moved), or on the element named by
     data-focus-after, or on the first field of a form that was swapped in. What to focus is
     kept with the request itself, so two requests on their way never mix up their focus.
     htmx settles without delay (see base.html): the focus moves in the same step as the
     swap, and the controls it lands on already work. */
  document.addEventListener("htmx:beforeRequest", function (event) {
    var source = event.detail.elt;
    var named = source && source.closest && source.closest("[data-focus-after]");
    var active = document.activeElement;
    event.detail.xhr.alvFocus = {
      id: named ? named.getAttribute("data-focus-after") : active && active.id ? active.id : null,
      target: event.detail.target && event.detail.target.id,
    };
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var xhr = event.detail.xhr;
    var focus = xhr && xhr.alvFocus;
    if (!focus) return;
    xhr.alvFocus = null; // once per request, not once per settled element (out-of-band ones too)
    // The swapped-in element carries the id of the one it replaced.
    var swapped = focus.target && document.getElementById(focus.target);
    var box = swapped && (swapped.matches("[data-focus-first]") ? swapped : swapped.querySelector("[data-focus-first]"));
    var first = box && box.querySelector("input:not([type=hidden]), textarea, select");
    var again = focus.id && document.getElementById(focus.id);
    // A move can leave its own button disabled (the item is now first or last): the focus
    // goes to a button of the same item that still works, not back to the top of the page.
    if (again && again.disabled) {
      again = again.form && again.form.querySelector("button:not(:disabled)");
    }
    if (first) first.focus();
    else if (again && again !== document.activeElement) again.focus();
  });

  /* Drag and drop (HTML5). A [data-dnd-root] list holds [data-dnd-item] elements, nested one
     level for sub-items. After a drop the new order goes into the form named by
     data-dnd-form, as parallel "item" and "parent" fields, and the form is sent (by htmx). */
  var dragged = null;

  function rowOf(item) {
    return item.querySelector("[data-dnd-row]") || item;
  }

  function before(event, target) {
    var box = rowOf(target).getBoundingClientRect();
    return event.clientY < box.top + box.height / 2;
  }

  function dropTarget(event) {
    if (!dragged || !event.target.closest) return null;
    var target = event.target.closest("[data-dnd-item]");
    if (!target || target === dragged || dragged.contains(target)) return null;
    if (target.closest("[data-dnd-root]") !== dragged.closest("[data-dnd-root]")) return null;
    // An item with sub-items of its own cannot become a sub-item.
    var targetIsSub = target.parentNode.closest("[data-dnd-item]");
    if (targetIsSub && dragged.querySelector("[data-dnd-item]")) return null;
    return target;
  }

  function clearMarks() {
    document.querySelectorAll(".ws-drop-before, .ws-drop-after").forEach(function (el) {
      el.classList.remove("ws-drop-before", "ws-drop-after");
    });
  }

  function addField(container, name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    container.appendChild(input);
  }

  function send(root) {
    var form = document.getElementById(root.getAttribute("data-dnd-form"));
    var fields = form.querySelector("[data-dnd-fields]");
    fields.textContent = "";
    root.querySelectorAll("[data-dnd-item]").forEach(function (item) {
      var parent = item.parentNode.closest("[data-dnd-item]");
      addField(fields, "item", item.getAttribute("data-id"));
      addField(fields, "parent", parent ? parent.getAttribute("data-id") : "");
    });
    form.requestSubmit();
  }

  document.addEventListener("dragstart", function (event) {
    var item = event.target.closest && event.target.closest("[data-dnd-item]");
    if (!item) return;
    dragged = item;
    item.classList.add("ws-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-id"));
  });

  document.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("ws-dragging");
    dragged = null;
    clearMarks();
  });

  document.addEventListener("dragover", function (event) {
    var target = dropTarget(event);
    if (!target) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    clearMarks();
    rowOf(target).classList.add(before(event, target) ? "ws-drop-before" : "ws-drop-after");
  });

  document.addEventListener("drop", function (event) {
    var target = dropTarget(event);
    if (!target) return;
    event.preventDefault();
    var root = target.closest("[data-dnd-root]");
    target.parentNode.insertBefore(dragged, before(event, target) ? target : target.nextSibling);
    clearMarks();
    send(root);
  });

  // Typing or selecting text in a form inside a draggable row must not start a drag.
  document.addEventListener("focusin", function (event) {
    var item = event.target.matches("input, textarea, select") && event.target.closest("[data-dnd-item]");
    if (item) item.setAttribute("draggable", "false");
  });
  document.addEventListener("focusout", function (event) {
    var item = event.target.matches("input, textarea, select") && event.target.closest("[data-dnd-item]");
    if (item) item.setAttribute("draggable", "true");
  });

  /* Submitters. The member search (htmx) lists matching members as buttons; choosing one
     adds a chip with a hidden field to the form. Chips keep their order (the first leads),
     can be moved up and removed. The server checks every submitter again on save. */
  function picker(el) {
    return el.closest("[data-submitter-picker]");
  }

  function chipNames(chip) {
    return chip.querySelector("[data-chip-label]").textContent;
  }

  document.addEventListener("click", function (event) {
    if (!event.target.closest) return;
    var add = event.target.closest("[data-add-submitter]");
    if (add) {
      var box = picker(add);
      var list = box.querySelector("[data-chip-list]");
      var id = add.getAttribute("data-member-id");
      var name = add.getAttribute("data-member-name");
      var search = box.querySelector("[data-submitter-search]");
      if (!list.querySelector('[data-member-id="' + id + '"]')) {
        var chip = box.querySelector("template[data-chip-template]").content.firstElementChild.cloneNode(true);
        chip.setAttribute("data-member-id", id);
        chip.querySelector("input").value = id;
        chip.querySelectorAll("[data-chip-name]").forEach(function (el) { el.textContent = name; });
        chip.querySelector("[data-chip-label]").textContent = name;
        list.appendChild(chip);
        status(box.getAttribute("data-added-text").replace("{name}", name));
      }
      box.querySelector("[data-search-results]").textContent = "";
      search.value = "";
      search.focus();
      return;
    }
    var remove = event.target.closest("[data-remove-submitter]");
    if (remove) {
      var removed = remove.closest("[data-member-id]");
      var container = picker(remove);
      status(container.getAttribute("data-removed-text").replace("{name}", chipNames(removed)));
      removed.remove();
      container.querySelector("[data-submitter-search]").focus();
      return;
    }
    var up = event.target.closest("[data-submitter-up]");
    if (up) {
      var moving = up.closest("[data-member-id]");
      var previous = moving.previousElementSibling;
      if (previous) {
        moving.parentNode.insertBefore(moving, previous);
        up.focus();
      }
    }
  });

  // A name typed while the page was still loading (before htmx had bound the search field)
  // is searched as soon as htmx has: otherwise the list stays empty until the next key.
  if (window.htmx) {
    htmx.onLoad(function (el) {
      if (!el.querySelectorAll) return;
      var fields = Array.prototype.slice.call(el.querySelectorAll("[data-submitter-search]"));
      if (el.matches("[data-submitter-search]")) fields.push(el);
      fields.forEach(function (field) {
        if (field.value) htmx.trigger(field, "search");
      });
    });
  }

  // Enter in the search field picks the first match instead of sending the whole form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || !event.target.matches("[data-submitter-search]")) return;
    event.preventDefault();
    var first = picker(event.target).querySelector("[data-add-submitter]");
    if (first) first.click();
  });
})();

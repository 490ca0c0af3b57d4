// Findings review: jump to an item's span, and add a missed item from a text selection.
"use strict";
(function () {
  const text = document.getElementById("text");
  if (!text) return;

  // The segments of an item's own spans, else of its evidence sentence.
  function segmentsOf(ref) {
    const segs = Array.from(text.querySelectorAll(".seg"));
    const own = segs.filter((s) => s.dataset.refs.split(" ").includes(ref));
    return own.length ? own : segs.filter((s) => s.dataset.ctx.split(" ").includes(ref));
  }

  function show(ref) {
    const segs = segmentsOf(ref);
    document.querySelectorAll(".item.selected").forEach((li) => li.classList.remove("selected"));
    const li = document.getElementById("item-" + ref);
    if (li) li.classList.add("selected");
    if (!segs.length) return;
    segs[0].scrollIntoView({ block: "center" });
    segs.forEach((s) => {
      s.classList.remove("flash");
      void s.offsetWidth; // restart the animation
      s.classList.add("flash");
    });
    setTimeout(() => segs.forEach((s) => s.classList.remove("flash")), 1700);
  }

  document.querySelectorAll("button.goto").forEach((b) =>
    b.addEventListener("click", () => show(b.dataset.ref)));
  text.addEventListener("click", (e) => {
    const seg = e.target.closest(".seg");
    if (!seg || !window.getSelection().isCollapsed) return;
    const ref = (seg.dataset.refs || seg.dataset.ctx).split(" ")[0];
    const li = document.getElementById("item-" + ref);
    if (li) li.scrollIntoView({ block: "nearest" });
    show(ref);
  });
  if (location.hash.startsWith("#item-")) show(decodeURIComponent(location.hash.slice(6)));

  // Offsets are code points into the normalised text: each span carries its start (data-s).
  function offsetOf(node, offset) {
    const holder = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!holder || !holder.dataset || holder.dataset.s === undefined || !text.contains(holder)) return null;
    const before = node.nodeType === Node.TEXT_NODE ? node.data.slice(0, offset) : "";
    return Number(holder.dataset.s) + Array.from(before).length;
  }

  const form = document.getElementById("add-form");
  if (!form || text.dataset.editable !== "yes") return;
  text.addEventListener("mouseup", () => {
    const sel = window.getSelection();
    if (sel.isCollapsed || !sel.rangeCount) return;
    const range = sel.getRangeAt(0);
    let start = offsetOf(range.startContainer, range.startOffset);
    let end = offsetOf(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    const chosen = sel.toString();
    const lead = chosen.length - chosen.trimStart().length;
    const trail = chosen.length - chosen.trimEnd().length;
    start += lead; end -= trail;
    if (end <= start) return;
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.querySelector(".chosen").textContent = chosen.trim().slice(0, 120);
    form.hidden = false;
    form.scrollIntoView({ block: "nearest" });
  });
  form.querySelector(".cancel").addEventListener("click", () => { form.hidden = true; });
})();

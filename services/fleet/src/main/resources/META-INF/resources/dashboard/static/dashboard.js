// Blindspot dashboard: a little progressive enhancement; every page works without it.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // The asset tree: hide what is covered, to see only the gaps.
  const onlyGaps = document.getElementById("only-gaps");
  const tree = document.getElementById("asset-tree");
  if (onlyGaps && tree) {
    onlyGaps.addEventListener("change", () => tree.classList.toggle("only-gaps", onlyGaps.checked));
  }
  // Filters apply as soon as a choice is made.
  document.querySelectorAll("select.auto-submit").forEach((select) =>
    select.addEventListener("change", () => select.form.submit()));
});

// The catalog's filters apply as soon as a box is ticked or the sort changes; without JS the Apply button does it.
"use strict";
const catalogForm = document.getElementById("catalog-search");
catalogForm?.addEventListener("change", (event) => {
  if (event.target.matches('input[type="checkbox"], select')) {
    catalogForm.requestSubmit();
  }
});

// On a phone the filters start folded, so the results come first on screen; a ticked filter keeps them open.
const facets = document.getElementById("facets");
if (facets && window.matchMedia("(max-width: 48rem)").matches && !facets.querySelector("input:checked")) {
  facets.open = false;
}

// Shared by the portal's page scripts. Requests that change something carry the anti-forgery token, because the
// sign-in cookie goes with every request the browser makes (see docs/portal.md).
"use strict";
window.portal = (() => {
  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const csrfHeaderName = "X-CSRF-Token";
  const withCsrf = (headers = {}) => ({ ...headers, [csrfHeaderName]: csrfToken() });
  return {
    csrfHeaderName,
    csrfToken,
    /** fetch() with the anti-forgery header and the same-origin cookie. */
    fetch: (url, options = {}) =>
      fetch(url, { credentials: "same-origin", ...options, headers: withCsrf(options.headers) }),
  };
})();

// Copy buttons beside ready-to-copy examples: <button data-copy="#element-id">.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent.trim());
    button.dataset.label ??= button.textContent;
    button.textContent = "Copied";
    setTimeout(() => { button.textContent = button.dataset.label; }, 2000);
  } catch {
    // Clipboard refused (e.g. not a secure context): the text stays selectable by hand.
  }
});

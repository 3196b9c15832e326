// The upload page with a script: drag and drop, and the file sent to the API as the request body with XHR, whose
// upload events drive a real progress bar. The result is the same HTML the form's post shows (the Result handler).
"use strict";
(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const fileInput = document.getElementById("file");
  const dropZone = document.getElementById("drop-zone");
  const progress = document.getElementById("upload-progress");
  const bar = document.getElementById("upload-progress-bar");
  const progressText = document.getElementById("upload-progress-text");
  const outcome = document.getElementById("upload-outcome");
  const hint = document.getElementById("drop-hint");

  ["dragenter", "dragover"].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((type) => dropZone.addEventListener(type, () => dropZone.classList.remove("dragging")));
  dropZone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer?.files.length) {
      fileInput.files = event.dataTransfer.files;
      hint.textContent = `Ready to upload ${fileInput.files[0].name}.`;
    }
  });

  const show = (html) => {
    outcome.innerHTML = html;
    outcome.querySelector("#upload-outcome-content")?.focus();
  };
  const escape = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const refused = (detail) =>
    show(`<div class="upload-outcome" id="upload-outcome-content" tabindex="-1"><h2>The upload was refused</h2><p class="error">${escape(detail)}</p></div>`);

  form.addEventListener("submit", (event) => {
    const file = fileInput.files[0];
    if (!file) return; // the browser's own required check says why
    event.preventDefault();
    const query = new URLSearchParams({ mode: form.elements.mode.value, maxRejectedRows: form.elements.maxRejectedRows.value });
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `${form.dataset.api}?${query}`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader(window.portal.csrfHeaderName, window.portal.csrfToken());
    xhr.responseType = "json";
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.value = percent;
      progressText.textContent = `${percent}% sent`;
    });
    xhr.upload.addEventListener("load", () => { progressText.textContent = "Sent; importing…"; });
    xhr.addEventListener("load", async () => {
      form.querySelector("button[type=submit]").disabled = false;
      if (xhr.status !== 200 && xhr.status !== 201) {
        progressText.textContent = "Refused.";
        refused(xhr.response?.detail ?? xhr.response?.title ?? `The server answered ${xhr.status}.`);
        return;
      }
      progressText.textContent = "Done.";
      const result = await fetch(`${form.dataset.result}?version=${xhr.response.version}`, { credentials: "same-origin" });
      show(await result.text());
    });
    xhr.addEventListener("error", () => {
      form.querySelector("button[type=submit]").disabled = false;
      progressText.textContent = "Failed.";
      refused("The connection failed before the upload finished.");
    });
    bar.value = 0;
    progress.hidden = false;
    progressText.textContent = "Starting…";
    form.querySelector("button[type=submit]").disabled = true;
    xhr.send(file);
  });
})();

// The SQL console with scripts: the query runs as a job of /api/v1/sql/queries, so that it can show its progress
// and be cancelled; its pages come from the console page's Result fragment, the same markup as without scripts.
"use strict";
(() => {
  const form = document.getElementById("console-form");
  const editor = document.getElementById("sql");
  const runButton = document.getElementById("run");
  const cancelButton = document.getElementById("cancel");
  const progressBox = document.getElementById("console-progress");
  const progress = document.getElementById("progress");
  const elapsed = document.getElementById("elapsed");
  const status = document.getElementById("console-status");
  const result = document.getElementById("console-result");
  const jobs = "/api/v1/sql/queries";
  const pollMs = 250;
  let running = null;

  const say = (text) => { status.textContent = text; };
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const problemText = (problem) => `${problem.title ?? "Error"}: ${problem.detail ?? ""}`.trim();

  // The address bar and the share link always hold the query in the editor, so either can be passed on.
  const share = (sql) => {
    const url = new URL("/console", location.origin);
    url.searchParams.set("sql", sql);
    history.replaceState(null, "", url);
    url.searchParams.set("run", "1");
    let link = document.getElementById("share-link");
    if (!link) {
      const paragraph = document.createElement("p");
      paragraph.className = "share";
      paragraph.append("Link to this query: ");
      link = document.createElement("a");
      link.id = "share-link";
      const copy = document.createElement("button");
      copy.type = "button";
      copy.className = "secondary";
      copy.dataset.copy = "#share-link";
      copy.textContent = "Copy the link";
      paragraph.append(link, " ", copy);
      form.querySelector(".console-actions").append(paragraph);
    }
    link.href = url.toString();
    link.textContent = url.toString();
  };

  const showProgress = (job) => {
    progressBox.hidden = false;
    // DuckDB cannot always estimate: without a value the bar is indeterminate.
    if (typeof job.progress === "number") progress.value = job.progress;
    else progress.removeAttribute("value");
    elapsed.textContent = seconds(job.elapsed_ms);
  };

  const setRunning = (job) => {
    running = job;
    runButton.disabled = job !== null;
    cancelButton.hidden = job === null;
    if (job === null) progressBox.hidden = true;
  };

  const loadPage = async (id, offset) => {
    const response = await window.portal.fetch(`/console?handler=Result&job=${encodeURIComponent(id)}&offset=${offset}`);
    if (!response.ok) {
      say("The result is gone: results are kept for a while only. Run the query again.");
      return;
    }
    result.innerHTML = await response.text();
  };

  const finish = async (job) => {
    setRunning(null);
    if (job.state === "succeeded") {
      await loadPage(job.id, 0);
      say(`Done: ${job.rows} rows in ${seconds(job.elapsed_ms)}${job.truncated ? `, cut at ${job.max_rows}` : ""}.`);
    } else {
      result.innerHTML = "";
      say(job.state === "cancelled" ? "Cancelled." : `Failed. ${problemText(job.error)}`);
    }
  };

  const run = async () => {
    const sql = editor.value.trim();
    if (running || sql === "") return;
    share(sql);
    setRunning({});
    say("Running…");
    showProgress({ progress: 0, elapsed_ms: 0 });
    const response = await window.portal.fetch(jobs, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sql }),
    });
    const answer = await response.json();
    if (!response.ok) {
      setRunning(null);
      result.innerHTML = "";
      say(`Not run. ${problemText(answer)}`);
      return;
    }
    let job = answer;
    setRunning(job);
    while (job.state === "running") {
      showProgress(job);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      job = await (await window.portal.fetch(`${jobs}/${job.id}`)).json();
    }
    await finish(job);
  };

  // A lost connection must not leave the console stuck in "running".
  const start = () => run().catch(() => {
    setRunning(null);
    say("The server could not be reached. Try again.");
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start();
  });
  editor.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      start();
    }
  });
  cancelButton?.addEventListener("click", async () => {
    if (!running?.id) return;
    say("Cancelling…");
    await window.portal.fetch(`${jobs}/${running.id}`, { method: "DELETE" });
  });
  // Paging within the page; the links still work without scripts.
  result.addEventListener("click", async (event) => {
    const link = event.target.closest("a[data-offset]");
    if (!link) return;
    event.preventDefault();
    const id = result.querySelector("[data-job]").dataset.job;
    await loadPage(id, link.dataset.offset);
    say(result.querySelector("#result-summary")?.textContent.trim() ?? "");
    result.querySelector(".table-scroll")?.focus();
  });

  if (form.dataset.signedIn === "true" && new URLSearchParams(location.search).get("run") === "1") start();
})();

// samestory pages: keep the story list fresh (polling with ETags) and add a few keyboard shortcuts.
// Served as a file so the Content-Security-Policy can forbid inline script.
"use strict";

function pollStoryList(list) {
  const url = list.dataset.rowsUrl;
  const seconds = Math.max(2, Number(list.dataset.pollSeconds) || 5);
  let etag = null;

  async function refresh() {
    if (document.hidden) return;
    const headers = etag ? { "If-None-Match": etag } : {};
    try {
      const response = await fetch(url, { headers, cache: "no-store", credentials: "same-origin" });
      if (response.status !== 200) return;
      const firstLoad = etag === null;
      etag = response.headers.get("ETag");
      const html = await response.text();
      if (firstLoad && html.trim() === list.innerHTML.trim()) return;
      const known = new Set([...list.querySelectorAll("[data-story-id]")].map((li) => li.dataset.storyId));
      // The rows come from the server's autoescaping templates: no article text is markup in them.
      const rows = new DOMParser().parseFromString(`<ol>${html}</ol>`, "text/html").body.firstElementChild;
      for (const row of rows.querySelectorAll("[data-story-id]")) {
        if (!known.has(row.dataset.storyId)) row.classList.add("new");
      }
      list.replaceChildren(...rows.children);
      list.dispatchEvent(new CustomEvent("stories-updated"));
    } catch (error) {
      // The server may be restarting; the next tick tries again.
    }
  }
  setInterval(refresh, seconds * 1000);
}

function storyLinks() {
  return [...document.querySelectorAll("#story-list .story a.headline")];
}

function moveAmongStories(step) {
  const links = storyLinks();
  if (!links.length) return;
  const index = links.indexOf(document.activeElement);
  const next = links[Math.min(links.length - 1, Math.max(0, index + step))];
  document.querySelectorAll(".story.current").forEach((li) => li.classList.remove("current"));
  next.closest(".story").classList.add("current");
  next.focus();
}

function typing(target) {
  return target.closest("input, textarea, select, [contenteditable]") !== null;
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
  if (event.key === "/") {
    const box = document.querySelector("[data-search-box]");
    if (box) { event.preventDefault(); box.focus(); } else { window.location.href = "/search"; }
  } else if (event.key === "j") {
    moveAmongStories(1);
  } else if (event.key === "k") {
    moveAmongStories(-1);
  }
});

document.addEventListener("DOMContentLoaded", () => {
  const list = document.getElementById("story-list");
  if (list && list.dataset.rowsUrl) pollStoryList(list);
  const verdict = document.getElementById("judgement");
  if (verdict) verdict.focus();
});

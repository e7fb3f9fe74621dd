"""The preview page: one HTML page, its style and a small script that asks for /status.json.

The script asks for the status a few times a second and draws the page again when its
`revision` changes: no reload by hand, no library, nothing from outside (the page's Content
Security Policy allows only its own address). Every text from the pack is put in with
textContent, never as HTML.
"""

from __future__ import annotations

POLL_MILLISECONDS = 250

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>packgen serve</title>
<link rel="stylesheet" href="/serve.css">
<script src="/serve.js" defer></script>
</head>
<body>
<header>
<h1 id="title">Building the pack…</h1>
<dl id="facts"></dl>
<p id="said" role="status"></p>
</header>
<main>
<section id="problems" hidden aria-labelledby="problems-heading">
<h2 id="problems-heading">Problems in the last build</h2>
<p>Nothing was written; the pages below are from the last good build.</p>
<ul id="problem-list"></ul>
</section>
<p id="waiting" role="status"></p>
<ul id="notes"></ul>
<nav aria-label="Artefacts"><ul id="tabs"></ul></nav>
<section id="pages" aria-live="polite"></section>
<section aria-labelledby="files-heading">
<h2 id="files-heading">Every file of the build</h2>
<ul id="files"></ul>
</section>
</main>
</body>
</html>
"""

STYLE = """
body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem; color: #1b1b1b; }
header { border-bottom: 1px solid #ccc; margin-bottom: 1rem; }
h1 { margin: 0 0 .5rem; font-size: 1.6rem; }
dl { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; margin: 0 0 .5rem; }
dt { font-weight: bold; } dt::after { content: ":"; } dd { margin: 0 0 0 .3rem; }
#facts div { display: flex; }
#problems { border: 3px solid #b00020; padding: .5rem 1rem; margin-bottom: 1rem; background: #fff4f4; }
#problem-list { font-family: ui-monospace, monospace; white-space: pre-wrap; }
#waiting { color: #555; }
nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; }
nav button { font: inherit; padding: .3rem .7rem; border: 1px solid #555; background: #fff; cursor: pointer; }
nav button[aria-pressed="true"] { background: #1b1b1b; color: #fff; }
#pages { display: flex; flex-wrap: wrap; gap: 1rem; }
#pages img { width: 420px; max-width: 100%; box-shadow: 0 1px 4px #0005; background: #fff; }
#pages iframe { width: 100%; height: 80vh; border: 1px solid #ccc; }
"""

SCRIPT = (
    """
"use strict";
const POLL = %d;
let revision = -1, chosen = "booklet", drawn = "";

function el(tag, text, attrs) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  return node;
}

function fill(id, children) {
  const node = document.getElementById(id);
  node.replaceChildren(...children);
  return node;
}

function views(status) {
  const found = [];
  for (const file of status.files) {
    if (file.paged) found.push({name: file.filename === "booklet.pdf" ? "booklet" : file.filename, file: file});
  }
  // a pack in Welsh and English has a web version in each language's folder (cy/web/index.html)
  for (const web of status.files.filter(f => f.filename === "web/index.html" || f.filename.endsWith("/web/index.html"))) {
    const folder = web.filename.slice(0, -"web/index.html".length).replace("/", "");
    found.push({name: folder ? "web version (" + folder + ")" : "web version", file: web, web: true});
  }
  return found;
}

function draw(status) {
  const facts = status.facts || {};
  document.getElementById("title").textContent = facts.title || "Building the pack…";
  document.title = (facts.title ? facts.title + " – " : "") + "packgen serve";
  const shown = [["Version", facts.version], ["Status", facts.status],
                 ["Review due", facts.review_due ? facts.review_due + (facts.overdue ? " (overdue)" : "") : ""],
                 ["Built", facts.built]].filter(pair => pair[1]);
  fill("facts", shown.map(([name, value]) => { const d = el("div"); d.append(el("dt", name), el("dd", value)); return d; }));
  document.getElementById("said").textContent = status.said;
  fill("problem-list", status.problems.map(p => el("li", p)));
  document.getElementById("problems").hidden = status.problems.length === 0;
  document.getElementById("waiting").textContent = status.waiting.length ?
    "Still on their way: " + status.waiting.join(", ") : "";
  fill("notes", status.notes.map(n => el("li", n)));
  const all = views(status);
  if (!all.some(v => v.name === chosen) && all.length) chosen = all[0].name;
  fill("tabs", all.map(view => {
    const item = el("li"), button = el("button", view.name, {"type": "button", "aria-pressed": String(view.name === chosen)});
    button.addEventListener("click", () => { chosen = view.name; drawn = ""; draw(status); });
    item.append(button);
    return item;
  }));
  const view = all.find(v => v.name === chosen);
  const key = view ? view.name + ":" + view.file.sha256 : "";
  if (key !== drawn) {
    drawn = key;
    if (!view) fill("pages", []);
    else if (!view.web) {
      const pictures = [];
      for (let page = 1; page <= view.file.pages; page++) {
        pictures.push(el("img", null, {"src": "/pages/" + view.file.sha256 + "/" + page + ".png",
          "alt": view.file.filename + ", page " + page, "loading": page > 4 ? "lazy" : "eager"}));
      }
      fill("pages", pictures);
    } else {
      fill("pages", [el("iframe", null, {"src": "/files/" + view.file.filename + "?" + view.file.sha256, "title": "The web version"})]);
    }
  }
  fill("files", status.files.map(f => {
    const item = el("li");
    item.append(el("a", f.filename, {"href": "/files/" + f.filename.split("/").map(encodeURIComponent).join("/")}));
    if (f.pages) item.append(" (" + f.pages + (f.pages === 1 ? " page)" : " pages)"));
    return item;
  }));
  document.body.dataset.revision = status.revision;
}

async function poll() {
  try {
    const answer = await fetch("/status.json", {cache: "no-store"});
    const status = await answer.json();
    if (status.revision !== revision) { revision = status.revision; draw(status); }
  } catch (error) {
    document.getElementById("said").textContent = "packgen serve has stopped; start it again to go on previewing.";
  }
  setTimeout(poll, POLL);
}

poll();
"""
    % POLL_MILLISECONDS
)

// Renders the HTML report of data/samples, opens it in headless Chromium and checks
// that it works: no console or page errors, no request leaves the file, the script
// runs (its CSP hash matches), a header click sorts its table both ways, and figures
// are highlighted. Then renders a document full of markup and script and checks none of
// it comes alive. Leaves a screenshot of the samples' report in target/e2e/report.png.
//
//   node e2e/check.mjs              render with `cargo run --release`, then check
//   node e2e/check.mjs REPORT.html  check a report rendered already (no hostile pass)
//
// CHROMIUM overrides the browser (default /usr/bin/chromium, Debian's package).

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import { chromium } from "playwright-core";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "target", "e2e");
const screenshot = join(out, "report.png");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const flags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// One article whose every part tries to become markup, script or a link.
const HOSTILE = `---
outlet: <script>alert("outlet")</script>
title: " onmouseover="alert('title')
---

The <script>alert(1)</script> ministry said 70 people " onmouseover="alert(2) were killed in <img src=x onerror=alert(3)>.

The =HYPERLINK("javascript:alert(4)") agency said at least 120 people were killed in <b>Kyiv</b>.

Officials said 12 people were injured <iframe src="javascript:alert(5)"></iframe>.
`;

class Failure extends Error {}

function fail(message) {
  throw new Failure(message);
}

// What the pages reported: console errors, page errors, dialogs, requests outside the file.
const problems = [];

// Runs `countercheck ARGS` through cargo, with `input` on stdin when given.
function countercheck(args, input) {
  const all = ["run", "--release", "--quiet", "--", ...args];
  const run = spawnSync("cargo", all, {
    cwd: root,
    input,
    stdio: [input === undefined ? "inherit" : "pipe", "inherit", "inherit"],
  });
  if (run.error) fail(`could not run cargo: ${run.error.message}`);
  if (run.status !== 0) fail(`\`cargo ${all.join(" ")}\` exited with ${run.status}`);
}

// The page's CSP allows its one inline script by hash; say so plainly when they differ
// (the browser would only log a refusal).
function checkScriptHash(html) {
  const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
  if (scripts.length !== 1) fail(`expected one <script> element, found ${scripts.length}`);
  const hash = createHash("sha256").update(scripts[0][1], "utf8").digest("base64");
  if (!html.includes(`'sha256-${hash}'`)) {
    fail(`the CSP does not list the script's hash sha256-${hash}: update SCRIPT_SHA256 in html.rs`);
  }
}

async function open(context, file) {
  checkScriptHash(readFileSync(file, "utf8"));
  const url = pathToFileURL(file).href;
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    d.dismiss().catch(() => {});
  });
  page.on("request", (r) => {
    if (r.url() !== url) problems.push(`request outside the file: ${r.url()}`);
  });
  await page.goto(url, { waitUntil: "load" });
  return page;
}

// The keys the page's script sorts a column by: data-sort numbers, else the text.
async function columnKeys(table, column) {
  return table.evaluate(
    (t, col) =>
      Array.from(t.tBodies[0].rows, (row) => {
        const cell = row.cells[col];
        return cell.dataset.sort === undefined ? cell.textContent.trim() : Number(cell.dataset.sort);
      }),
    column,
  );
}

async function rowOrder(table) {
  return table.evaluate((t) => Array.from(t.tBodies[0].rows, (row) => row.textContent));
}

function isSorted(keys, direction) {
  const order = (x, y) =>
    typeof x === "number" && typeof y === "number"
      ? x - y
      : String(x).localeCompare(String(y), undefined, { numeric: true, sensitivity: "base" });
  return keys.every((k, i) => i === 0 || direction * order(keys[i - 1], k) <= 0);
}

// Clicks the header of `column` once (ascending) and again (descending), checking the
// rows moved, ended in order each time, and none was lost.
async function checkSort(table, column) {
  const header = table.locator("thead th").nth(column);
  const name = (await header.textContent()).trim();
  const before = await rowOrder(table);
  await header.locator("button").click();
  const ascending = await rowOrder(table);
  if ((await header.getAttribute("aria-sort")) !== "ascending") fail(`"${name}" is not marked ascending`);
  if (!isSorted(await columnKeys(table, column), 1)) fail(`"${name}" did not sort ascending`);
  await header.locator("button").click();
  const descending = await rowOrder(table);
  if (!isSorted(await columnKeys(table, column), -1)) fail(`"${name}" did not sort descending`);
  const same = (a, b) => a.join("\n") === b.join("\n");
  if (same(before, ascending) && same(ascending, descending)) fail(`clicking "${name}" did not reorder the rows`);
  if (!same([...before].sort(), [...descending].sort())) fail(`sorting "${name}" lost or changed rows`);
  return `${name} (${before.length} rows)`;
}

async function checkSamples(context, report) {
  const page = await open(context, report);
  const summary = await page.evaluate(() =>
    Object.fromEntries(
      Array.from(document.querySelectorAll(".summary div"), (d) => [
        d.querySelector("dt").textContent,
        d.querySelector("dd").textContent,
      ]),
    ),
  );
  const tables = page.locator("table.sortable");
  const tableCount = await tables.count();
  if (tableCount === 0) fail("no sortable tables");
  if ((await page.locator("table.sortable thead th button").count()) === 0) {
    fail("the script did not run: headers have no sort buttons");
  }
  const marks = await page.locator("td.sentence mark").count();
  if (marks === 0) fail("no figure is highlighted in its sentence");

  // The disagreements by severity (numbers), then the quantity with the most claims by
  // source (text).
  const sorted = [];
  const conflicts = page.locator("#disagreements table.sortable");
  if ((await conflicts.count()) > 0) sorted.push(await checkSort(conflicts, 0));
  const sizes = await tables.evaluateAll((ts) => ts.map((t) => (t.closest("article") ? t.tBodies[0].rows.length : 0)));
  const biggest = sizes.indexOf(Math.max(...sizes));
  if (sizes[biggest] > 1) sorted.push(await checkSort(tables.nth(biggest), 0));
  if (sorted.length === 0) fail("no table has enough rows to sort");

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshot });
  return (
    `${summary.documents} documents, ${summary.claims} claims, ${summary.disagreements} disagreements, ` +
    `${tableCount} tables, ${marks} highlighted figures; sorted ${sorted.join(" and ")} both ways`
  );
}

async function checkHostile(context, report) {
  const page = await open(context, report);
  const found = await page.evaluate(() => ({
    scripts: document.scripts.length,
    active: document.querySelectorAll("img, iframe, object, embed, form, b, [src]").length,
    handlers: Array.from(document.querySelectorAll("*")).filter((e) =>
      e.getAttributeNames().some((a) => a.startsWith("on")),
    ).length,
    links: Array.from(document.links, (a) => a.getAttribute("href")).filter((h) => !h.startsWith("#")),
    text: document.body.textContent.includes("<script>alert(1)</script>"),
    marks: document.querySelectorAll("td.sentence mark").length,
  }));
  if (found.scripts !== 1) fail(`hostile input: ${found.scripts} script elements`);
  if (found.active > 0) fail(`hostile input: ${found.active} elements made from its markup`);
  if (found.handlers > 0) fail(`hostile input: ${found.handlers} elements with event handlers`);
  if (found.links.length > 0) fail(`hostile input: links out of the page: ${found.links.join(", ")}`);
  if (!found.text) fail("hostile input: its markup is not shown as text");
  if (found.marks === 0) fail("hostile input: no figure highlighted");
  await page.locator("td.sentence").first().hover();
  return "hostile input inert";
}

async function main() {
  const given = process.argv[2];
  mkdirSync(out, { recursive: true });
  const report = given ? resolve(given) : join(out, "report.html");
  const hostile = join(out, "hostile.html");
  if (!given) {
    countercheck(["report", "data/samples", "--format", "html", "-o", report]);
    countercheck(["report", "-", "--format", "html", "-o", hostile], HOSTILE);
  }

  const profile = mkdtempSync(join(tmpdir(), "countercheck-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 1600 },
    args: flags,
  });
  try {
    const results = [await checkSamples(context, report)];
    if (!given) results.push(await checkHostile(context, hostile));
    if (problems.length > 0) fail(`the pages reported ${problems.length} problem(s):`);
    console.log(`e2e: ok: ${results.join("; ")}; 0 console errors; screenshot ${relative(root, screenshot)}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (e) {
  console.error(`e2e: FAIL: ${e instanceof Failure ? e.message : e.stack}`);
  for (const p of problems) console.error(`  ${p}`);
  process.exitCode = 1;
}

// Browser test of rasid's dashboard: headless Chromium (Debian's package) driven by
// playwright-core against `rasid serve` on a store built from our generated corpus.
//
//   RASID_BIN=target/release/rasid node crates/server/dashboard/browser-test.mjs [SCREENSHOT_DIR]
//
// It checks that the map shows the events, that a category filter filters them, that an
// event opens with its evidence highlighted, that a correction made in the page is in the API
// afterwards, and that an article carrying HTML and script stays text. Screenshots go to
// SCREENSHOT_DIR (default target/ci/screenshots).
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

const bin = resolve(process.env.RASID_BIN || "target/release/rasid");
const shots = resolve(process.argv[2] || "target/ci/screenshots");
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
mkdirSync(shots, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), "rasid-browser-"));
const db = join(dir, "corpus.db");
const token = "browser-test-token";

let passed = 0;
let failed = 0;
function check(name, ok, detail = "") {
  if (ok) { passed++; console.log(`ok - ${name}`); }
  else { failed++; console.log(`not ok - ${name} ${detail}`); }
}

// a store from our generated corpus, plus one report whose text carries markup
execFileSync(bin, ["corpus", "generate", "--docs", "400", "-o", join(dir, "corpus.jsonl")], { stdio: "inherit" });
const XSS = "<script>window.__xss = 1</script><img src=x onerror=\"window.__xss = 2\">";
writeFileSync(join(dir, "xss.jsonl"), JSON.stringify({
  id: "xss-report", published: "2025-06-02", source: "Test outlet",
  text: `قصفت قوات النظام، أمس الأحد، بلدة كفرنبل بريف إدلب الجنوبي، ما أدى إلى مقتل خمسة مدنيين. ${XSS}`,
}) + "\n");
execFileSync(bin, ["ingest", join(dir, "corpus.jsonl"), join(dir, "xss.jsonl"), "--db", db, "--quiet"], { stdio: "inherit" });

const server = spawn(bin, ["serve", "--db", db, "--port", "0", "--token", token], { stdio: ["ignore", "ignore", "pipe"] });
const base = await new Promise((ok, fail) => {
  let err = "";
  server.stderr.on("data", (d) => {
    err += d;
    const m = err.match(/http:\/\/[0-9.]+:\d+\//);
    if (m) ok(m[0].replace(/\/$/, ""));
  });
  server.on("exit", (code) => fail(new Error(`rasid serve exited ${code}: ${err}`)));
  setTimeout(() => fail(new Error("rasid serve did not start: " + err)), 20000);
});
const apiGet = async (path) => (await fetch(base + path)).json();

const browser = await chromium.launch({
  executablePath: browserPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const ready = () => page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  await page.goto(base + "/");
  await ready();
  const points = await page.locator(".event-point").count();
  const total = (await apiGet("/api/events?limit=1")).total;
  check("the map shows the events", points > 0 && points <= total, `${points} points, ${total} events`);
  check("the basemap is drawn", (await page.locator("path.country").count()) > 5);
  check("province outlines are drawn", ((await page.getAttribute("path.admin1", "d")) || "").length > 1000);
  check("the timeline has bars", (await page.locator("#timeline rect").count()) > 0);
  check("the actor network has nodes", (await page.locator("#network circle").count()) > 1);
  await page.screenshot({ path: join(shots, "dashboard.png"), fullPage: true });

  // filter by category
  await page.selectOption("#f-category", "COERCE");
  await page.click("#filters button[type=submit]");
  await ready();
  const cats = await page.locator(".event-point").evaluateAll((els) => els.map((e) => e.dataset.category));
  check("a category filter filters the map", cats.length > 0 && cats.every((c) => c === "COERCE"), JSON.stringify([...new Set(cats)]));
  const rows = await page.locator("#events tbody tr").count();
  check("and the list", rows > 0 && rows <= (await apiGet("/api/events?category=COERCE&limit=1")).total);

  // open the report with markup in it
  await page.selectOption("#f-category", "");
  await page.fill("#f-from", "2025-01-01");
  await page.click("#filters button[type=submit]");
  await ready();
  await page.locator("#events tbody tr").first().click();
  await page.waitForSelector("#event-panel:not(.hidden) .report-text mark.hl-trigger", { timeout: 10000 });
  const text = await page.locator(".report-text").first().textContent();
  check("the evidence is highlighted", (await page.locator(".report-text mark.hl-evidence").count()) > 0);
  check("the arguments are highlighted", (await page.locator(".report-text mark.hl-actor1, .report-text mark.hl-location").count()) > 0);
  check("markup in an article stays text", text.includes("<script>window.__xss = 1</script>") && (await page.locator(".report-text img, .report-text script").count()) === 0);
  check("no script from an article ran", (await page.evaluate(() => window.__xss)) === undefined);
  await page.screenshot({ path: join(shots, "event.png"), fullPage: true });

  // correct it in the page, then read the API
  const id = (await page.locator("#event-id").textContent()).replace("#", "");
  await page.fill("#token", token);
  await page.fill("#reviewer", "browser test");
  await page.click("#correct-box summary");
  await page.fill("#correct-form input[name=fatalities]", "9");
  await page.fill("#correct-form input[name=note]", "the hospital's figure");
  await page.click("#correct-form button[type=submit]");
  await page.waitForFunction(() => document.querySelector("#review-message").textContent.length > 0);
  const msg = await page.locator("#review-message").textContent();
  const after = await apiGet(`/api/events/${id}`);
  check("a correction is saved", msg === "Saved." && after.event.fatalities === 9 && after.event.review.reviewer === "browser test", `${msg} ${JSON.stringify(after.event.review)}`);
  check("the correction is kept with who and when", after.reviews.length === 1 && after.reviews[0].note === "the hospital's figure" && /^\d{4}-\d\d-\d\dT/.test(after.reviews[0].at));
  const shown = await page.locator('#event-fields dd[data-field="dead"]').textContent();
  check("the page shows the corrected value", shown === "9", shown);

  // Arabic interface
  await page.click("#lang");
  await ready();
  check("the interface switches to Arabic, right to left", (await page.getAttribute("html", "dir")) === "rtl" && (await page.locator("h1").textContent()).includes("راصد"));
  await page.screenshot({ path: join(shots, "dashboard-ar.png"), fullPage: true });

  // the API description
  await page.goto(base + "/api/docs");
  await page.waitForSelector("#docs section");
  check("the API description renders offline", (await page.locator("#docs section").count()) >= 10);
  check("no script errors", errors.length === 0, errors.join("; "));
} catch (e) {
  failed++;
  console.log(`not ok - ${e.message}`);
} finally {
  await browser.close();
  server.kill("SIGINT");
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Generated PPTX decks with known content (PptxGenJS, MIT): a title slide, then slides with a title
// placeholder, a bulleted body (nested levels), a text box, sometimes a table (merged header cell) and
// speaker notes. Writes ../gen/pptx/<id>.pptx and ../truth/pptx/<id>.md + .tables.json.
const fs = require("fs");
const path = require("path");
const pptxgen = require("pptxgenjs");

const WORDS = ("harbour lantern quarry meadow signal copper orchard ledger valley engine river basalt timber " +
  "granite harvest compass ferry beacon cellar market glacier pigment saddle furnace thimble " +
  "parcel canyon tundra vessel marble cobalt prairie tractor lagoon quiver ribbon summit walnut " +
  "anchor bramble crater delta ember fjord gravel hollow island juniper kettle lumber mosaic").split(" ");

function rng(seed) { let s = seed >>> 0; return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 4294967296; }; }
const pick = (r, a) => a[Math.floor(r() * a.length)];
const words = (r, n) => Array.from({ length: n }, () => pick(r, WORDS)).join(" ");
const cap = s => s[0].toUpperCase() + s.slice(1);
const esc = s => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

async function make(i, outDir, truthDir) {
  const r = rng(3000 + i);
  const pptx = new pptxgen();
  pptx.defineSlideMaster({
    title: "M",
    objects: [
      { placeholder: { options: { name: "title", type: "title", x: 0.5, y: 0.3, w: 9, h: 1 }, text: "" } },
      { placeholder: { options: { name: "body", type: "body", x: 0.5, y: 1.5, w: 5, h: 3.5 }, text: "" } },
    ],
  });
  const md = [], tables = [];
  const deckTitle = cap(words(r, 3));
  const first = pptx.addSlide({ masterName: "M" });
  first.addText(deckTitle, { placeholder: "title" });
  md.push("# " + deckTitle);
  const slides = 3 + Math.floor(r() * 4);
  for (let s = 0; s < slides; s++) {
    const slide = pptx.addSlide({ masterName: "M" });
    const title = cap(words(r, 2 + Math.floor(r() * 3)));
    slide.addText(title, { placeholder: "title" });
    md.push("# " + title);
    const items = [];
    const n = 2 + Math.floor(r() * 4);
    for (let k = 0; k < n; k++) {
      const level = k > 0 && r() < 0.3 ? 2 : 1;
      items.push({ text: cap(words(r, 4 + Math.floor(r() * 6))), level });
    }
    slide.addText(items.map(it => ({ text: it.text, options: { bullet: true, indentLevel: it.level - 1, breakLine: true } })), { placeholder: "body" });
    md.push(items.map(it => (it.level > 1 ? "    - " : "- ") + it.text).join("\n"));
    const note = cap(words(r, 6)) + ".";
    slide.addText(note, { x: 6, y: 1.5, w: 3.5, h: 1 });
    md.push(note);
    if (r() < 0.6) {
      const cols = 2 + Math.floor(r() * 3), rows = 2 + Math.floor(r() * 4);
      const grid = [Array.from({ length: cols }, () => cap(pick(r, WORDS)))];
      for (let k = 1; k < rows; k++) grid.push([pick(r, WORDS), ...Array.from({ length: cols - 1 }, () => String(1 + Math.floor(r() * 999)))]);
      slide.addTable(grid.map(row => row.map(t => ({ text: t }))), { x: 0.5, y: 5.2, w: 9 });
      md.push("<table>" + grid.map(row => "<tr>" + row.map(t => "<td>" + esc(t) + "</td>").join("") + "</tr>").join("") + "</table>");
      tables.push(grid);
    }
    if (r() < 0.5) slide.addNotes(cap(words(r, 8)) + ".");
  }
  const name = `gen-pptx-${String(i).padStart(2, "0")}`;
  await pptx.writeFile({ fileName: path.join(outDir, name + ".pptx") });
  fs.writeFileSync(path.join(truthDir, name + ".md"), md.join("\n\n") + "\n");
  fs.writeFileSync(path.join(truthDir, name + ".tables.json"), JSON.stringify({ tables: tables.map(g => ({ grid: g })) }, null, 1));
}

(async () => {
  const n = Number(process.argv[2] || 12);
  const outDir = path.join(__dirname, "..", "gen", "pptx"), truthDir = path.join(__dirname, "..", "truth", "pptx");
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(truthDir, { recursive: true });
  for (let i = 0; i < n; i++) await make(i, outDir, truthDir);
})();

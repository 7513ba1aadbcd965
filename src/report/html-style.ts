/**
 * The report page's style sheet. It uses system fonts only, because the page must work offline
 * and the Content-Security-Policy allows no font or style source but this text, by its hash.
 */
export const REPORT_STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
  --accent: #0969da; --bar: #0969da; --safe: #1a7f37; --suggestion: #9a6700; --manual: #cf222e; --hit: #fff8c5; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d;
    --accent: #4493f8; --bar: #4493f8; --safe: #3fb950; --suggestion: #d29922; --manual: #f85149; --hit: #3a3000; }
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .75rem; border-bottom: 1px solid var(--border); padding-bottom: .25rem; }
a { color: var(--accent); }
a:focus-visible, summary:focus-visible, select:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.lead { color: var(--muted); margin: 0 0 1rem; }
.tiles { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; list-style: none; }
.tiles li { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .5rem .9rem; min-width: 8.5rem; }
.tiles strong { display: block; font-size: 1.4rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(330px, 1fr)); gap: 1rem; }
figure { margin: 0; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .75rem; }
figcaption { font-weight: 600; margin-bottom: .5rem; }
figure svg { max-width: 100%; height: auto; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
svg .bar { fill: var(--bar); }
form.filters { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .75rem; }
form.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
form.filters select, form.filters input, form.filters button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--border); border-radius: 4px; padding: .3rem .5rem; }
form[hidden], [hidden] { display: none !important; }
#filter-status { margin: .5rem 0; color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .5rem; border-bottom: 1px solid var(--border); }
th { background: var(--panel); font-size: .85rem; }
table.findings tbody tr.detail td { border-bottom: 2px solid var(--border); padding-top: 0; }
td.wrap, td .mono { overflow-wrap: anywhere; }
.tier { font-weight: 600; }
.tier-safe { color: var(--safe); } .tier-suggestion { color: var(--suggestion); } .tier-manual { color: var(--manual); }
.tag { display: inline-block; font-size: .75rem; border: 1px solid var(--border); border-radius: 1rem; padding: 0 .45rem; margin-left: .25rem; color: var(--muted); }
details > summary { cursor: pointer; color: var(--accent); padding: .2rem 0; }
.guidance { display: grid; gap: .5rem; padding: .5rem 0 .75rem; }
.guidance h3 { font-size: .95rem; margin: .5rem 0 .25rem; }
.guidance ul { margin: 0; padding-left: 1.25rem; }
pre.frame { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: .5rem; overflow-x: auto; margin: 0; }
pre.frame .hit { background: var(--hit); display: inline-block; min-width: 100%; }
.unconfirmed { color: var(--suggestion); font-weight: 600; }
.muted { color: var(--muted); }
`;

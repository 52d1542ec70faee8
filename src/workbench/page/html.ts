/** The workbench page: a frame like the agent workspace's, filled by workbench.js. */
export function pageHtml(): string {
  return `<!doctype html>
<html lang="en" data-scheme="light">
<head>
<meta charset="utf-8">
<title>Workbench · agent workspace</title>
<style>
  :root { --bg:#f8f9f9; --panel:#fff; --text:#2f3941; --subtle:#68737d; --line:#d8dcde; --bar:#03363d; --bar-text:#fff; --accent:#1f73b7; }
  [data-scheme="dark"] { --bg:#181a1f; --panel:#21252b; --text:#e9ebed; --subtle:#a7b0b8; --line:#3a3f47; --bar:#0b1e21; --bar-text:#e9ebed; --accent:#5293c7; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif; background:var(--bg); color:var(--text); height:100vh; display:flex; }
  nav.rail { width:60px; background:var(--bar); display:flex; flex-direction:column; align-items:center; padding:8px 0; gap:6px; }
  nav.rail button { width:44px; height:44px; border:0; border-radius:8px; background:transparent; color:var(--bar-text); cursor:pointer; display:flex; align-items:center; justify-content:center; font-size:11px; }
  nav.rail button[aria-current="page"] { background:rgba(255,255,255,.18); }
  nav.rail button svg { width:22px; height:22px; }
  .shell { flex:1; display:flex; flex-direction:column; min-width:0; }
  header.top { height:48px; display:flex; align-items:center; gap:12px; padding:0 16px; border-bottom:1px solid var(--line); background:var(--panel); }
  header.top h1 { font-size:15px; margin:0; flex:1; }
  header.top label { color:var(--subtle); }
  main { flex:1; display:flex; min-height:0; }
  .record { flex:1; padding:16px 24px; overflow:auto; }
  .record h2 { margin:0 0 8px; font-size:20px; }
  .meta { color:var(--subtle); }
  .pickers { display:flex; gap:8px; flex-wrap:wrap; margin-bottom:16px; align-items:center; }
  select, input, button.plain { font:inherit; color:var(--text); background:var(--panel); border:1px solid var(--line); border-radius:4px; padding:4px 8px; }
  aside.sidebar { width:340px; border-left:1px solid var(--line); background:var(--panel); overflow:auto; }
  aside.sidebar .app-title { font-weight:600; padding:10px 12px; border-bottom:1px solid var(--line); }
  iframe.app { border:0; width:100%; display:block; height:100px; background:transparent; }
  .nav-app { flex:1; display:flex; }
  .nav-app iframe.app { flex:1; height:auto; }
  .toast { position:fixed; right:16px; bottom:16px; background:var(--bar); color:var(--bar-text); padding:10px 14px; border-radius:6px; }
  .error { color:#cc3340; }
</style>
</head>
<body>
<nav class="rail" aria-label="Workspace"></nav>
<div class="shell">
  <header class="top"><h1 id="title">Workbench</h1>
    <label>Color scheme <select id="scheme"><option value="light">Light</option><option value="dark">Dark</option></select></label>
  </header>
  <main id="view"></main>
</div>
<script src="/workbench.js"></script>
</body>
</html>`;
}

/** HTML helpers for the portal: escaping (every interpolated value goes through `esc`) and the page frame. */

export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const CSS = `
body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2630}
header{background:#e4002b;color:#fff;padding:.8rem 1.5rem;display:flex;justify-content:space-between;align-items:center}
header h1{font-size:1.2rem;margin:0} main{max-width:1100px;margin:1.5rem auto;padding:0 1rem}
section{background:#fff;border-radius:6px;padding:1rem 1.5rem;margin-bottom:1.5rem;box-shadow:0 1px 2px #0002}
table{border-collapse:collapse;width:100%} th,td{text-align:left;padding:.4rem;border-bottom:1px solid #e2e6ea;vertical-align:top}
button{padding:.35rem .8rem;border:0;border-radius:4px;background:#1d6fd8;color:#fff;cursor:pointer}
button.deny{background:#b3261e} input[type=text],input[type=email],input[type=password],input[type=number]{padding:.3rem;border:1px solid #c3c9d0;border-radius:4px}
.flash{padding:.6rem 1rem;border-radius:4px;margin-bottom:1rem;background:#e6f4ea} .flash.error{background:#fce8e6}
.muted{color:#66717d;font-size:.9rem} pre{white-space:pre-wrap;margin:0;font-size:.85rem}
`;

export function page(title: string, body: string, header = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body><header><h1>Megaport Portal (simulated)</h1>${header}</header><main>${body}</main></body></html>`;
}

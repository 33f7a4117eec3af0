// The one stylesheet, inlined in every page (no extra request on a weak connection). Mobile first, logical
// properties so Arabic mirrors by itself, touch targets of at least 44 px, system fonts.

/** System fonts first; the Noto names match fonts installed on the device (fonts.ts puts the served one first on ar/ti pages). */
export const FONT_STACK = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic","Noto Sans Ethiopic",sans-serif`;

export const CSS = `
*{box-sizing:border-box}
html{font-size:112.5%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:${FONT_STACK};line-height:1.5;color:#1b1b1b;background:#fff}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.45rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.2rem}
a{color:#0b4ea2}
a:focus,button:focus,input:focus,textarea:focus,select:focus{outline:3px solid #f0b400;outline-offset:2px}
.langs{list-style:none;padding:0;display:grid;gap:.6rem}
.langs a,.button,button{display:block;min-height:48px;padding:.7rem 1rem;border-radius:.5rem;font-size:1.1rem;text-align:center;text-decoration:none;border:2px solid #0b4ea2;cursor:pointer;font-family:inherit}
.langs a{background:#eef4fc;color:#0b4ea2}
button.primary,.button.primary{background:#0b4ea2;color:#fff}
button.secondary{background:#fff;color:#0b4ea2}
fieldset{border:0;margin:0 0 1.5rem;padding:0}
legend,.question{font-weight:600;font-size:1.1rem;margin-bottom:.5rem;padding:0}
.help{color:#444;margin:.25rem 0 .5rem}
.option{display:flex;align-items:center;gap:.75rem;min-height:48px;padding:.35rem .6rem;margin:.35rem 0;border:1px solid #b8c4d6;border-radius:.5rem}
.option input{width:1.5rem;height:1.5rem;flex:none;margin:0}
.option label{flex:1;padding:.4rem 0;display:flex;align-items:center;gap:.6rem}
.face{flex:none}
audio.listen{display:block;width:100%;max-width:20rem;height:44px;margin:.25rem 0}
.option audio.listen{width:9rem;flex:none}
.read-aloud{display:inline-block;min-height:44px;font-size:1rem;padding:.4rem .8rem;margin:.25rem 0 .5rem}
.other{margin:.25rem 0 .5rem;padding-inline-start:2.6rem}
input[type=text],textarea{width:100%;min-height:48px;font:inherit;padding:.5rem;border:2px solid #6b7a90;border-radius:.4rem}
input.number{max-width:8rem}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
.errors{border:3px solid #b00020;padding:.5rem 1rem;margin-bottom:1rem;border-radius:.5rem}
.nav{display:flex;gap:.75rem;margin-top:1.5rem}
.nav .primary{flex:2;order:2}
.nav .secondary{flex:1;order:1}
progress{width:100%;height:.75rem}
.progress{font-size:.9rem;color:#444;margin:0}
.code{white-space:nowrap;unicode-bidi:isolate}
footer{max-width:40rem;margin:2rem auto;padding:0 1rem;color:#555;font-size:.9rem}
table{border-collapse:collapse;margin:1rem 0}
th,td{border-bottom:1px solid #ccd;padding:.35rem .6rem;text-align:start}
td.num,th.num{text-align:end;font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#fff3cd;border:1px solid #c9a227;font-size:.85rem}
.topbar{display:flex;justify-content:space-between;align-items:center;gap:1rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

// The report's look, on screen and on A4: Noto Sans (inlined), chapters on a new page, captions above tables
// and figures as the report sets them, right-aligned numbers, a bold Totaal row, and nothing cut across a
// page break (tables repeat their heading row; a row, a caption with its table, a figure stay whole).
export const REPORT_CSS = `
:root{--ink:#1a1a1a;--rule:#4a4a4a;--soft:#5a5a5a;--accent:#08306b;--band:#eef3f8}
*{box-sizing:border-box}
html{font-family:'Noto Sans Ethiopic','Noto Sans Arabic',sans-serif;color:var(--ink);font-size:10pt;line-height:1.4}
body{margin:0 auto;max-width:190mm;padding:8mm 6mm 20mm}
h1,h2,h3,h4{color:var(--accent);line-height:1.25;break-after:avoid;break-inside:avoid}
h1{font-size:18pt;margin:10mm 0 4mm}
h2{font-size:13pt;margin:7mm 0 3mm}
h3{font-size:11pt;margin:5mm 0 2mm}
h4{font-size:10pt;margin:4mm 0 2mm}
a{color:var(--accent)}
.title-page h1{font-size:24pt;margin-top:30mm}
.title-page .subtitle{font-size:14pt;color:var(--soft)}
.synthetic{border:2px solid #8a1c1c;color:#7a1010;background:#fff4f4;padding:3mm 4mm;margin:6mm 0;font-weight:700}
.meta{color:var(--soft);font-size:9pt}
nav ol{list-style:none;padding-left:0;margin:0}
nav ol ol{padding-left:6mm}
nav li{margin:1mm 0}
nav a{text-decoration:none;color:var(--ink);display:flex;gap:2mm}
nav a .dots{flex:1;border-bottom:1px dotted #999;margin-bottom:1.2mm}
nav a .page{min-width:8mm;text-align:right}
.block{margin:5mm 0 6mm;break-inside:avoid}
.block.long{break-inside:auto}
table{border-collapse:collapse;width:100%;font-size:8.6pt}
caption{caption-side:top;text-align:left;font-size:9pt;margin-bottom:1.5mm;color:var(--ink)}
caption b,.fig-caption b{color:var(--accent)}
thead th{border-bottom:1px solid var(--rule);font-weight:700;text-align:right;vertical-align:bottom;padding:1mm 1.5mm}
thead th:first-child{text-align:left}
tbody th{font-weight:400;text-align:left;padding:.8mm 1.5mm}
td{text-align:right;padding:.8mm 1.5mm;font-variant-numeric:tabular-nums;white-space:nowrap}
tr{break-inside:avoid}
tbody tr:nth-child(even){background:var(--band)}
tr.total th,tr.total td{font-weight:700;border-top:1px solid var(--rule);background:none}
tr.heading th{font-weight:700}
td.earlier,th.earlier{color:var(--soft)}
td.marked{font-weight:700}
.text-table td{text-align:left;white-space:normal;vertical-align:top}
.notes{font-size:8pt;color:var(--soft);margin:1.5mm 0 0}
.notes p{margin:.5mm 0}
figure{margin:0}
.fig-caption{font-size:9pt;margin-bottom:1.5mm}
.chart svg{max-width:100%;height:auto;display:block}
.findings{font-size:8.4pt;margin:1.5mm 0 0}
.findings h5{font-size:8.4pt;margin:0 0 .5mm;color:var(--ink)}
.findings ul{margin:0;padding-left:5mm}
.box{border:1px solid var(--accent);background:#f4f7fb;padding:3mm 4mm;margin:5mm 0;break-inside:avoid}
.box h4{margin-top:0}
blockquote{margin:2mm 0 2mm 6mm;font-style:italic;break-inside:avoid}
blockquote footer{font-style:normal;color:var(--soft);font-size:8.6pt}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.omitted{color:var(--soft);font-style:italic}
@page{size:A4;margin:18mm 16mm 20mm}
@media print{
  body{max-width:none;padding:0}
  h1.chapter{break-before:page}
  .title-page{break-after:page}
  nav.toc{break-after:page}
  a{color:inherit;text-decoration:none}
}
`;
